package s2c.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import s2c.diag.SourceLocation;

/**
 * Values {@code guardrails}: the limits a render must stay within unless someone confirms it
 * explicitly (cost) or changes the limit (replicas, regions). Each limit remembers where it is set,
 * so the error points at it.
 *
 * @param maxIncreasePct how much more a month a publish may cost than what the infra repository
 *     holds (default 50 %)
 * @param maxInstanceSize the largest instance one service may run on: each target checks the size
 *     it picks (an App Platform size, a Fargate task, a pod's requests)
 * @param autoRollback whether the infra CI rolls a prod deployment back when verify finds it
 *     unhealthy (other environments always are)
 */
public record Guardrails(
    Optional<Limit<BigDecimal>> maxMonthlyUsd,
    Optional<Limit<Integer>> maxReplicas,
    Optional<Limit<List<String>>> allowRegions,
    Limit<BigDecimal> maxIncreasePct,
    Optional<Limit<Size>> maxInstanceSize,
    boolean autoRollback) {

  /** A limit's value and where values set it. */
  public record Limit<T>(T value, SourceLocation at) {}

  public static final BigDecimal DEFAULT_MAX_INCREASE_PCT = BigDecimal.valueOf(50);

  public static Guardrails none() {
    return new Guardrails(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Limit<>(DEFAULT_MAX_INCREASE_PCT, SourceLocation.file("values")),
        Optional.empty(),
        false);
  }
}
