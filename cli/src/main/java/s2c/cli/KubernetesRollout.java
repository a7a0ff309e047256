package s2c.cli;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentCondition;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;

/**
 * The Kubernetes side of {@code verify}: reads the release through the API (the plan's {@code
 * rollout}: namespace, release, components) until every object is done or the deadline passes, the
 * way {@code kubectl rollout status} judges a Deployment. Each Deployment available at its
 * revision, each StatefulSet ready, each migration Job succeeded (a Job Helm deleted after success
 * is not there to check), and the Argo CD Application synced and healthy and the Flux HelmRelease
 * ready when they exist. A failure names the object and the condition.
 */
final class KubernetesRollout {
  private static final String INSTANCE = "app.kubernetes.io/instance";
  private static final String COMPONENT = "app.kubernetes.io/component";

  /** Where an object stands: done well, not yet, or failed for good. */
  enum State {
    OK,
    WAITING,
    FAILED
  }

  record Observation(String name, String url, State state, String expected, String got) {}

  private final ApiClient client;
  private final Duration interval;

  KubernetesRollout(ApiClient client, Duration interval) {
    this.client = client;
    this.interval = interval;
  }

  /**
   * Polls until every object is OK, one has FAILED, or the deadline; the last look is the result.
   */
  List<SmokeRunner.Result> run(JsonNode rollout, Instant deadline) throws InterruptedException {
    int attempts = 0;
    List<Observation> seen;
    while (true) {
      attempts++;
      seen = observe(rollout);
      boolean settled =
          seen.stream().allMatch(o -> o.state() == State.OK)
              || seen.stream().anyMatch(o -> o.state() == State.FAILED);
      if (settled || Instant.now().plus(interval).isAfter(deadline)) {
        break;
      }
      Thread.sleep(interval.toMillis());
    }
    int tries = attempts;
    return seen.stream()
        .map(
            o ->
                new SmokeRunner.Result(
                    o.name(),
                    o.url(),
                    o.state() == State.OK,
                    tries,
                    o.expected(),
                    o.state() == State.WAITING ? o.got() + " at the deadline" : o.got()))
        .toList();
  }

  List<Observation> observe(JsonNode rollout) {
    String namespace = rollout.path("namespace").asString();
    String selector = INSTANCE + "=" + rollout.path("release").asString();
    List<Observation> out = new ArrayList<>();
    String base = client.getBasePath() + "/apis/apps/v1/namespaces/" + namespace;
    try {
      List<V1Deployment> deployments =
          new AppsV1Api(client)
              .listNamespacedDeployment(namespace)
              .labelSelector(selector)
              .execute()
              .getItems();
      for (JsonNode component : rollout.path("deployments")) {
        String c = component.asString();
        Optional<V1Deployment> d =
            deployments.stream()
                .filter(x -> c.equals(label(x.getMetadata(), COMPONENT)))
                .findFirst();
        out.add(
            d.map(x -> deployment(x, base + "/deployments/" + x.getMetadata().getName()))
                .orElseGet(() -> missing("Deployment", c, selector, base + "/deployments")));
      }
      List<V1StatefulSet> sets =
          new AppsV1Api(client)
              .listNamespacedStatefulSet(namespace)
              .labelSelector(selector)
              .execute()
              .getItems();
      for (JsonNode component : rollout.path("stateful_sets")) {
        String c = component.asString();
        Optional<V1StatefulSet> s =
            sets.stream().filter(x -> c.equals(label(x.getMetadata(), COMPONENT))).findFirst();
        out.add(
            s.map(x -> statefulSet(x, base + "/statefulsets/" + x.getMetadata().getName()))
                .orElseGet(() -> missing("StatefulSet", c, selector, base + "/statefulsets")));
      }
      String jobs = client.getBasePath() + "/apis/batch/v1/namespaces/" + namespace + "/jobs/";
      new BatchV1Api(client)
          .listNamespacedJob(namespace).labelSelector(selector).execute().getItems().stream()
              .filter(
                  j ->
                      Objects.requireNonNullElse(label(j.getMetadata(), COMPONENT), "")
                          .endsWith("-migration"))
              .forEach(j -> out.add(job(j, jobs + j.getMetadata().getName())));
      gitops(rollout.path("argocd_application"), "argoproj.io", "v1alpha1", "applications")
          .ifPresent(app -> out.add(argo(rollout.path("argocd_application"), app)));
      gitops(rollout.path("flux_helmrelease"), "helm.toolkit.fluxcd.io", "v2", "helmreleases")
          .ifPresent(release -> out.add(flux(rollout.path("flux_helmrelease"), release)));
    } catch (ApiException e) {
      out.clear();
      out.add(apiError(e, namespace));
    } catch (RuntimeException e) {
      // the client checks answers against its model: an object it cannot read is named, not thrown
      out.clear();
      out.add(
          new Observation(
              "Kubernetes API",
              client.getBasePath(),
              State.FAILED,
              "objects the client can read",
              "an answer it could not read: " + e.getMessage()));
    }
    return out;
  }

