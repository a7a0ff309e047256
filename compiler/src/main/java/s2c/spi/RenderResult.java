package s2c.spi;

import java.util.List;
import java.util.Optional;
import s2c.cost.CostEstimate;
import s2c.diag.Diagnostic;

/**
 * Files plus what the target had to say about the model (warnings, or errors that stop the write),
 * what the render costs a month, priced from the target's own plan, and what {@code verify} can ask
 * the platform's own API about the rollout ({@code rollout} in {@code s2c-verify.json}; empty when
 * the platform has nothing to ask).
 */
public record RenderResult(
    RenderedTree tree,
    List<Diagnostic> diagnostics,
    Optional<CostEstimate> cost,
    java.util.Map<String, Object> rollout) {
  public RenderResult {
    diagnostics = List.copyOf(diagnostics);
    rollout = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rollout));
  }

  public RenderResult(
      RenderedTree tree, List<Diagnostic> diagnostics, Optional<CostEstimate> cost) {
    this(tree, diagnostics, cost, java.util.Map.of());
  }

  /** A render with no estimate (the target prices nothing). */
  public RenderResult(RenderedTree tree, List<Diagnostic> diagnostics) {
    this(tree, diagnostics, Optional.empty());
  }
}
