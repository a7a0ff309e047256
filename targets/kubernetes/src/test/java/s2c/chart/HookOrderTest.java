package s2c.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;

class HookOrderTest {
  static final String WORLD =
      """
      kind: ExternalSecret
      metadata: {name: r-db-url, annotations: {argocd.argoproj.io/sync-wave: "-2"}}
      spec: {target: {name: r-db-url}}
      ---
      kind: Service
      metadata: {name: r-db, annotations: {argocd.argoproj.io/sync-wave: "-1"}}
      spec: {selector: {component: db}}
      ---
      kind: StatefulSet
      metadata: {name: r-db, annotations: {argocd.argoproj.io/sync-wave: "-1"}}
      spec: {template: {metadata: {labels: {component: db}}, spec: {containers: [{name: db}]}}}
      """;

  static String job(String annotations) {
    return """
        ---
        kind: Job
        metadata: {name: r-migrate, annotations: {%s}}
        spec:
          template:
            metadata: {labels: {component: api-migration}}
            spec:
              containers:
                - name: migrate
                  env:
                    - {name: DATABASE_URL, value: "postgres://app@r-db:5432/x"}
                    - {name: SECRET_URL, valueFrom: {secretKeyRef: {name: r-db-url, key: url}}}
        """
        .formatted(annotations);
  }

  static List<Diagnostic> check(String yaml) {
    return HookOrder.check(NetworkReachabilityTest.objects(yaml), "chart/", "render");
  }

  @Test
  void theChartsOrderPassesInHelmAndArgo() {
    assertThat(
            check(
                WORLD
                    + job(
                        "helm.sh/hook: \"post-install,pre-upgrade\", argocd.argoproj.io/hook: Sync, "
                            + "argocd.argoproj.io/sync-wave: \"1\"")))
        .isEmpty();
  }

  @Test
  void aPreInstallMigrationReadingAReleaseSecretIsReportedForHelm() {
    List<Diagnostic> found =
        check(
            WORLD
                + job(
                    "helm.sh/hook: \"pre-install,pre-upgrade\", argocd.argoproj.io/hook: Sync, "
                        + "argocd.argoproj.io/sync-wave: \"1\""));
    assertThat(found)
        .extracting(Diagnostic::message)
        .anyMatch(
            m ->
                m.contains("Job/r-migrate reads Secret/r-db-url, made by ExternalSecret/r-db-url")
                    && m.contains("Helm does not create before it"));
    assertThat(found).extracting(Diagnostic::code).containsOnly("S2C088");
  }

  @Test
  void helmHooksAloneRunTheMigrationBeforeItsDatabaseUnderArgo() {
    // without Argo's own annotation, pre-upgrade maps to PreSync: before the database (wave -1)
    // exists
    List<Diagnostic> found = check(WORLD + job("helm.sh/hook: \"post-install,pre-upgrade\""));
    assertThat(found)
        .extracting(Diagnostic::message)
        .anyMatch(
            m ->
                m.contains("addresses Service/r-db served by StatefulSet/r-db")
                    && m.contains("Argo CD does not sync before it"));
  }
}
