package s2c.spi;

import java.util.Locale;

/**
 * Which output checks run. Both run every in-process rule a target has (syntax and provider
 * schemas, the cluster API's OpenAPI, secret wiring, reachability, hook order) and the manifest;
 * {@link #FULL} also runs the tools a target lists in {@link Target#externalChecks()} (formatters,
 * linters, config validators: programs whose verdict depends on what is installed, and linters that
 * cost more than the render they check). {@link #FAST} starts no program, so its result is the same
 * on every machine: the goldens and the determinism test use it.
 */
public enum Checks {
  FAST,
  FULL;

  public static Checks parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
