package s2c.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What to compile: exactly one of bundle or scenario directory, plus overrides. */
public record CompileRequest(
    Optional<Path> bundle,
    Optional<Path> scenarioDir,
    String provider,
    Optional<String> environment,
    List<Path> valuesFiles,
    List<String> setExpressions,
    Optional<Path> secretsPlan) {

  public CompileRequest {
    valuesFiles = List.copyOf(valuesFiles);
    setExpressions = List.copyOf(setExpressions);
    if (bundle.isPresent() == scenarioDir.isPresent()) {
      throw new IllegalArgumentException("give exactly one of bundle or scenario directory");
    }
  }

}
