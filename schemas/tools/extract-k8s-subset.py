#!/usr/bin/env python3
"""Writes the part of the Kubernetes OpenAPI (swagger 2.0) definitions that scenario-to-cloud's
charts use: the kinds below and every definition they reference, unchanged.

    python3 schemas/tools/extract-k8s-subset.py ../shared/kubernetes/kubernetes-1.30.9.openapi.json \
        schemas/src/main/resources/s2c/schemas/kubernetes/k8s-1.30.9-subset.json
"""
import json
import sys

ROOTS = [
    "io.k8s.api.apps.v1.Deployment",
    "io.k8s.api.apps.v1.StatefulSet",
    "io.k8s.api.batch.v1.Job",
    "io.k8s.api.core.v1.Service",
    "io.k8s.api.core.v1.ServiceAccount",
    "io.k8s.api.core.v1.Secret",
    "io.k8s.api.core.v1.ConfigMap",
    "io.k8s.api.core.v1.PersistentVolumeClaim",
    "io.k8s.api.networking.v1.Ingress",
    "io.k8s.api.networking.v1.NetworkPolicy",
    "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
    "io.k8s.api.policy.v1.PodDisruptionBudget",
    # cluster objects the EKS flavour of the aws target applies before the chart
    "io.k8s.api.storage.v1.StorageClass",
    "io.k8s.api.networking.v1.IngressClass",
]


def refs(node, out):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            out.add(ref[len("#/definitions/"):])
        for value in node.values():
            refs(value, out)
    elif isinstance(node, list):
        for value in node:
            refs(value, out)


def main(source, target):
    with open(source, encoding="utf-8") as f:
        spec = json.load(f)
    definitions = spec["definitions"]
    keep, todo = set(), list(ROOTS)
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        found = set()
        refs(definitions[name], found)
        todo.extend(found - keep)
    subset = {
        "source": "definitions of kubernetes-1.30.9.openapi.json (Kubernetes v1.30.9 swagger), reachable from the roots below; unchanged",
        "info": spec.get("info", {}),
        "roots": ROOTS,
        "definitions": {name: definitions[name] for name in sorted(keep)},
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(subset, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(keep)} definitions written to {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
