package s2c.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import s2c.pipeline.CompileRequest;
import s2c.spi.Checks;
import s2c.testing.TestPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One golden case: {@code golden-tests/cases/<name>/case.json} names inputs relative to the project
 * root; {@code expected/<provider>/} holds the tree and {@code expected/<provider>.diagnostics.txt}
 * what the compiler said.
 */
record GoldenCase(String name, Path dir, CompileRequest template) {
  static List<GoldenCase> all() throws IOException {
    Path cases = TestPaths.projectRoot().resolve("golden-tests/cases");
    List<GoldenCase> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(cases)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        out.add(load(dir));
      }
    }
    return out;
  }

  static GoldenCase load(Path dir) throws IOException {
    JsonNode c = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("case.json")));
    Path root = TestPaths.projectRoot();
    List<Path> values = new ArrayList<>();
    c.path("values").forEach(v -> values.add(root.resolve(v.asString())));
    List<String> sets = new ArrayList<>();
    c.path("set").forEach(v -> sets.add(v.asString()));
    CompileRequest request =
        new CompileRequest(
            c.has("bundle")
                ? Optional.of(root.resolve(c.path("bundle").asString()))
                : Optional.empty(),
            c.has("scenario_dir")
                ? Optional.of(root.resolve(c.path("scenario_dir").asString()))
                : Optional.empty(),
            "unset",
            c.has("env") ? Optional.of(c.path("env").asString()) : Optional.empty(),
            values,
            sets,
            c.has("secrets_plan")
                ? Optional.of(root.resolve(c.path("secrets_plan").asString()))
                : Optional.empty());
    if (c.has("images")) {
      request =
          request.withImages(
              Optional.of(
                  s2c.pipeline.InputDocument.file(root.resolve(c.path("images").asString()))));
    }
    return new GoldenCase(dir.getFileName().toString(), dir, request);
  }

  /**
   * The case for one provider with {@code --checks fast}: goldens compare what the compiler renders
   * and says, never which tools this machine has ({@code FullChecksTest} runs the tools).
   */
  CompileRequest forProvider(String provider) {
    return forProvider(provider, Checks.FAST);
  }

  CompileRequest forProvider(String provider, Checks checks) {
    return template.withProvider(provider).withChecks(checks);
  }

  Path expected(String provider) {
    return dir.resolve("expected").resolve(provider);
  }

  Path expectedDiagnostics(String provider) {
    return dir.resolve("expected").resolve(provider + ".diagnostics.txt");
  }
}
