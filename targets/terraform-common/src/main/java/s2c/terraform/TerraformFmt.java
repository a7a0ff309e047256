package s2c.terraform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.spi.RenderedTree;
import s2c.write.Executables;
import s2c.write.ToolRunner;

/**
 * Runs {@code terraform fmt -check} on the rendered {@code .tf} files when terraform is on PATH.
 * When it is not, says so as an info diagnostic: a skipped check is never reported as a pass.
 */
public final class TerraformFmt {
  private TerraformFmt() {}

  public static Optional<Path> terraformOnPath() {
    return Executables.onPath("terraform");
  }

  /**
   * {@code -Ds2c.terraform.fmt=skip} turns the check off (reported as skipped), e.g. to time
   * in-process work alone.
   */
  public static final String SKIP_PROPERTY = "s2c.terraform.fmt";

  public static List<Diagnostic> check(RenderedTree tree, String displayRoot) {
    if ("skip".equals(System.getProperty(SKIP_PROPERTY))) {
      return List.of(
          Diagnostic.info(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(displayRoot),
              "'terraform fmt -check' was skipped (-D" + SKIP_PROPERTY + "=skip)",
              null));
    }
    Optional<Path> terraform = terraformOnPath();
    if (terraform.isEmpty()) {
      return List.of(
          Diagnostic.info(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(displayRoot),
              "terraform is not on PATH: 'terraform fmt -check' was skipped",
              "install terraform to run this check"));
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("s2c-fmt");
      for (var e : tree.files().entrySet()) {
        if (e.getKey().endsWith(".tf")) {
          Path file = dir.resolve(e.getKey());
          Files.createDirectories(file.getParent());
          Files.write(file, e.getValue());
        }
      }
      ToolRunner.Result run =
          ToolRunner.run(
              List.of(terraform.get().toString(), "fmt", "-check", "-list=true", "-recursive", "."),
              dir,
              java.util.Map.of(),
              java.time.Duration.ofSeconds(60));
      String output = run.output();
      if (run.timedOut()) {
        return List.of(
            Diagnostic.warning(
                Codes.CHECK_SKIPPED,
                SourceLocation.file(displayRoot),
                "terraform fmt did not finish within 60 s and was stopped",
                null));
      }
      List<Diagnostic> out = new ArrayList<>();
      if (run.exitCode() != 0) {
        for (String line : output.split("\n")) {
          String file = line.strip();
          if (file.endsWith(".tf")) {
            out.add(
                Diagnostic.error(
                    Codes.TF_FMT,
                    SourceLocation.file(displayRoot + file),
                    "file is not in 'terraform fmt' layout",
                    "run 'terraform fmt' and compare"));
          }
        }
        if (out.isEmpty()) {
          out.add(
              Diagnostic.error(
                  Codes.TF_FMT,
                  SourceLocation.file(displayRoot),
                  "terraform fmt -check failed: " + output.strip(),
                  null));
        }
      }
      return out;
    } catch (IOException e) {
      return List.of(
          Diagnostic.warning(
              Codes.CHECK_SKIPPED,
              SourceLocation.file(displayRoot),
              "could not run terraform fmt: " + e.getMessage(),
              null));
    } finally {
      deleteQuietly(dir);
    }
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
