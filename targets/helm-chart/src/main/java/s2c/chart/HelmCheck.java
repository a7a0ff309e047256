package s2c.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import s2c.spi.RenderedTree;
import s2c.write.TreeWriter;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

/**
 * Runs the real Helm (embedded by helm-java, offline) on a rendered chart: {@code lint --strict},
 * then {@code template} with the default values and with each environment's values file that
 * changes them.
 */
final class HelmCheck {
  /** The embedded Helm library is one native instance per process: calls are serialised. */
  private static final ReentrantLock LOCK = new ReentrantLock();

  static final String HOOKS_AS_OBJECTS = "(default values, hooks as plain objects)";
  static final String RELEASE = "release";

  record Result(
      List<String> lintMessages,
      boolean lintFailed,
      Map<String, String> templates,
      Map<String, String> templateErrors) {}

  private HelmCheck() {}

  /**
   * @param lint whether to run {@code helm lint --strict} too: it costs more than two templates (it
   *     renders the chart again and checks its metadata), so it runs under {@code --checks full}
   */
  static Result run(RenderedTree tree, String chartDir, List<String> valuesFiles, boolean lint)
      throws IOException {
    Path tmp = Files.createTempDirectory("s2c-helm-");
    // a SIGTERM during lint or template ends the process through its shutdown hooks, not this
    // method's finally: the chart copy goes either way
    Thread cleanup = new Thread(() -> deleteQuietly(tmp), "s2c-helm-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    LOCK.lock();
    try {
      for (Map.Entry<String, byte[]> e : tree.files().entrySet()) {
        Path file = tmp.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
      Path chart = tmp.resolve(chartDir);
      HelmIsolation.beforeHelm();
      List<String> lintMessages = List.of();
      boolean lintFailed = false;
      if (lint) {
        try {
          LintResult result = new Helm(chart).lint().strict().quiet().call();
          lintMessages = result.getMessages();
          lintFailed = result.isFailed();
        } catch (RuntimeException e) {
          return new Result(List.of(String.valueOf(e.getMessage())), true, Map.of(), Map.of());
        }
      }
      Map<String, String> templates = new LinkedHashMap<>();
      Map<String, String> errors = new LinkedHashMap<>();
      // helm-java's template returns the release manifest without hooks: every render has the
      // migration Jobs as plain objects, so they are validated like everything else (lint renders
      // them as hooks). A render is the release's objects plus those Jobs.
      List<String> sources = new ArrayList<>();
      sources.add(HOOKS_AS_OBJECTS);
      // an environment's file that changes nothing (the one compile writes repeats the defaults)
      // renders the same bytes: Helm is a function of chart and merged values
      Optional<JsonNode> defaults = yaml(tree.text(chartDir + "values.yaml"));
      for (String file : valuesFiles) {
        Optional<JsonNode> values = yaml(tree.text(file));
        if (defaults.isEmpty()
            || values.isEmpty()
            || HelmValues.changes(defaults.get(), values.get())) {
          sources.add(file); // Helm reports what it cannot read
        }
      }
      for (String source : sources) {
        try {
          var template =
              new Helm(chart)
                  .template()
                  .withName(RELEASE)
                  .withNamespace("default")
                  .withKubeVersion("1.30.9")
                  .set("migrations.helmHook", false);
          if (!source.startsWith("(")) {
            template = template.withValuesFile(tmp.resolve(source));
          }
          templates.put(source, template.call());
        } catch (RuntimeException e) {
          errors.put(source, String.valueOf(e.getMessage()));
        }
      }
      return new Result(lintMessages, lintFailed, templates, errors);
    } finally {
      HelmIsolation.afterHelm();
      LOCK.unlock();
      deleteQuietly(tmp);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway and finds nothing left
      }
    }
  }

  private static Optional<JsonNode> yaml(String text) {
    try {
      return text == null ? Optional.empty() : Optional.ofNullable(YamlOutput.read(text));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      TreeWriter.deleteRecursively(dir);
    } catch (IOException e) {
      // a leftover temp directory is harmless; the next run makes its own
    }
  }
}
