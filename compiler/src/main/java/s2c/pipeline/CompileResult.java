package s2c.pipeline;

import java.util.List;
import java.util.Optional;
import s2c.cost.CostEstimate;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.spi.RenderedTree;

/**
 * Diagnostics always; the model and the validated tree only when there is no error; the monthly
 * estimate whenever the target rendered.
 */
public record CompileResult(
    List<Diagnostic> diagnostics,
    Optional<Deployment> deployment,
    Optional<RenderedTree> tree,
    String provider,
    Optional<CostEstimate> cost) {
  public CompileResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public CompileResult(
      List<Diagnostic> diagnostics,
      Optional<Deployment> deployment,
      Optional<RenderedTree> tree,
      String provider) {
    this(diagnostics, deployment, tree, provider, Optional.empty());
  }

  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError) && tree.isPresent();
  }

  /** Where the tree goes below the output root: {@code <scenario>/cloud/<provider>}. */
  public Optional<String> relativeDir() {
    return deployment.map(d -> d.scenario() + "/cloud/" + provider);
  }
}
