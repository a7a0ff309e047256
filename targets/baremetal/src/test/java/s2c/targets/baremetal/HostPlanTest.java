package s2c.targets.baremetal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.testing.Models;

/** Model in, host variables out: what the playbook and the shell twin both act on. */
class HostPlanTest {
  private static Map<String, Object> vars(String... sets) {
    return new HostPlan(
            Models.of(
                new BaremetalTarget(),
                "baremetal-demo/bundle.json",
                "baremetal-demo/values.yaml",
                sets),
            new ArrayList<Diagnostic>())
        .vars();
  }

  @Test
  void settingsArriveTyped() {
    Map<String, Object> v =
        vars("providers.baremetal.keep_releases=7", "providers.baremetal.lock_wait=0");
    assertThat(v.get("s2c_keep_releases")).isEqualTo(7);
    assertThat(v.get("s2c_lock_wait")).isEqualTo(0);
    assertThat(v.get("s2c_vault_path")).isEqualTo("secret/s2c-e2e-demo/dev");
  }

  @Test
  void servicesSecretsAndTheEdgeAreVariables() {
    Map<String, Object> v = vars();
    assertThat((List<?>) v.get("s2c_services")).isNotEmpty();
    assertThat(v.get("s2c_root")).isEqualTo("/opt/s2c-e2e-demo");
    assertThat(v.get("s2c_edge")).isEqualTo(true);
    assertThat(v.get("s2c_dns_policy")).isEqualTo("skip"); // the fixture's setting
    assertThat(v.get("s2c_input_secrets").toString()).contains("DEMO_TOKEN");
    assertThat(v.get("s2c_generated_secrets").toString()).contains("signing_key");
  }

  /** Without a setting, a domain must resolve to the host and no domain skips the check. */
  @Test
  void aDomainMakesDnsRequired() {
    assertThat(vars("providers.baremetal.dns_policy=null").get("s2c_dns_policy")).isEqualTo("skip");
    assertThat(
            vars("providers.baremetal.dns_policy=null", "domain=demo.example.com")
                .get("s2c_dns_policy"))
        .isEqualTo("required");
    assertThat(
            vars("domain=demo.example.com", "providers.baremetal.dns_policy=warn")
                .get("s2c_dns_policy"))
        .isEqualTo("warn");
  }
}
