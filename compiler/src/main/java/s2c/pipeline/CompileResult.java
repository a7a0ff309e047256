package s2c.pipeline;

import java.util.List;
import java.util.Optional;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.spi.RenderedTree;

/** Diagnostics always; the model and the validated tree only when there is no error. */
public record CompileResult(
    List<Diagnostic> diagnostics,
    Optional<Deployment> deployment,
    Optional<RenderedTree> tree,
    String provider) {
  public CompileResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError) && tree.isPresent();
  }

  /** Where the tree goes below the output root: {@code <scenario>/cloud/<provider>}. */
  public Optional<String> relativeDir() {
    return deployment.map(d -> d.scenario() + "/cloud/" + provider);
  }
}
