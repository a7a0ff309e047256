package s2c.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Diagnostic;
import s2c.spi.RenderedTree;

class TerraformValidatorTest {
  private static final TerraformValidator VALIDATOR =
      new TerraformValidator(
          List.of(
              ProviderSchema.load("digitalocean-2.71.0.subset.json"),
              ProviderSchema.load("random-3.6.3.json")));

  private static final String VERSIONS =
      """
      terraform {
        required_providers {
          digitalocean = { source = "digitalocean/digitalocean" }
        }
      }
      """;

  private static List<String> check(String main) {
    RenderedTree tree =
        RenderedTree.builder()
            .text("terraform/versions.tf", VERSIONS)
            .text("terraform/main.tf", main)
            .build();
    return VALIDATOR.validate(tree, "terraform/", "out/").stream().map(Diagnostic::format).toList();
  }

  @Test
  void aCorrectModulePasses() {
    assertThat(
            check(
                """
        variable "region" {
          type = string
        }
        resource "digitalocean_database_cluster" "db" {
          name       = "x"
          engine     = "pg"
          size       = "db-s-1vcpu-1gb"
          region     = var.region
          node_count = 1
          maintenance_window {
            day  = "sunday"
            hour = "02:00"
          }
        }
        output "id" {
          value = digitalocean_database_cluster.db.id
        }
        """))
        .isEmpty();
  }

  @Test
  void unknownArgumentsBlocksAndTypesAreNamed() {
    assertThat(
            check(
                """
        resource "digitalocean_database_cluster" "db" {
          name       = "x"
          engin      = "pg"
          size       = "db-s-1vcpu-1gb"
          region     = "nyc3"
          node_count = [1]
          tags       = "a"
          backup_restore = {}
        }
        """))
        .containsExactlyInAnyOrder(
            "out/terraform/main.tf:3:3: error[S2C072]: unknown argument 'engin' in resource digitalocean_database_cluster.db\n  hint: did you mean 'engine'?",
            "out/terraform/main.tf:6:3: error[S2C074]: argument 'node_count' in resource digitalocean_database_cluster.db must be number, found a tuple",
            "out/terraform/main.tf:7:3: error[S2C074]: argument 'tags' in resource digitalocean_database_cluster.db must be set(string), found a string",
            "out/terraform/main.tf:8:3: error[S2C072]: unknown argument 'backup_restore' in resource digitalocean_database_cluster.db\n  hint: 'backup_restore' is a block: write backup_restore { ... }",
            "out/terraform/main.tf: error[S2C073]: resource digitalocean_database_cluster.db is missing required argument 'engine'");
  }

  @Test
  void unknownTypesAndOmittedTypesAreDistinguished() {
    assertThat(
            check(
                """
        resource "digitalocean_dropplet" "a" {
        }
        resource "digitalocean_droplet" "b" {
        }
        """))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "unknown resource type 'digitalocean_dropplet'",
                        "did you mean 'digitalocean_droplet'?"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "'digitalocean_droplet' exists in digitalocean/digitalocean but is outside the schema subset"));
  }

  @Test
  void referencesMustBeDeclared() {
    assertThat(
            check(
                """
        output "a" {
          value = var.nope
        }
        output "b" {
          value = digitalocean_app.missing.id
        }
        output "c" {
          value = local.none
        }
        """))
        .hasSize(3)
        .allMatch(m -> m.contains("S2C072") && m.contains("undeclared"));
  }

  @Test
  void requiredBlocksAndMaxItems() {
    assertThat(
            check(
                """
        resource "digitalocean_app" "a" {
          spec {
            name = "x"
            ingress {
            }
            ingress {
            }
            service {
              name = "s"
              health_check {
              }
              health_check {
              }
            }
          }
        }
        """))
        .anySatisfy(m -> assertThat(m).contains("S2C075", "too many 'ingress' blocks"))
        .anySatisfy(m -> assertThat(m).contains("S2C075", "too many 'health_check' blocks"));
  }

  @Test
  void providersMustBeDeclaredWithTheirSource() {
    RenderedTree tree =
        RenderedTree.builder()
            .text("terraform/main.tf", "resource \"random_password\" \"p\" {\n  length = 10\n}\n")
            .build();
    assertThat(VALIDATOR.validate(tree, "terraform/", ""))
        .extracting(Diagnostic::message)
        .containsExactly(
            "provider 'random' is used but not declared in terraform.required_providers");
  }

  @Test
  void syntaxErrorsAreReportedWithPosition() {
    assertThat(check("resource \"digitalocean_app\" \"a\" {\n  spec {\n"))
        .anySatisfy(m -> assertThat(m).startsWith("out/terraform/main.tf:3:1: error[S2C070]"));
  }
}
