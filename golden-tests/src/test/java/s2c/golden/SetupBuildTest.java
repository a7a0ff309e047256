package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.testing.TestPaths;
import s2c.write.Executables;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * {@code build --scenario-dir} of a scenario that has only sources (fixtures/images-setup: a C API
 * and a UI with a node build script, shaped like picker-wheel): its own setup steps run in a clean
 * copy of the files git tracks, the images carry where the source is and the commit (not when a
 * tracked file has changed since), the same commit gives the same digests, and the render is
 * pinned. A toolchain that is not installed, a step that fails and {@code --no-setup} are errors at
 * the service.
 */
class SetupBuildTest {
  @TempDir Path tmp;

  /** The fixture as a clone with one commit and an origin whose URL carries credentials. */
  private RevCommit scenario() throws Exception {
    Path dir = tmp.resolve("tiny-wheel");
    GitFixtures.copyTree(TestPaths.fixture("images-setup"), dir);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.getRepository()
          .getConfig()
          .setString(
              "remote", "origin", "url", "https://builder:s3cret@git.example.com/team/tiny.git");
      git.getRepository().getConfig().save();
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@example.com");
      return git.commit().setMessage("tiny wheel").setAuthor(who).setCommitter(who).call();
    }
  }

  @Test
  void theScenariosOwnBuildMakesItsImagesFromACleanCopy() throws Exception {
    assumeTrue(LocalRegistry.installed(), "docker-registry is not installed");
    assumeTrue(Executables.onPath("cc").isPresent(), "no C compiler");
    assumeTrue(Executables.onPath("npm").isPresent(), "no npm");
    RevCommit commit = scenario();
    try (LocalRegistry registry = LocalRegistry.start(tmp, Optional.empty())) {
      String base = registry.staticBase(Optional.empty());
      CliRun first = buildIn(registry.host(), base, "out1");
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.err())
          .contains("building service 'api'", "cc -static -Os -o tiny-wheel-api main.c")
          .contains("building service 'ui'", "npm run build");
      // the user's tree is untouched: the build ran in the clean copy
      assertThat(tmp.resolve("tiny-wheel/api/tiny-wheel-api")).doesNotExist();
      assertThat(tmp.resolve("tiny-wheel/ui/dist")).doesNotExist();
      CliRun second = buildIn(registry.host(), base, "out2");
      assertThat(second.exit()).as(second.err()).isZero();
      String images = Files.readString(tmp.resolve("out1/images.json"));
      assertThat(Files.readString(tmp.resolve("out2/images.json"))).isEqualTo(images);

      JsonNode pinned = YamlOutput.read(images);
      String api = pinned.path("api").asString();
      assertThat(api).startsWith(registry.host() + "/vrooli/tiny-wheel-api@sha256:");
      JsonNode labels = registry.config(api).path("config").path("Labels");
      assertThat(labels.path("org.opencontainers.image.revision").asString())
          .isEqualTo(commit.name());
      assertThat(labels.path("org.opencontainers.image.source").asString())
          .isEqualTo("https://git.example.com/team/tiny.git");
      assertThat(labels.path("org.opencontainers.image.version").asString()).isEqualTo("0.3.0");
      assertThat(registry.config(api).path("config").path("Entrypoint").get(0).asString())
          .isEqualTo("/app/tiny-wheel-api");
      // what the image packs is what the compiler wrote: an ELF executable
      Path binary = tmp.resolve("out1/.build/api/tiny-wheel-api");
      assertThat(Files.readAllBytes(binary)).startsWith(0x7f, 'E', 'L', 'F');
      assertThat(Files.readString(tmp.resolve("out1/sbom/api.spdx.json")))
          .contains("./app/tiny-wheel-api", sha256(binary));
      assertThat(Files.readString(tmp.resolve("out1/sbom/ui.spdx.json")))
          .contains("./srv/www/index.html", "./srv/www/app.js");

      // the images pin the render on Kubernetes; DigitalOcean pulls only from registries it
      // reaches (DOCR, Docker Hub, GHCR): the same image pushed to DOCR keeps its digest
      String digest = api.substring(api.indexOf('@') + 1);
      Path docr =
          Files.writeString(
              tmp.resolve("images.docr.json"),
              images.replace(registry.host() + "/vrooli/", "registry.digitalocean.com/vrooli/"));
      Map<String, Path> imagesFor =
          Map.of("kubernetes", tmp.resolve("out1/images.json"), "digitalocean", docr);
      for (Map.Entry<String, Path> target : imagesFor.entrySet()) {
        String provider = target.getKey();
        CliRun compile =
            CliRun.of(
                "compile",
                "--scenario-dir",
                tmp.resolve("tiny-wheel").toString(),
                "--provider",
                provider,
                "--images",
                target.getValue().toString(),
                "--checks",
                "fast",
                "--out",
                tmp.resolve("dist").toString());
        assertThat(compile.exit()).as(provider + compile.err()).isZero();
        try (Stream<Path> files = Files.walk(tmp.resolve("dist/tiny-wheel"))) {
          assertThat(
                  files
                      .filter(Files::isRegularFile)
                      .filter(f -> f.toString().contains("/" + provider + "/"))
                      .map(SetupBuildTest::read))
              .as(provider)
              .anyMatch(text -> text.contains(digest));
        }
      }

      // an edit not committed is built, and the image no longer claims to be that commit
      Files.writeString(tmp.resolve("tiny-wheel/api/main.c"), "int main(void){return 1;}\n");
      CliRun dirty = buildIn(registry.host(), base, "out3");
      assertThat(dirty.exit()).as(dirty.err()).isZero();
      String dirtyApi =
          YamlOutput.read(Files.readString(tmp.resolve("out3/images.json"))).path("api").asString();
      assertThat(dirtyApi).as("the edit is built").isNotEqualTo(api);
      assertThat(
              registry
                  .config(dirtyApi)
                  .path("config")
                  .path("Labels")
                  .has("org.opencontainers.image.revision"))
          .isFalse();
    }
  }

  private CliRun buildIn(String registry, String base, String out, String... more) {
    String[] args = {
      "build",
      "--scenario-dir",
      tmp.resolve("tiny-wheel").toString(),
      "--registry",
      registry + "/vrooli",
      "--insecure-registry",
      "--base-image",
      "static=" + base,
      "--out",
      tmp.resolve(out).toString()
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void aMissingToolchainAFailingStepAndNoSetupAreErrorsAtTheService() throws Exception {
    scenario();
    Path serviceJson = tmp.resolve("tiny-wheel/.vrooli/service.json");
    String original = Files.readString(serviceJson);
    String unusedBase = "127.0.0.1:1/base@sha256:" + "0".repeat(64);

    Files.writeString(
        serviceJson, original.replace("cd api && cc -static", "cd api && s2c-absent-cc -static"));
    CliRun absent = buildIn("127.0.0.1:1", unusedBase, "absent");
    assertThat(absent.exit()).as(absent.err()).isEqualTo(1);
    assertThat(absent.err())
        .contains("error[S2C108]", "service.json", "s2c-absent-cc is not installed here");
    assertThat(tmp.resolve("absent/.build")).as("nothing ran").doesNotExist();

    Files.writeString(serviceJson, original.replace("main.c\"", "missing.c\""));
    CliRun failing = buildIn("127.0.0.1:1", unusedBase, "failing");
    assertThat(failing.exit()).as(failing.err()).isEqualTo(1);
    assertThat(failing.err())
        .contains("error[S2C108]", "the build of service 'api'", "exited 1", "missing.c");
    assertThat(tmp.resolve("failing/setup/api.log")).exists();

    Files.writeString(serviceJson, original);
    CliRun noSetup = buildIn("127.0.0.1:1", unusedBase, "none", "--no-setup");
    assertThat(noSetup.exit()).isEqualTo(1);
    assertThat(noSetup.err()).contains("error[S2C107]", "'api'", "'ui'");
    assertThat(tmp.resolve("none/.build")).doesNotExist();
  }

  /** picker-wheel's service.json names its build (go, npm) but the fixture has no sources. */
  @Test
  void pickerWheelWithoutItsSourcesIsAnErrorAtItsApi() {
    CliRun run =
        CliRun.of(
            "build",
            "--scenario-dir",
            TestPaths.fixture("picker-wheel").toString(),
            "--registry",
            "127.0.0.1:1/vrooli",
            "--base-image",
            "static=127.0.0.1:1/base@sha256:" + "0".repeat(64),
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("error[S2C108]", "service 'api'");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
