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
  private static HostVars vars(String... sets) {
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
    HostVars v = vars("providers.baremetal.keep_releases=7", "providers.baremetal.lock_wait=0");
    assertThat(v.keepReleases()).isEqualTo(7);
    assertThat(v.lockWait()).isZero();
    assertThat(v.vaultPath()).isEqualTo("secret/s2c-e2e-demo/dev");
  }

  @Test
  void servicesSecretsAndTheEdgeAreVariables() {
    HostVars v = vars();
    assertThat(v.services()).extracting(HostVars.ServiceVars::name).contains("api");
    assertThat(v.root()).isEqualTo("/opt/s2c-e2e-demo");
    assertThat(v.edge()).isTrue();
    assertThat(v.dnsPolicy()).isEqualTo("skip"); // the fixture's setting
    assertThat(v.inputSecrets()).extracting(HostVars.InputSecret::env).contains("DEMO_TOKEN");
    assertThat(v.generatedSecrets())
        .extracting(HostVars.GeneratedSecret::id)
        .contains("signing_key");
  }

  @Test
  void volumesCountInTheDiskPreflight() {
    assertThat(vars().minDiskMb()).isEqualTo(1024);
    assertThat(vars("services.api.volume.size=2Gi").minDiskMb()).isEqualTo(1024 + 2048);
  }

  /** Without a setting, a domain must resolve to the host and no domain skips the check. */
  @Test
  void aDomainMakesDnsRequired() {
    assertThat(vars("providers.baremetal.dns_policy=null").dnsPolicy()).isEqualTo("skip");
    assertThat(vars("providers.baremetal.dns_policy=null", "domain=demo.example.com").dnsPolicy())
        .isEqualTo("required");
    assertThat(vars("domain=demo.example.com", "providers.baremetal.dns_policy=warn").dnsPolicy())
        .isEqualTo("warn");
  }

  @Test
  void theVariablesAreWrittenInAnsiblesNamesAndTheJinjaMarkerSurvives() {
    Map<String, Object> m = vars().asMap();
    assertThat(m).containsKeys("s2c_scenario", "s2c_min_memory_mb", "s2c_generated_secrets");
    assertThat(m.keySet()).allMatch(k -> k.matches("s2c_[a-z0-9_]+"));
    assertThat(m.get("s2c_artifacts_dir")).isInstanceOf(AnsibleData.Jinja.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> api = ((List<Map<String, Object>>) m.get("s2c_services")).get(0);
    assertThat(api).containsKeys("run_script", "unit_file", "depends_on");
    // a secret the written text must never make live: every string is !unsafe, the marker is not
    String yaml = AnsibleData.write(m);
    assertThat(yaml).contains("s2c_artifacts_dir: '{{ playbook_dir }}/../artifacts'");
    assertThat(yaml).contains("s2c_scenario: !unsafe \"s2c-e2e-demo\"");
  }

  @Test
  void packagedResourcesGiveTheConsumersTheirEndpointsAndThePasswordInItsUrlForms() {
    HostVars v =
        new HostPlan(
                Models.of(
                    new BaremetalTarget(),
                    "multi-service/bundle.yaml",
                    "multi-service/values.baremetal.yaml"),
                new ArrayList<Diagnostic>())
            .vars();
    assertThat(v.resources())
        .extracting(HostVars.ResourceVars::service)
        .containsExactly("postgresql", "redis-server");
    assertThat(v.generatedSecrets())
        .extracting(HostVars.GeneratedSecret::id)
        .contains("postgres_password");
    HostVars.ServiceVars worker =
        v.services().stream().filter(s -> s.name().equals("reconciler")).findFirst().orElseThrow();
    assertThat(worker.env()).containsEntry("REDIS_URL", "redis://127.0.0.1:6379");
    HostVars.SecretUse url =
        worker.secrets().stream()
            .filter(s -> s.env().equals("DATABASE_URL"))
            .findFirst()
            .orElseThrow();
    assertThat(url.prefix()).contains("postgresql://ledger_app:");
    assertThat(url.generated()).isTrue();
  }
}
