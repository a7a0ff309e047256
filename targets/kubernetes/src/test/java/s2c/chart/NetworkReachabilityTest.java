package s2c.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

class NetworkReachabilityTest {
  static final String DATABASE =
      """
      kind: Service
      metadata: {name: r-db}
      spec: {selector: {app: x, component: db}}
      ---
      kind: StatefulSet
      metadata: {name: r-db}
      spec: {template: {metadata: {labels: {app: x, component: db}}, spec: {containers: [{name: db}]}}}
      ---
      kind: NetworkPolicy
      metadata: {name: r-db}
      spec:
        podSelector: {matchLabels: {app: x, component: db}}
        policyTypes: [Ingress]
        ingress: [{from: [{podSelector: {matchLabels: {component: api}}}]}]
      ---
      kind: Deployment
      metadata: {name: r-api}
      spec:
        template:
          metadata: {labels: {app: x, component: api}}
          spec:
            initContainers: [{name: wait, command: [sh, -c, "until nc -z r-db 5432; do sleep 2; done"]}]
            containers: [{name: api, env: [{name: DATABASE_URL, value: "postgres://app@r-db:5432/x"}]}]
      """;

  static List<JsonNode> objects(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(yaml)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void aPodThePoliciesAdmitReachesItsDatabase() {
    assertThat(NetworkReachability.check(objects(DATABASE), "chart/", "render")).isEmpty();
  }

  @Test
  void aMigrationJobThePoliciesDoNotAdmitIsReportedWithBothEnds() {
    String job =
        DATABASE
            + """
        ---
        kind: Job
        metadata: {name: r-api-migrate}
        spec:
          template:
            metadata: {labels: {app: x, component: api-migration}}
            spec: {containers: [{name: migrate, env: [{name: DATABASE_URL, value: "postgres://app@r-db:5432/x"}]}]}
        """;
    List<Diagnostic> found = NetworkReachability.check(objects(job), "chart/", "render");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).code()).isEqualTo("S2C086");
    assertThat(found.get(0).message())
        .contains(
            "Job/r-api-migrate addresses Service/r-db (pods of StatefulSet/r-db)",
            "component=api-migration");
  }

  @Test
  void aNameThatOnlyStartsLikeTheServiceIsNotAnAddress() {
    String other =
        DATABASE
            + """
        ---
        kind: Deployment
        metadata: {name: r-web}
        spec:
          template:
            metadata: {labels: {app: x, component: web}}
            spec: {containers: [{name: web, env: [{name: X, value: "http://r-db-admin:80"}]}]}
        """;
    assertThat(NetworkReachability.check(objects(other), "chart/", "render")).isEmpty();
  }
}
