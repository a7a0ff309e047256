package s2c.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import s2c.spi.Checks;

/** What to compile: exactly one of bundle or scenario directory, plus overrides. */
public record CompileRequest(
    Optional<Path> bundle,
    Optional<Path> scenarioDir,
    String provider,
    Optional<String> environment,
    List<Path> valuesFiles,
    List<String> setExpressions,
    Optional<Path> secretsPlan,
    Checks checks) {

  /** A request with every output check, external programs included. */
  public CompileRequest(Optional<Path> bundle, Optional<Path> scenarioDir, String provider, Optional<String> environment,
      List<Path> valuesFiles, List<String> setExpressions, Optional<Path> secretsPlan) {
    this(bundle, scenarioDir, provider, environment, valuesFiles, setExpressions, secretsPlan, Checks.FULL);
  }

  public CompileRequest withChecks(Checks policy) {
    return new CompileRequest(bundle, scenarioDir, provider, environment, valuesFiles, setExpressions, secretsPlan, policy);
  }

  public CompileRequest {
    valuesFiles = List.copyOf(valuesFiles);
    setExpressions = List.copyOf(setExpressions);
    if (bundle.isPresent() == scenarioDir.isPresent()) {
      throw new IllegalArgumentException("give exactly one of bundle or scenario directory");
    }
  }

}