  private static String label(io.kubernetes.client.openapi.models.V1ObjectMeta meta, String key) {
    return meta == null || meta.getLabels() == null ? null : meta.getLabels().get(key);
  }

  private static Observation missing(String kind, String component, String selector, String url) {
    return new Observation(
        kind + " " + component,
        url,
        State.WAITING,
        "a " + kind + " labelled " + selector + "," + COMPONENT + "=" + component,
        "none in the namespace");
  }

  /** As kubectl rollout status: observed, all replicas updated, no old ones left, all available. */
  static Observation deployment(V1Deployment d, String url) {
    String name = "Deployment " + d.getMetadata().getName();
    String revision =
        Optional.ofNullable(d.getMetadata().getAnnotations())
            .map(a -> a.get("deployment.kubernetes.io/revision"))
            .orElse("?");
    String expected = "available at its revision";
    var status = d.getStatus();
    if (status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() < generation(d.getMetadata())) {
      return new Observation(
          name,
          url,
          State.WAITING,
          expected,
          "the controller has not seen generation " + d.getMetadata().getGeneration());
    }
    for (V1DeploymentCondition c :
        Objects.requireNonNullElse(status.getConditions(), List.<V1DeploymentCondition>of())) {
      if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
        return new Observation(
            name,
            url,
            State.FAILED,
            expected,
            "condition Progressing="
                + c.getStatus()
                + " reason ProgressDeadlineExceeded: "
                + c.getMessage());
      }
    }
    int wanted =
        d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int updated = orZero(status.getUpdatedReplicas());
    int replicas = orZero(status.getReplicas());
    int available = orZero(status.getAvailableReplicas());
    if (updated < wanted) {
      return new Observation(
          name,
          url,
          State.WAITING,
          expected,
          updated + " of " + wanted + " replicas updated to revision " + revision);
    }
    if (replicas > updated) {
      return new Observation(
          name,
          url,
          State.WAITING,
          expected,
          (replicas - updated) + " old replica(s) pending termination");
    }
    if (available < updated) {
      return new Observation(
          name,
          url,
          State.WAITING,
          expected,
          available + " of " + updated + " updated replicas available");
    }
    return new Observation(
        name,
        url,
        State.OK,
        expected,
        available + " of " + wanted + " available at revision " + revision);
  }

  static Observation statefulSet(V1StatefulSet s, String url) {
    String name = "StatefulSet " + s.getMetadata().getName();
    String expected = "every replica ready at the update revision";
    var status = s.getStatus();
    int wanted =
        s.getSpec() == null || s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
    if (status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() < generation(s.getMetadata())) {
      return new Observation(
          name,
          url,
          State.WAITING,
          expected,
          "the controller has not seen generation " + s.getMetadata().getGeneration());
    }
    int ready = orZero(status.getReadyReplicas());
    if (ready < wanted) {
      return new Observation(
          name, url, State.WAITING, expected, ready + " of " + wanted + " replicas ready");
    }
    if (!Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
      return new Observation(
          name,
          url,
          State.WAITING,
          expected,
          "at revision "
              + status.getCurrentRevision()
              + ", updating to "
              + status.getUpdateRevision());
    }
    return new Observation(
        name,
        url,
        State.OK,
        expected,
        ready + " of " + wanted + " ready at " + status.getUpdateRevision());
  }

  static Observation job(V1Job j, String url) {
    String name = "Job " + j.getMetadata().getName();
    String expected = "condition Complete=True";
    var status = j.getStatus();
    for (V1JobCondition c :
        status == null || status.getConditions() == null
            ? List.<V1JobCondition>of()
            : status.getConditions()) {
      if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
        return new Observation(name, url, State.OK, expected, "Complete");
      }
      if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
        return new Observation(
            name,
            url,
            State.FAILED,
            expected,
            "condition Failed=True reason " + c.getReason() + ": " + c.getMessage());
      }
    }
    return new Observation(
        name,
        url,
        State.WAITING,
        expected,
        "running: "
            + (status == null ? 0 : orZero(status.getActive()))
            + " active, "
            + (status == null ? 0 : orZero(status.getFailed()))
            + " failed pod(s)");
  }

  /** The GitOps object named in the plan, when the cluster has it (404: not installed that way). */
  private Optional<JsonNode> gitops(JsonNode ref, String group, String version, String plural)
      throws ApiException {
    if (!ref.isObject()) {
      return Optional.empty();
    }
    try {
      Object found =
          new CustomObjectsApi(client)
              .getNamespacedCustomObject(
                  group,
                  version,
                  ref.path("namespace").asString(),
                  plural,
                  ref.path("name").asString())
              .execute();
      return Optional.of(JsonOutput.mapper().readTree(client.getJSON().serialize(found)));
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Observation argo(JsonNode ref, JsonNode app) {
    String name = "Argo CD Application " + ref.path("name").asString();
    String url =
        client.getBasePath()
            + "/apis/argoproj.io/v1alpha1/namespaces/"
            + ref.path("namespace").asString()
            + "/applications/"
            + ref.path("name").asString();
    String expected = "sync Synced, health Healthy";
    String sync = app.path("status").path("sync").path("status").asString("Unknown");
    String health = app.path("status").path("health").path("status").asString("Unknown");
    String phase = app.path("status").path("operationState").path("phase").asString("");
    String got = "sync " + sync + ", health " + health;
    if (phase.equals("Failed") || phase.equals("Error")) {
      return new Observation(
          name,
          url,
          State.FAILED,
          expected,
          got
              + ", last sync "
              + phase
              + ": "
              + app.path("status").path("operationState").path("message").asString(""));
    }
    if (health.equals("Degraded")) {
      return new Observation(
          name,
          url,
          State.FAILED,
          expected,
          got + withMessage(app.path("status").path("health").path("message")));
    }
    boolean ok = sync.equals("Synced") && health.equals("Healthy");
    return new Observation(name, url, ok ? State.OK : State.WAITING, expected, got);
  }

  private Observation flux(JsonNode ref, JsonNode release) {
    String name = "Flux HelmRelease " + ref.path("name").asString();
    String url =
        client.getBasePath()
            + "/apis/helm.toolkit.fluxcd.io/v2/namespaces/"
            + ref.path("namespace").asString()
            + "/helmreleases/"
            + ref.path("name").asString();
    String expected = "condition Ready=True";
    JsonNode ready = null;
    for (JsonNode c : release.path("status").path("conditions")) {
      if (c.path("type").asString().equals("Stalled")
          && c.path("status").asString().equals("True")) {
        return new Observation(
            name,
            url,
            State.FAILED,
            expected,
            "condition Stalled=True reason "
                + c.path("reason").asString()
                + withMessage(c.path("message")));
      }
      if (c.path("type").asString().equals("Ready")) {
        ready = c;
      }
    }
    if (ready == null) {
      return new Observation(name, url, State.WAITING, expected, "no Ready condition yet");
    }
    String got =
        "condition Ready="
            + ready.path("status").asString()
            + " reason "
            + ready.path("reason").asString()
            + withMessage(ready.path("message"));
    return new Observation(
        name,
        url,
        ready.path("status").asString().equals("True") ? State.OK : State.WAITING,
        expected,
        got);
  }

  private static String withMessage(JsonNode message) {
    return message.isString() && !message.asString().isBlank() ? ": " + message.asString() : "";
  }

  /** 401/403 will not change by waiting; an unreachable API might (the check keeps polling). */
  private Observation apiError(ApiException e, String namespace) {
    String got =
        e.getCode() == 0
            ? "no answer from the API: " + Objects.requireNonNullElse(e.getCause(), e).toString()
            : "HTTP " + e.getCode() + " " + reason(e);
    State state = e.getCode() == 401 || e.getCode() == 403 ? State.FAILED : State.WAITING;
    return new Observation(
        "Kubernetes API",
        client.getBasePath(),
        state,
        "read access to namespace " + namespace,
        got);
  }

  /** The Status object's message, when the API sent one. */
  private static String reason(ApiException e) {
    try {
      JsonNode status =
          JsonOutput.mapper().readTree(Objects.requireNonNullElse(e.getResponseBody(), ""));
      return status == null ? "" : status.path("message").asString("");
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  /** The object's generation; an API that omits it is taken as generation 0. */
  private static long generation(io.kubernetes.client.openapi.models.V1ObjectMeta meta) {
    return meta.getGeneration() == null ? 0 : meta.getGeneration();
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }

  /**
   * The client from {@code --kubeconfig}, else $KUBECONFIG or ~/.kube/config, else the in-cluster
   * service account; empty when there is none (the render's repo is never a source of credentials).
   */
  static Optional<ApiClient> client(java.nio.file.Path kubeconfig, Map<String, String> env)
      throws java.io.IOException {
    ApiClient client;
    if (kubeconfig != null) {
      try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(kubeconfig)) {
        io.kubernetes.client.util.KubeConfig config =
            io.kubernetes.client.util.KubeConfig.loadKubeConfig(reader);
        config.setFile(kubeconfig.toFile());
        client = io.kubernetes.client.util.ClientBuilder.kubeconfig(config).build();
      }
    } else if (env.containsKey("KUBECONFIG")
        || java.nio.file.Files.isRegularFile(
            java.nio.file.Path.of(System.getProperty("user.home"), ".kube", "config"))) {
      client = io.kubernetes.client.util.ClientBuilder.standard().build();
    } else if (env.containsKey("KUBERNETES_SERVICE_HOST")) {
      client = io.kubernetes.client.util.ClientBuilder.cluster().build();
    } else {
      return Optional.empty();
    }
    client.setConnectTimeout(10_000);
    client.setReadTimeout(30_000);
    return Optional.of(client);
  }
}
