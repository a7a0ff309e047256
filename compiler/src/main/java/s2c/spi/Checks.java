package s2c.spi;

import java.util.Locale;

/**
 * Which output checks run. Both run every in-process rule (HCL and provider schema, the chart's
 * values schema and Kubernetes OpenAPI through the embedded Helm, secret wiring, reachability,
 * hook order, the manifest); {@link #FULL} also starts the external programs a target knows
 * ({@code terraform fmt}, {@code ansible-playbook}, {@code ansible-lint}, {@code shellcheck},
 * {@code caddy validate}), whose verdict depends on what is installed. {@link #FAST} starts no
 * program, so its result is the same on every machine: the goldens and the determinism test use it.
 */
public enum Checks {
  FAST,
  FULL;

  public static Checks parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
