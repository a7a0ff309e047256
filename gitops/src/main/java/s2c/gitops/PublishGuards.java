package s2c.gitops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.model.Guardrails;

/**
 * The confirmations a publish needs once it is known what it changes: a monthly estimate that rises
 * more than {@code guardrails.max_increase_pct} over what the repository holds needs {@code
 * --approve-cost} of at least the new estimate; destroying or replacing something that holds data
 * (a target's {@link s2c.spi.Target#statefulTypes}) needs {@code --allow-destroy}.
 */
public record PublishGuards(
    Guardrails guardrails,
    Optional<BigDecimal> approvedCost,
    boolean allowDestroy,
    Set<String> statefulTypes,
    String path)
    implements ChangeGate {

  @Override
  public List<Diagnostic> refusals(ChangeSummary summary) {
    List<Diagnostic> refusals = new ArrayList<>();
    summary.cost().ifPresent(cost -> costRise(cost, refusals));
    if (!allowDestroy) {
      List<String> lost = new ArrayList<>();
      summary.resourcesRemoved().stream().filter(this::stateful).forEach(lost::add);
      summary.resourcesReplaced().stream().filter(this::stateful).forEach(lost::add);
      summary.objectsRemoved().stream().filter(this::stateful).forEach(lost::add);
      for (String address : lost) {
        refusals.add(
            Diagnostic.error(
                Codes.DESTROY_UNAPPROVED,
                SourceLocation.file(path),
                address
                    + (summary.resourcesReplaced().contains(address)
                        ? " would be replaced (destroyed and re-created)"
                        : " would be destroyed")
                    + ", and it holds data",
                "if losing its data is intended, publish again with --allow-destroy; otherwise"
                    + " change the values back"));
      }
    }
    return refusals;
  }

  private void costRise(CostChange cost, List<Diagnostic> refusals) {
    Guardrails.Limit<BigDecimal> limit = guardrails.maxIncreasePct();
    Optional<BigDecimal> rise = cost.increasePct();
    boolean approved = approvedCost.filter(a -> a.compareTo(cost.after()) >= 0).isPresent();
    if (rise.isPresent() && rise.get().compareTo(limit.value()) > 0 && !approved) {
      refusals.add(
          Diagnostic.error(
              Codes.GUARDRAIL_EXCEEDED,
              limit.at(),
              "the estimate rises from $"
                  + cost.before().orElseThrow().toPlainString()
                  + " to $"
                  + cost.after().toPlainString()
                  + " a month (+"
                  + rise.get().toPlainString()
                  + " %), over guardrails.max_increase_pct "
                  + limit.value().stripTrailingZeros().toPlainString()
                  + " %",
              "confirm with --approve-cost "
                  + cost.after().toPlainString()
                  + " (recorded in the commit as S2C-Approved-Cost)"));
    }
  }

  /**
   * A Terraform address ({@code type.name}) by its type, an API object ({@code Kind/name}) by kind.
   */
  private boolean stateful(String address) {
    int slash = address.indexOf('/');
    String type = slash > 0 ? address.substring(0, slash + 1) : address.split("\\.")[0];
    return statefulTypes.contains(type);
  }
}
