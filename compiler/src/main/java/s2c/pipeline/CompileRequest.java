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

  public static CompileRequest ofBundle(Path bundle, String provider) {
    return new CompileRequest(Optional.of(bundle), Optional.empty(), provider, Optional.empty(), List.of(), List.of(), Optional.empty());
  }

  public CompileRequest withValues(List<Path> files) {
    return new CompileRequest(bundle, scenarioDir, provider, environment, files, setExpressions, secretsPlan);
  }

  public CompileRequest withSet(List<String> sets) {
    return new CompileRequest(bundle, scenarioDir, provider, environment, valuesFiles, sets, secretsPlan);
  }

  public CompileRequest withPlan(Path plan) {
    return new CompileRequest(bundle, scenarioDir, provider, environment, valuesFiles, setExpressions, Optional.of(plan));
  }

  public CompileRequest withEnvironment(String env) {
    return new CompileRequest(bundle, scenarioDir, provider, Optional.of(env), valuesFiles, setExpressions, secretsPlan);
  }
}
