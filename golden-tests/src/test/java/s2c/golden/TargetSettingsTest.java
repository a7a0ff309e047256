package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.pipeline.InputDocument;
import s2c.pipeline.ValuesSchema;
import s2c.spi.Checks;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;

/**
 * Provider settings come from the targets: the values schema is assembled from each target's
 * fragment and state backends, and every accepted setting changes the render it is for.
 */
class TargetSettingsTest {
  private static final TargetRegistry REGISTRY = TargetRegistry.load();

  /** The multi-service fixture for the clouds, the bare-metal demo for a host. */
  private static CompileResult compile(String provider, String... sets) {
    boolean host = provider.equals("baremetal");
    CompileRequest request =
        new CompileRequest(
            Optional.of(
                InputDocument.file(
                    TestPaths.fixture(
                        host ? "baremetal-demo/bundle.json" : "multi-service/bundle.yaml"))),
            Optional.empty(),
            Optional.empty(),
            provider,
            Optional.of("prod"),
            List.of(
                InputDocument.file(
                    TestPaths.fixture(
                        host ? "baremetal-demo/values.yaml" : "multi-service/values.prod.yaml"))),
            List.of(sets),
            Optional.empty(),
            Checks.FAST);
    return new Compiler(REGISTRY).compile(request);
  }

  private static String file(CompileResult r, String path) {
    return new String(r.tree().orElseThrow().files().get(path), StandardCharsets.UTF_8);
  }

  private static List<String> errors(CompileResult r) {
    return r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
  }

  @Test
  void theValuesSchemaHoldsEveryTargetsSettingsAndStateBackends() {
    JsonNode schema = ValuesSchema.assemble(REGISTRY.all());
    for (Target t : REGISTRY.all()) {
      assertThat(schema.at("/properties/providers/properties/" + t.id()))
          .as(t.id())
          .isEqualTo(t.settingsSchema());
      t.stateBackends()
          .forEach(
              kind ->
                  assertThat(schema.at("/properties/state_backend/properties/type/enum").toString())
                      .contains("\"" + kind.type() + "\""));
    }
    assertThat(schema.at("/properties/state_backend/properties/type/enum").toString())
        .contains("\"local\"", "\"spaces\"");
  }

  /**
   * A target's fragment names only grammars the boundary knows (an unknown one would check
   * nothing).
   */
  @Test
  void everyGrammarATargetNamesExists() {
    List<String> named = new ArrayList<>();
    for (Target t : REGISTRY.all()) {
      t.settingsSchema().findValues("x-grammar").forEach(g -> named.add(g.asString()));
      t.settingsSchema().findValues("x-key-grammar").forEach(g -> named.add(g.asString()));
    }
    assertThat(named)
        .isNotEmpty()
        .allSatisfy(g -> assertThat(s2c.schema.Grammar.fromWire(g)).as(g).isPresent());
  }

  @Test
  void aStateBackendNeedsTheFieldsItsTargetNames() {
    CompileResult r = compile("digitalocean", "state_backend.bucket=null");
    assertThat(errors(r))
        .anySatisfy(e -> assertThat(e).contains("S2C", "missing required field 'bucket'"));
    assertThat(errors(compile("digitalocean", "state_backend.type=gcs")).toString())
        .contains("state_backend/type");
  }

  @Test
  void unknownProviderSettingsAreErrorsWithSuggestions() {
    List<String> errs = errors(compile("kubernetes", "providers.kubernetes.namespce=x"));
    assertThat(errs)
        .anySatisfy(e -> assertThat(e).contains("unknown field 'namespce'", "namespace"));
  }

  @Test
  void anInstanceSizeUnderServicesSaysWhereItMoved() {
    List<String> errs =
        errors(compile("digitalocean", "services.api.instance_size_slug=apps-s-1vcpu-1gb"));
    assertThat(errs)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "unknown field 'instance_size_slug'",
                        "providers.digitalocean.services.api.instance_size_slug"));
  }

  @Test
  void digitalOceanSettingsChangeTheApp() {
    CompileResult base = compile("digitalocean");
    CompileResult r =
        compile(
            "digitalocean",
            "providers.digitalocean.alerts_email=ops@example.com",
            "providers.digitalocean.services.api.instance_size_slug=apps-d-1vcpu-4gb");
    assertThat(errors(r)).isEmpty();
    String main = file(r, "terraform/main.tf");
    assertThat(main).contains("emails = [\"ops@example.com\"]").contains("apps-d-1vcpu-4gb");
    assertThat(file(base, "terraform/main.tf"))
        .doesNotContain("ops@example.com")
        .doesNotContain("apps-d-1vcpu-4gb");
    // the alert destinations are checked against the provider schema like everything else
    assertThat(
            REGISTRY
                .find("digitalocean")
                .orElseThrow()
                .validate(r.tree().orElseThrow(), "out/", Checks.FAST)
                .stream()
                .filter(Diagnostic::isError)
                .toList())
        .isEmpty();
  }

  @Test
  void aDefaultInstanceSizeAppliesOnlyToServicesThatDeclareNoSize() {
    CompileResult r =
        compile(
            "digitalocean", "providers.digitalocean.default_instance_size_slug=apps-d-2vcpu-8gb");
    assertThat(errors(r)).isEmpty();
    List<String> sizes = new ArrayList<>();
    file(r, "terraform/main.tf")
        .lines()
        .filter(l -> l.contains("instance_size_slug"))
        .forEach(sizes::add);
    // the reconciler pins its own size in values.prod.yaml; every other service of the fixture
    // declares none
    assertThat(sizes)
        .anyMatch(l -> l.contains("apps-s-1vcpu-2gb"))
        .anyMatch(l -> l.contains("apps-d-2vcpu-8gb"));
  }

  @Test
  void theShellFormatMakesDeployShRunTheTwin() throws Exception {
    CompileResult r = compile("baremetal", "providers.baremetal.format=shell");
    assertThat(errors(r)).isEmpty();
    String deploy = file(r, "deploy.sh");
    assertThat(deploy).contains("exec \"$(dirname \"$0\")/shell/deploy.sh\"");
    assertThat(file(compile("baremetal"), "deploy.sh")).doesNotContain("shell/deploy.sh\"");
    Process p = new ProcessBuilder("bash", "-n", "-c", deploy).redirectErrorStream(true).start();
    assertThat(p.waitFor())
        .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
  }

  @Test
  void settingsAreTyped() {
    CompileResult r =
        compile(
            "baremetal",
            "providers.baremetal.ssh_port=2222",
            "providers.baremetal.keep_releases=5");
    assertThat(errors(r)).isEmpty();
    assertThat(file(r, "ansible/inventory.example.yml")).contains("ansible_port: 2222");
    assertThat(file(r, "ansible/group_vars/all.yml")).contains("s2c_keep_releases: 5");
    assertThat(errors(compile("baremetal", "providers.baremetal.ssh_port=twenty"))).isNotEmpty();
  }
}
