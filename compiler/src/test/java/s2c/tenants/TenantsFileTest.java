package s2c.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import s2c.load.DocumentReader;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;

class TenantsFileTest {
  private static Optional<TenantsFile> read(String yaml, Diagnostics d) {
    return DocumentReader.parse(yaml.getBytes(StandardCharsets.UTF_8), "tenants.yaml", d)
        .flatMap(doc -> TenantsFile.read(doc, d));
  }

  private static JsonNode layer(TenantsFile.Instance i, int n) {
    return JsonOutput.mapper()
        .readTree(new String(i.layers().get(n).json(), StandardCharsets.UTF_8));
  }

  @Test
  void aTenantsEnvironmentsReplaceTheDefaultAndEachLayerSaysWhoItIs() {
    Diagnostics d = new Diagnostics();
    TenantsFile file =
        read(
                """
                environments: [staging, prod]
                defaults: {services: {api: {replicas: 1}}}
                tenants:
                  - id: acme
                    domain: app.acme.example.com
                    region: nyc3
                    values: {services: {api: {replicas: 3}}}
                  - id: solo
                    domain: solo.example.com
                    environments: [demo]
                    secret_prefix: solo-secrets
                """,
                d)
            .orElseThrow();
    List<TenantsFile.Instance> all = file.instances(Set.of(), d).orElseThrow();
    assertThat(all)
        .extracting(TenantsFile.Instance::label)
        .containsExactly("acme/staging", "acme/prod", "solo/demo");
    JsonNode acmeStaging = layer(all.get(0), 1);
    assertThat(acmeStaging.path("domain").asString()).isEqualTo("staging.app.acme.example.com");
    assertThat(layer(all.get(1), 1).path("domain").asString()).isEqualTo("app.acme.example.com");
    assertThat(acmeStaging.path("environment").asString()).isEqualTo("staging");
    assertThat(acmeStaging.path("region").asString()).isEqualTo("nyc3");
    assertThat(acmeStaging.path("services").path("api").path("replicas").asInt()).isEqualTo(3);
    assertThat(acmeStaging.path("tenant").path("secret_prefix").asString()).isEqualTo("acme");
    // a single environment is the domain's own
    JsonNode solo = layer(all.get(2), 1);
    assertThat(solo.path("domain").asString()).isEqualTo("solo.example.com");
    assertThat(solo.path("tenant").path("secret_prefix").asString()).isEqualTo("solo-secrets");
    assertThat(layer(all.get(2), 0).path("services").path("api").path("replicas").asInt())
        .isEqualTo(1);
    assertThat(all.get(0).layers().get(1).name()).isEqualTo("tenants.yaml (tenant acme)");

    assertThat(file.instances(Set.of("solo"), d).orElseThrow()).hasSize(1);
    assertThat(file.instances(Set.of("nobody"), d)).isEmpty();
    assertThat(d.all())
        .extracting(Diagnostic::message)
        .containsExactly("--only names tenant 'nobody', which the tenants file does not list");
  }

  @Test
  void aTenantWithoutEnvironmentsAnywhereIsAnError() {
    Diagnostics d = new Diagnostics();
    assertThat(read("tenants:\n  - id: acme\n", d)).isEmpty();
    assertThat(d.all())
        .extracting(Diagnostic::message)
        .containsExactly("tenant 'acme' has no environments");
  }

  @Test
  void twoTenantsWithOneSecretPrefixCollide() {
    Diagnostics d = new Diagnostics();
    assertThat(
            read(
                "environments: [prod]\ntenants:\n  - id: a\n    secret_prefix: shared\n"
                    + "  - id: b\n    secret_prefix: shared\n",
                d))
        .isEmpty();
    assertThat(d.all()).extracting(Diagnostic::code).containsExactly("S2C112");
    assertThat(d.all().get(0).message()).contains("secret path <scenario>/shared/prod");
    assertThat(d.all().get(0).at().line()).isEqualTo(5);
  }

  @Test
  void secretPrefixesThatMeetAsACiSecretScopeCollide() {
    Diagnostics d = new Diagnostics();
    assertThat(
            read(
                "tenants:\n  - id: x\n    secret_prefix: a-b\n    environments: [c]\n"
                    + "  - id: y\n    secret_prefix: a\n    environments: [b-c]\n",
                d))
        .isEmpty();
    assertThat(d.all())
        .extracting(Diagnostic::message)
        .containsExactly(
            "tenants 'x' (line 2) and 'y' would share the CI secret scope <SCENARIO>_A_B_C");
  }
}
