package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.RenderedTree;
import s2c.spi.TargetRegistry;
import s2c.write.TreeWriter;

/**
 * Same input → same bytes: twice in a row, in 8 parallel threads, and after a write/read round
 * trip.
 */
class DeterminismTest {
  @Test
  void everyCaseRendersIdenticallySequentiallyAndInParallel() throws Exception {
    Compiler compiler = new Compiler(TargetRegistry.load());
    for (GoldenCase c : GoldenCase.all()) {
      for (var target : TargetRegistry.load().all()) {
        RenderedTree first = render(compiler, c, target.id());
        assertThat(render(compiler, c, target.id()))
            .as("second render of %s", c.name())
            .isEqualTo(first);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
          List<Future<RenderedTree>> futures = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            futures.add(pool.submit(() -> render(compiler, c, target.id())));
          }
          for (Future<RenderedTree> f : futures) {
            assertThat(f.get()).as("parallel render of %s", c.name()).isEqualTo(first);
          }
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }

  @Test
  void writtenTreeReadsBackByteIdentical(@TempDir Path dir) throws Exception {
    Compiler compiler = new Compiler(TargetRegistry.load());
    GoldenCase c =
        GoldenCase.all().stream()
            .filter(x -> x.name().equals("multi-service"))
            .findFirst()
            .orElseThrow();
    RenderedTree tree = render(compiler, c, "digitalocean");
    TreeWriter.replace(dir.resolve("t"), tree);
    assertThat(TreeWriter.read(dir.resolve("t"))).isEqualTo(tree);
    for (byte[] content : tree.files().values()) {
      assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("\r")
          .endsWith("\n");
    }
  }

  /**
   * The tree when the case compiles, else its diagnostics as a one-file tree: both must be stable.
   */
  private static RenderedTree render(Compiler compiler, GoldenCase c, String provider) {
    CompileResult r = compiler.compile(c.forProvider(provider));
    if (r.ok()) {
      return r.tree().get();
    }
    return RenderedTree.builder()
        .text("diagnostics.txt", r.diagnostics().toString() + "\n")
        .build();
  }
}
