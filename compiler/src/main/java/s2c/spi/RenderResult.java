package s2c.spi;

import java.util.List;
import java.util.Optional;
import s2c.cost.CostEstimate;
import s2c.diag.Diagnostic;

/**
 * Files plus what the target had to say about the model (warnings, or errors that stop the write)
 * and what the render costs a month, priced from the target's own plan.
 */
public record RenderResult(
    RenderedTree tree, List<Diagnostic> diagnostics, Optional<CostEstimate> cost) {
  public RenderResult {
    diagnostics = List.copyOf(diagnostics);
  }

  /** A render with no estimate (the target prices nothing). */
  public RenderResult(RenderedTree tree, List<Diagnostic> diagnostics) {
    this(tree, diagnostics, Optional.empty());
  }
}
