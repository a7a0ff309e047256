package s2c.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.testing.Models;

/** Model in, chart values out: what the chart's templates render from. */
class ChartModelTest {
  /**
   * The fixture's values file also carries DigitalOcean's settings and state backend; this module
   * registers only the Kubernetes target, whose values schema has neither, so they are deleted.
   */
  private static Map<String, Object> values(String... sets) {
    String[] all = new String[sets.length + 2];
    all[0] = "state_backend=null";
    all[1] = "providers.digitalocean=null";
    System.arraycopy(sets, 0, all, 2, sets.length);
    return new ChartModel(
            Models.of(
                new KubernetesTarget(),
                "multi-service/bundle.yaml",
                "multi-service/values.prod.yaml",
                all),
            new ArrayList<Diagnostic>())
        .values();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void servicesAndSecretsBecomeValues() {
    Map<String, Object> v = values();
    assertThat(map(v.get("services"))).containsKeys("api", "web", "reconciler");
    assertThat(map(v.get("externalSecrets"))).containsKey("stripe-key");
    assertThat(map(v.get("migrations")).get("helmHook")).isEqualTo(true);
  }

  @Test
  void theIngressFollowsTheDomainAndTheSettings() {
    Map<String, Object> ingress = map(values().get("ingress"));
    assertThat(ingress.get("host")).isEqualTo("ledger.example.com");
    assertThat(ingress.get("className")).isEqualTo("nginx");
    Map<String, Object> custom =
        map(
            values(
                    "providers.kubernetes.ingress_class=traefik",
                    "providers.kubernetes.ingress_host=books.example.com")
                .get("ingress"));
    assertThat(custom.get("className")).isEqualTo("traefik");
    assertThat(custom.get("host")).isEqualTo("books.example.com");
  }

  @Test
  void theSecretStoreComesFromTheSettings() {
    Map<String, Object> store =
        map(values("providers.kubernetes.secret_store_kind=SecretStore").get("secretStore"));
    assertThat(store.get("kind")).isEqualTo("SecretStore");
    assertThat(store.get("name")).isEqualTo("vault-backend");
  }
}
