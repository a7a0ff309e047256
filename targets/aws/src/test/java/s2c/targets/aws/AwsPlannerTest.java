package s2c.targets.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.SecretClass;
import s2c.testing.Models;

/** Model in, AWS plan out. */
class AwsPlannerTest {
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private AwsPlan ledger(String... sets) {
    String[] all = new String[sets.length + 4];
    all[0] = "state_backend.type=s3";
    all[1] = "providers.digitalocean=null";
    all[2] = "providers.aws.route53_zone_id=Z0123456789ABC";
    all[3] = "state_backend.region=eu-central-1";
    System.arraycopy(sets, 0, all, 4, sets.length);
    return AwsPlanner.plan(
        Models.of(
            new AwsTarget(), "multi-service/bundle.yaml", "multi-service/values.prod.yaml", all),
        diagnostics);
  }

  private AwsPlan.Task task(AwsPlan plan, String id) {
    return plan.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void prodGetsMultiAzDataAndANatGatewayPerZone() {
    AwsPlan plan = ledger("providers.aws.azs=3");
    assertThat(plan.prod()).isTrue();
    assertThat(plan.network().natGateways()).isEqualTo(3);
    assertThat(plan.databases())
        .singleElement()
        .extracting(AwsPlan.Database::multiAz)
        .isEqualTo(true);
    assertThat(plan.caches()).singleElement().extracting(AwsPlan.Cache::ha).isEqualTo(true);
    AwsPlan staging = ledger("environment=staging", "resources.postgres.ha=null");
    assertThat(staging.network().natGateways()).isEqualTo(1);
    assertThat(staging.databases().get(0).multiAz()).isFalse();
  }

  @Test
  void haInValuesOverridesTheEnvironmentsDefaultAndAVolumeIsRefusedOutsideDev() {
    AwsPlan plan = ledger("resources.postgres.ha=false", "services.web.volume.size=1Gi");
    assertThat(plan.databases().get(0).multiAz()).isFalse();
    assertThat(diagnostics)
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::code)
        .contains(Codes.VOLUME_UNAVAILABLE);
  }

  @Test
  void withoutAPublicServiceThereIsNoLoadBalancerAndNoCertificateToAskFor() {
    AwsPlan plan =
        AwsPlanner.plan(
            Models.of(
                new AwsTarget(),
                "worker-only/bundle.yaml",
                "worker-only/values.yaml",
                "domain=mail.example.com"),
            diagnostics);
    assertThat(plan.edge().present()).isFalse();
    assertThat(plan.caches())
        .singleElement()
        .extracting(AwsPlan.Cache::consumers)
        .isEqualTo(List.of("sender"));
    assertThat(diagnostics)
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::message)
        .noneMatch(m -> m.contains("needs a certificate"));
  }

  @Test
  void secretsReachContainersOnlyAsValueFrom() {
    AwsPlan plan = ledger();
    AwsPlan.Task api = task(plan, "api");
    assertThat(api.secrets())
        .extracting(AwsPlan.SecretEnv::name)
        .contains("STRIPE_API_KEY", "SESSION_KEY", "POSTGRES_PASSWORD");
    assertThat(api.environment())
        .extracting(AwsPlan.Env::name)
        .doesNotContain("STRIPE_API_KEY", "SESSION_KEY", "POSTGRES_PASSWORD", "DATABASE_URL");
    assertThat(plan.secrets())
        .extracting(AwsPlan.Secret::secretClass)
        .contains(SecretClass.USER_PROMPT, SecretClass.PER_INSTALL_GENERATED);
    // the service waits for the values it reads
    assertThat(api.waitsFor())
        .contains("aws_secretsmanager_secret_version.stripe_key", "aws_db_instance.postgres");
    assertThat(diagnostics).anyMatch(d -> d.code().equals(Codes.ENV_NOT_PROVIDED));
  }

  @Test
  void onlyDependentsReachAServiceAndOnlyConsumersTheDataStores() {
    AwsPlan plan = ledger();
    assertThat(task(plan, "api").reachableFrom()).containsExactly("web");
    assertThat(task(plan, "reconciler").port()).isEmpty();
    assertThat(plan.databases().get(0).consumers()).containsExactlyInAnyOrder("api", "reconciler");
  }

  @Test
  void theEdgeRoutesExposedPathsLongestFirstAndMigrationsAreOneOffTasks() {
    AwsPlan plan = ledger();
    assertThat(plan.edge().https()).isTrue();
    assertThat(plan.edge().defaultTask()).contains("web");
    assertThat(plan.edge().routes()).extracting(AwsPlan.Route::path).containsExactly("/api");
    assertThat(plan.migrations())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.service()).isEqualTo("api");
              assertThat(m.command()).contains("migrate");
              assertThat(m.base().secrets()).isEqualTo(task(plan, "api").secrets());
            });
  }

  @Test
  void aDomainWithoutACertificateIsAnErrorAndProdWithoutRemoteStateToo() {
    ledger("providers.aws.route53_zone_id=null", "state_backend=null");
    assertThat(diagnostics)
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::code)
        .contains(Codes.MISSING_FIELD, Codes.PROD_NEEDS_REMOTE_STATE);
  }
}
