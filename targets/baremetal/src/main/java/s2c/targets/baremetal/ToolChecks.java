package s2c.targets.baremetal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.spi.RenderedTree;
import s2c.write.Executables;
import s2c.write.ToolRunner;
import s2c.write.TreeWriter;

/**
 * Checks the render with the real tools when they are installed: {@code ansible-playbook
 * --syntax-check}, {@code ansible-lint}, {@code shellcheck} and {@code caddy validate}. A missing
 * tool is reported as a skipped check (info), never as a pass.
 */
final class ToolChecks {
  static final List<String> PROGRAMS =
      List.of("ansible-playbook --syntax-check", "ansible-lint", "shellcheck", "caddy validate");

  private ToolChecks() {}

  static List<Diagnostic> run(RenderedTree tree, String root) {
    List<Diagnostic> out = new ArrayList<>();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("s2c-baremetal-");
      for (Map.Entry<String, byte[]> e : tree.files().entrySet()) {
        Path f = dir.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.write(f, e.getValue());
      }
      Path ansible = dir.resolve("ansible");
      for (String playbook : List.of("site.yml", "rollback.yml")) {
        tool(
            out,
            tree.files().keySet(),
            root,
            "ansible-playbook",
            ansible,
            "ansible/" + playbook,
            "ansible-playbook",
            "--syntax-check",
            "-i",
            "localhost,",
            playbook);
      }
      tool(
          out,
          tree.files().keySet(),
          root,
          "ansible-lint",
          ansible,
          "ansible/",
          "ansible-lint",
          "--offline",
          "-q",
          "site.yml",
          "rollback.yml");
      for (String script : tree.files().keySet()) {
        if (script.endsWith(".sh")) {
          tool(
              out,
              tree.files().keySet(),
              root,
              "shellcheck",
              dir,
              script,
              "shellcheck",
              "-f",
              "gcc",
              "-S",
              "warning",
              script);
        }
      }
      for (String site : tree.files().keySet()) {
        if (site.endsWith(".caddy")) {
          tool(
              out,
              tree.files().keySet(),
              root,
              "caddy",
              dir,
              site,
              "caddy",
              "validate",
              "--config",
              site,
              "--adapter",
              "caddyfile");
        }
      }
    } catch (IOException e) {
      out.add(
          Diagnostic.warning(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(root),
              "could not run the tool checks: " + e.getMessage(),
              null));
    } finally {
      try {
        TreeWriter.deleteRecursively(dir);
      } catch (IOException ignored) {
        // a leftover temp directory is harmless
      }
    }
    return out;
  }

  private static void tool(
      List<Diagnostic> out,
      java.util.Collection<String> files,
      String root,
      String tool,
      Path cwd,
      String file,
      String... command)
      throws IOException {
    if (Executables.onPath(tool).isEmpty()) {
      out.add(
          Diagnostic.info(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(root + file),
              tool + " is not installed: this check was skipped",
              null));
      return;
    }
    ToolRunner.Result run =
        ToolRunner.run(
            List.of(command),
            cwd,
            Map.of(
                "ANSIBLE_NOCOLOR",
                "1",
                "ANSIBLE_LOCAL_TEMP",
                cwd.resolve(".ansible-tmp").toString()),
            Duration.ofSeconds(120));
    if (run.timedOut()) {
      out.add(
          Diagnostic.warning(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(root + file),
              tool + " did not finish within 120 s and was stopped",
              null));
      return;
    }
    String output = run.output();
    if (run.exitCode() != 0) {
      String text = output.strip().replace(cwd.toString() + "/", "");
      SourceLocation at =
          s2c.diag.ToolLocations.find(output, root, files, SourceLocation.file(root + file));
      out.add(
          Diagnostic.error(
              Codes.TOOL_CHECK,
              at,
              tool + " failed: " + (text.length() > 1500 ? text.substring(0, 1500) + "…" : text),
              null));
    }
  }
}
