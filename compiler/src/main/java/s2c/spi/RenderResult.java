package s2c.spi;

import java.util.List;
import s2c.diag.Diagnostic;

/**
 * Files plus what the target had to say about the model (warnings, or errors that stop the write).
 */
public record RenderResult(RenderedTree tree, List<Diagnostic> diagnostics) {
  public RenderResult {
    diagnostics = List.copyOf(diagnostics);
  }
}
