package s2c.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeSummaryTest {
  /** The DigitalOcean target's rules (gitops has no target on its classpath). */
  private static final Map<String, Set<String>> RULES =
      Map.of(
          "digitalocean_database_cluster",
          Set.of("engine", "region", "name"),
          "random_password",
          Set.of("length", "special", "keepers"));

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void resourcesAndDestructiveChangesAreCalledOut() {
    Map<String, byte[]> before =
        Map.of(
            "terraform/main.tf",
                b(
                    """
            resource "digitalocean_database_cluster" "pg" {
              engine = "pg"
              region = "nyc3"
            }

            resource "digitalocean_app" "app" {
              spec {
                name = "a"
              }
            }

            resource "random_password" "old" {
              length = 32
            }
            """),
            "stale.txt", b("x"));
    Map<String, byte[]> after =
        Map.of(
            "terraform/main.tf",
                b(
                    """
            resource "digitalocean_database_cluster" "pg" {
              engine = "pg"
              region = "fra1"
            }

            resource "digitalocean_app" "app" {
              spec {
                name = "b"
              }
            }
            """),
            "new.txt", b("y"));
    ChangeSummary s = ChangeSummary.between(before, after, RULES);
    assertThat(s.filesAdded()).containsExactly("new.txt");
    assertThat(s.filesChanged()).containsExactly("terraform/main.tf");
    assertThat(s.filesRemoved()).containsExactly("stale.txt");
    assertThat(s.resourcesChanged())
        .containsExactly("digitalocean_app.app", "digitalocean_database_cluster.pg");
    assertThat(s.resourcesRemoved()).containsExactly("random_password.old");
    assertThat(s.destructive())
        .containsExactly(
            "random_password.old will be destroyed",
            "digitalocean_database_cluster.pg will be replaced (destroyed and re-created): 'region' changes");
    assertThat(s.toMarkdown("t"))
        .contains(
            "### ⚠ Destructive changes",
            "**random_password.old will be destroyed**",
            "- removed `stale.txt`");
  }

  @Test
  void kubernetesObjectsAreCompared() {
    Map<String, byte[]> before =
        Map.of(
            "k8s/all.yaml",
            b(
                "kind: Service\nmetadata: {name: api}\n---\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 1}\n"));
    Map<String, byte[]> after =
        Map.of("k8s/all.yaml", b("kind: Deployment\nmetadata: {name: api}\nspec: {replicas: 2}\n"));
    ChangeSummary s = ChangeSummary.between(before, after, RULES);
    assertThat(s.objectsChanged()).containsExactly("Deployment/api");
    assertThat(s.objectsRemoved()).containsExactly("Service/api");
    assertThat(s.destructive()).containsExactly("Service/api will be deleted from the cluster");
  }

  @Test
  void identicalSnapshotsAreEmpty() {
    assertThat(ChangeSummary.between(Map.of("a", b("1")), Map.of("a", b("1"))).isEmpty()).isTrue();
  }
}
