package s2c.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.targets.kubernetes.KubernetesTarget;
import s2c.testing.Models;

/** Model in, chart values out: what the chart's templates render from. */
class ChartModelTest {
  /**
   * The fixture's values file also carries DigitalOcean's settings and state backend; this module
   * registers only the Kubernetes target, whose values schema has neither, so they are deleted.
   */
  private static ChartValues values(String... sets) {
    String[] all = new String[sets.length + 2];
    all[0] = "state_backend=null";
    all[1] = "providers.digitalocean=null";
    System.arraycopy(sets, 0, all, 2, sets.length);
    return TestCharts.model(
            Models.of(
                new KubernetesTarget(),
                "multi-service/bundle.yaml",
                "multi-service/values.prod.yaml",
                all),
            new ArrayList<Diagnostic>())
        .values();
  }

  @Test
  void servicesAndSecretsBecomeValues() {
    ChartValues v = values();
    assertThat(v.services()).containsOnlyKeys("api", "web", "reconciler");
    assertThat(v.externalSecrets()).containsKey("stripe-key");
    assertThat(v.externalSecrets().get("stripe-key").remoteKey()).isEqualTo("stripe_key");
    assertThat(v.migrations().helmHook()).isTrue();
  }

  @Test
  void theIngressFollowsTheDomainAndTheSettings() {
    ChartValues.Ingress ingress = values().ingress();
    assertThat(ingress.host()).isEqualTo("ledger.example.com");
    assertThat(ingress.className()).isEqualTo("nginx");
    assertThat(ingress.tls().enabled()).isTrue();
    ChartValues.Ingress custom =
        values(
                "providers.kubernetes.ingress_class=traefik",
                "providers.kubernetes.ingress_host=books.example.com")
            .ingress();
    assertThat(custom.className()).isEqualTo("traefik");
    assertThat(custom.host()).isEqualTo("books.example.com");
  }

  @Test
  void theSecretStoreComesFromTheSettings() {
    ChartValues.SecretStore store =
        values("providers.kubernetes.secret_store_kind=SecretStore").secretStore();
    assertThat(store.kind()).isEqualTo("SecretStore");
    assertThat(store.name()).isEqualTo("vault-backend");
  }

  @Test
  void oneHealthCheckGivesThreeProbesThatToleratePatienceDifferently() {
    ChartValues.ServiceValues api = values().services().get("api");
    ChartValues.Probe readiness = api.readinessProbe().orElseThrow();
    assertThat(readiness.type()).isEqualTo("http");
    assertThat(readiness.path()).contains("/health");
    assertThat(api.livenessProbe().orElseThrow().failureThreshold())
        .isEqualTo(2 * readiness.failureThreshold());
    assertThat(api.startupProbe().orElseThrow().periodSeconds())
        .isEqualTo(readiness.periodSeconds());
  }

  @Test
  void onlyDependentsAndTheirMigrationsReachAServiceAndEveryConsumerReachesTheResources() {
    ChartValues v = values();
    assertThat(v.services().get("api").allowFrom()).contains(List.of("web"));
    assertThat(v.services().get("reconciler").allowFrom()).isEmpty();
    assertThat(v.backingResources().get("postgres").allowFrom())
        .containsExactly("api", "api-migration", "reconciler");
    assertThat(v.services().get("web").uses()).isEmpty();
  }

  @Test
  void aResourceMadeExternalRunsNothingInTheCluster() {
    ChartValues.ResourceValues redis =
        values("resources.redis.mode=external").backingResources().get("redis");
    assertThat(redis.mode()).isEqualTo("external");
    assertThat(redis.externalRemoteKey()).isEqualTo("redis_url");
  }

  @Test
  void aVolumeBecomesAClaimAtDataAndAReadWriteOnceOneWarnsWithSeveralReplicas() {
    List<Diagnostic> diagnostics = new ArrayList<>();
    ChartValues.ServiceValues api =
        TestCharts.model(
                Models.of(
                    new KubernetesTarget(),
                    "multi-service/bundle.yaml",
                    "multi-service/values.prod.yaml",
                    "state_backend=null",
                    "providers.digitalocean=null",
                    "resources.postgres.ha=true",
                    "services.api.volume.size=20Gi"),
                diagnostics)
            .values()
            .services()
            .get("api");
    assertThat(api.persistence())
        .isEqualTo(new ChartValues.Persistence(true, "20Gi", "ReadWriteOnce", ""));
    assertThat(api.writableDirs()).contains("/data");
    assertThat(diagnostics)
        .anyMatch(d -> d.code().equals(s2c.diag.Codes.VOLUME_UNAVAILABLE))
        .anyMatch(d -> d.code().equals(s2c.diag.Codes.HA_UNAVAILABLE));
    assertThat(values().services().get("web").persistence().enabled()).isFalse();
  }

  @Test
  void imagesSplitIntoRepositoryTagAndDigest() {
    assertThat(ChartValues.ImageRef.parse("ghcr.io/a/b:1.2"))
        .isEqualTo(new ChartValues.ImageRef("ghcr.io/a/b", "1.2", ""));
    assertThat(ChartValues.ImageRef.parse("localhost:5000/b@sha256:ab"))
        .isEqualTo(new ChartValues.ImageRef("localhost:5000/b", "", "sha256:ab"));
    assertThat(ChartValues.ImageRef.parse("busybox"))
        .isEqualTo(new ChartValues.ImageRef("busybox", "latest", ""));
  }
}
