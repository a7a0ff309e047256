package s2c.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.spi.Checks;
import s2c.spi.RenderContext;
import s2c.spi.RenderedTree;
import s2c.write.JsonOutput;
import s2c.write.Ordered;
import s2c.write.YamlOutput;

/**
 * The chart of a deployment as a library: every target that runs workloads on Kubernetes renders
 * and checks the same chart through this class (the kubernetes target for a cluster someone else
 * runs, AWS's EKS flavour for the cluster it creates), so there is one chart, never a copy.
 */
public final class HelmCharts {
  private HelmCharts() {}

  /**
   * What a rendered chart needs from the platform under it.
   *
   * @param requests what the workloads request at their most replicas (autoscaling maximum)
   * @param storeKeys the secret store keys the chart's ExternalSecrets read, below {@code
   *     secretStore.keyPrefix}, with the secret class of each (a resource's endpoint is
   *     remote_fetch)
   * @param exposed whether anything is routed from outside (an Ingress is rendered)
   * @param deployments the component label of each Deployment the chart runs
   * @param statefulSets the component label of each in-cluster backing resource's StatefulSet
   */
  public record Chart(
      Capacity requests,
      SortedMap<String, String> storeKeys,
      boolean exposed,
      java.util.SortedSet<String> deployments,
      java.util.SortedSet<String> statefulSets) {}

  /** CPU in millicores and memory in MiB. */
  public record Capacity(long milliCpu, long memoryMi) {
    public Capacity plus(Capacity other) {
      return new Capacity(milliCpu + other.milliCpu, memoryMi + other.memoryMi);
    }

    public Capacity times(double factor) {
      return new Capacity((long) Math.ceil(milliCpu * factor), (long) Math.ceil(memoryMi * factor));
    }
  }

  /** Writes {@code chart/<scenario>/…} and {@code values/<env>.yaml} into {@code tree}. */
  public static Chart render(
      Deployment d,
      ChartPlatform platform,
      RenderContext context,
      RenderedTree.Builder tree,
      List<Diagnostic> diagnostics) {
    ChartValues values = new ChartModel(d, platform, diagnostics).values();
    String chart = "chart/" + d.scenario() + "/";
    tree.text(
        chart + "Chart.yaml", YamlOutput.write(ChartChecks.chartYaml(d, context, diagnostics)));
    tree.text(chart + "values.yaml", YamlOutput.write(values));
    tree.text(chart + "values.schema.json", JsonOutput.write(ValuesSchema.of(values)));
    tree.text(chart + ".helmignore", ChartChecks.resource("chart/.helmignore"));
    for (String t : ChartChecks.TEMPLATES) {
      tree.text(chart + "templates/" + t, ChartChecks.resource("chart/templates/" + t));
    }
    tree.text(
        "values/" + d.environment() + ".yaml", YamlOutput.write(environmentValues(d, values)));
    return summary(values);
  }

  /**
   * The chart checks of the kubernetes target: Helm renders the chart (in this process), every
   * object strictly valid, nothing but the chart's own objects, reachability and hook order; {@code
   * helm lint --strict} under {@link Checks#FULL}.
   */
  public static List<Diagnostic> validate(RenderedTree tree, String displayRoot, Checks checks) {
    return ChartChecks.validateChart(tree, displayRoot, checks);
  }

  /**
   * Strict schema checks of manifests that are not part of the chart (cluster objects a target
   * applies before it), the same rules as the chart's objects.
   */
  public static List<Diagnostic> validateManifest(String yaml, String where) {
    List<Diagnostic> out = new ArrayList<>();
    ChartChecks.checkObjects(ChartChecks.objects(yaml, where, where, out), where, where, out);
    return out;
  }

  /** The backing resources the chart runs from pinned images, as the catalogue targets show. */
  public static SortedMap<String, s2c.spi.ResourceSupport> resourceCatalogue() {
    return ResourceImages.asData();
  }

  static Chart summary(ChartValues values) {
    Capacity total = new Capacity(0, 0);
    for (ChartValues.ServiceValues s : values.services().values()) {
      if (s.enabled()) {
        int most = s.autoscaling().enabled() ? s.autoscaling().maxReplicas() : s.replicas();
        total = total.plus(capacity(s.resources().requests()).times(most));
      }
    }
    for (ChartValues.ResourceValues r : values.backingResources().values()) {
      if (r.enabled() && !r.mode().equals("external")) {
        total = total.plus(capacity(r.resources().requests()));
      }
    }
    TreeMap<String, String> keys = new TreeMap<>();
    values.externalSecrets().values().forEach(s -> keys.put(s.remoteKey(), s.secretClass()));
    values.backingResources().values().stream()
        .filter(r -> r.enabled() && r.mode().equals("external"))
        .forEach(r -> keys.put(r.externalRemoteKey(), "remote_fetch"));
    boolean exposed =
        values.ingress().enabled()
            && values.services().values().stream()
                .anyMatch(s -> s.enabled() && s.expose().enabled() && !s.ports().isEmpty());
    java.util.TreeSet<String> deployments = new java.util.TreeSet<>();
    values
        .services()
        .forEach(
            (id, s) -> {
              if (s.enabled()) {
                deployments.add(id);
              }
            });
    java.util.TreeSet<String> statefulSets = new java.util.TreeSet<>();
    values
        .backingResources()
        .forEach(
            (id, r) -> {
              if (r.enabled() && !r.mode().equals("external")) {
                statefulSets.add(id);
              }
            });
    return new Chart(
        total,
        java.util.Collections.unmodifiableSortedMap(keys),
        exposed,
        java.util.Collections.unmodifiableSortedSet(deployments),
        java.util.Collections.unmodifiableSortedSet(statefulSets));
  }

  /** The two forms {@link ChartModel} writes: cpu "250m" or cores, memory "512Mi" or "1Gi". */
  static Capacity capacity(ChartValues.ResourceList list) {
    String cpu = list.cpu();
    long milli =
        cpu.endsWith("m")
            ? Long.parseLong(cpu.substring(0, cpu.length() - 1))
            : new BigDecimal(cpu).movePointRight(3).longValueExact();
    String memory = list.memory();
    String amount = memory.substring(0, Math.max(0, memory.length() - 2));
    long mi;
    if (memory.endsWith("Gi")) {
      mi = Long.parseLong(amount) * 1024;
    } else if (memory.endsWith("Mi")) {
      mi = Long.parseLong(amount);
    } else {
      throw new IllegalArgumentException("memory not in Mi or Gi: " + memory);
    }
    return new Capacity(milli, mi);
  }

  /**
   * What differs per environment: the file Argo CD and Flux pass on top of the chart's defaults.
   */
  private static Map<String, Object> environmentValues(Deployment d, ChartValues values) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("environment", d.environment());
    env.put("ingress", Ordered.map("host", values.ingress().host()));
    Map<String, Object> services = new TreeMap<>();
    values
        .services()
        .forEach(
            (id, svc) ->
                services.put(id, Ordered.map("image", svc.image(), "replicas", svc.replicas())));
    env.put("services", services);
    return env;
  }
}
