package s2c.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import s2c.spi.Checks;

/**
 * What to compile: exactly one of a bundle, a scenario directory or a scenario's service.json, plus
 * values layers, {@code --set} expressions, a secrets plan and the check policy. Documents may be
 * files or in-memory bytes ({@link InputDocument}); a compile writes nothing either way.
 */
public record CompileRequest(
    Optional<InputDocument> bundle,
    Optional<Path> scenarioDir,
    Optional<InputDocument> serviceJson,
    String provider,
    Optional<String> environment,
    List<InputDocument> values,
    List<String> setExpressions,
    Optional<InputDocument> secretsPlan,
    Checks checks,
    Optional<InputDocument> images,
    Optional<java.math.BigDecimal> approvedCost) {

  public CompileRequest {
    values = List.copyOf(values);
    setExpressions = List.copyOf(setExpressions);
    int sources =
        (bundle.isPresent() ? 1 : 0)
            + (scenarioDir.isPresent() ? 1 : 0)
            + (serviceJson.isPresent() ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException(
          "give exactly one of bundle, scenario directory or service.json");
    }
  }

  /** Without a cost approval. */
  public CompileRequest(
      Optional<InputDocument> bundle,
      Optional<Path> scenarioDir,
      Optional<InputDocument> serviceJson,
      String provider,
      Optional<String> environment,
      List<InputDocument> values,
      List<String> setExpressions,
      Optional<InputDocument> secretsPlan,
      Checks checks,
      Optional<InputDocument> images) {
    this(
        bundle,
        scenarioDir,
        serviceJson,
        provider,
        environment,
        values,
        setExpressions,
        secretsPlan,
        checks,
        images,
        Optional.empty());
  }

  /** Without an images file. */
  public CompileRequest(
      Optional<InputDocument> bundle,
      Optional<Path> scenarioDir,
      Optional<InputDocument> serviceJson,
      String provider,
      Optional<String> environment,
      List<InputDocument> values,
      List<String> setExpressions,
      Optional<InputDocument> secretsPlan,
      Checks checks) {
    this(
        bundle,
        scenarioDir,
        serviceJson,
        provider,
        environment,
        values,
        setExpressions,
        secretsPlan,
        checks,
        Optional.empty());
  }

  /** Files on disk, every output check (external programs included). */
  public CompileRequest(
      Optional<Path> bundle,
      Optional<Path> scenarioDir,
      String provider,
      Optional<String> environment,
      List<Path> valuesFiles,
      List<String> setExpressions,
      Optional<Path> secretsPlan) {
    this(
        bundle,
        scenarioDir,
        provider,
        environment,
        valuesFiles,
        setExpressions,
        secretsPlan,
        Checks.FULL);
  }

  /** Files on disk. */
  public CompileRequest(
      Optional<Path> bundle,
      Optional<Path> scenarioDir,
      String provider,
      Optional<String> environment,
      List<Path> valuesFiles,
      List<String> setExpressions,
      Optional<Path> secretsPlan,
      Checks checks) {
    this(
        bundle.map(InputDocument::file),
        scenarioDir,
        Optional.empty(),
        provider,
        environment,
        valuesFiles.stream().map(InputDocument::file).toList(),
        setExpressions,
        secretsPlan.map(InputDocument::file),
        checks);
  }

  public CompileRequest withChecks(Checks policy) {
    return new CompileRequest(
        bundle,
        scenarioDir,
        serviceJson,
        provider,
        environment,
        values,
        setExpressions,
        secretsPlan,
        policy,
        images);
  }

  /** Images pinned by digest ({@code build}'s images.json), applied after the values files. */
  public CompileRequest withImages(Optional<InputDocument> file) {
    return new CompileRequest(
        bundle,
        scenarioDir,
        serviceJson,
        provider,
        environment,
        values,
        setExpressions,
        secretsPlan,
        checks,
        file,
        approvedCost);
  }

  /**
   * With a confirmed monthly amount: an estimate over the budget up to this much may render (the
   * commit records it).
   */
  public CompileRequest withApprovedCost(Optional<java.math.BigDecimal> amount) {
    return new CompileRequest(
        bundle,
        scenarioDir,
        serviceJson,
        provider,
        environment,
        values,
        setExpressions,
        secretsPlan,
        checks,
        images,
        amount);
  }

  public CompileRequest withProvider(String id) {
    return new CompileRequest(
        bundle,
        scenarioDir,
        serviceJson,
        id,
        environment,
        values,
        setExpressions,
        secretsPlan,
        checks,
        images,
        approvedCost);
  }

  /**
   * The same compile for one tenant of a fan-out: its environment, and its values layers after the
   * given ones ({@code --set} still applies last).
   */
  public CompileRequest forTenant(String env, List<InputDocument> layers) {
    List<InputDocument> all = new java.util.ArrayList<>(values);
    all.addAll(layers);
    return new CompileRequest(
        bundle,
        scenarioDir,
        serviceJson,
        provider,
        Optional.of(env),
        all,
        setExpressions,
        secretsPlan,
        checks,
        images,
        approvedCost);
  }
}
