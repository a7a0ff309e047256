#!/usr/bin/env python3
"""Writes the subset of a shared steering-tf-schema/1 provider file that scenario-to-cloud renders.

Usage: extract-tf-subset.py SOURCE.json OUT.json TYPE... [--data TYPE...]
Every resource type not named is moved to omitted_resource_types (so the validator can say "outside
the shipped subset" instead of "unknown"); data sources likewise.
"""
import json
import sys


def main(argv):
    src, out, rest = argv[0], argv[1], argv[2:]
    data = rest[rest.index("--data") + 1:] if "--data" in rest else []
    resources = rest[: rest.index("--data")] if "--data" in rest else rest
    with open(src) as f:
        schema = json.load(f)
    kept = {t: schema["resource_schemas"][t] for t in sorted(resources)}
    kept_data = {t: schema["data_source_schemas"][t] for t in sorted(data)}
    omitted = sorted(
        set(schema.get("omitted_resource_types", [])) | set(schema["resource_schemas"]) - set(kept))
    omitted_data = sorted(
        set(schema.get("omitted_data_source_types", []))
        | set(schema["data_source_schemas"]) - set(kept_data))
    subset = {
        "format": schema["format"],
        "provider": schema["provider"],
        "provider_source": schema["provider_source"],
        "provider_version": schema["provider_version"],
        "source": schema["source"],
        "subset_note": "Subset of shared/terraform/" + src.split("/")[-1]
        + " (extracted from npm " + schema["source"]
        + ", see schemas/README.md) by schemas/tools/extract-tf-subset.py: only the types"
        " scenario-to-cloud renders; other types are reported as outside the subset.",
        "terraform": schema["terraform"],
        "provider_schema": schema["provider_schema"],
        "omitted_resource_types": omitted,
        "omitted_data_source_types": omitted_data,
        "resource_schemas": kept,
        "data_source_schemas": kept_data,
    }
    with open(out, "w") as f:
        json.dump(subset, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
