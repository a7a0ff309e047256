package s2c.targets.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.testing.Models;

/** Model in, plan out: the decisions the Terraform writers print, checked as data. */
class DoPlannerTest {
  private static DoPlan plan(String... sets) {
    Deployment d =
        Models.of(
            new DigitalOceanTarget(),
            "multi-service/bundle.yaml",
            "multi-service/values.prod.yaml",
            sets);
    return DoPlanner.plan(d, new ArrayList<Diagnostic>());
  }

  @Test
  void servicesWorkersAndMigrationsBecomeComponents() {
    Map<String, DoPlan.Component> components =
        plan().components().stream()
            .collect(Collectors.toMap(DoPlan.Component::name, Function.identity()));
    assertThat(components.get("api").kind()).isEqualTo(DoPlan.Kind.SERVICE);
    assertThat(components.get("api").instanceCount()).isEqualTo(3); // values.prod.yaml: replicas 3
    assertThat(components.get("api").httpPort()).contains(8080);
    assertThat(components.get("api").internalPorts()).contains(8090);
    assertThat(components.get("reconciler").kind()).isEqualTo(DoPlan.Kind.WORKER);
    // pinned in providers.digitalocean.services.reconciler
    assertThat(components.get("reconciler").sizeSlug()).isEqualTo("apps-s-1vcpu-2gb");
    assertThat(components.values()).anyMatch(c -> c.kind() == DoPlan.Kind.JOB);
  }

  @Test
  void backingResourcesBecomeManagedDatabases() {
    List<DoPlan.ManagedDb> dbs = plan().databases();
    assertThat(dbs)
        .extracting(DoPlan.ManagedDb::resourceName)
        .containsExactlyInAnyOrder("postgres", "redis");
    DoPlan.ManagedDb pg =
        dbs.stream().filter(db -> db.resourceName().equals("postgres")).findFirst().orElseThrow();
    assertThat(pg.nodeCount()).isEqualTo(1);
    assertThat(pg.size()).isEqualTo("db-s-2vcpu-4gb");
    assertThat(pg.version()).isEqualTo("16");
    assertThat(pg.userName()).isPresent();
  }

  @Test
  void haMeansAStandbyNodeNotOnAStandardSizeAndAVolumeIsRefusedOutsideDev() {
    // a size outside the Standard Edition (db-s-*) may have a standby
    DoPlan.ManagedDb pg =
        plan("resources.postgres.ha=true", "resources.postgres.size=gd-2vcpu-8gb")
            .databases()
            .stream()
            .filter(db -> db.resourceName().equals("postgres"))
            .findFirst()
            .orElseThrow();
    assertThat(pg.nodeCount()).isEqualTo(2);
    List<Diagnostic> standard = new ArrayList<>();
    DoPlanner.plan(
        Models.of(
            new DigitalOceanTarget(),
            "multi-service/bundle.yaml",
            "multi-service/values.prod.yaml",
            "resources.postgres.ha=true"),
        standard);
    assertThat(standard)
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::code)
        .containsExactly(s2c.diag.Codes.HA_UNAVAILABLE);
    List<Diagnostic> diagnostics = new ArrayList<>();
    DoPlanner.plan(
        Models.of(
            new DigitalOceanTarget(),
            "multi-service/bundle.yaml",
            "multi-service/values.prod.yaml",
            "services.api.volume.size=1Gi"),
        diagnostics);
    assertThat(diagnostics)
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::code)
        .contains(s2c.diag.Codes.VOLUME_UNAVAILABLE);
  }

  @Test
  void exposedServicesGetIngressRulesAndSettingsReachThePlan() {
    assertThat(plan().ingress())
        .extracting(DoPlan.IngressRule::component, DoPlan.IngressRule::prefix)
        .contains(
            org.assertj.core.groups.Tuple.tuple("api", "/api"),
            org.assertj.core.groups.Tuple.tuple("web", "/"));
    assertThat(plan().alertsEmail()).isEmpty();
    assertThat(plan("providers.digitalocean.alerts_email=ops@example.com").alertsEmail())
        .contains("ops@example.com");
  }
}
