package s2c.gitops;

import java.util.List;
import s2c.diag.Diagnostic;

/**
 * A publish its change gate refused (a cost rise or a destroy not confirmed): nothing was
 * committed; the refusals are diagnostics (exit 1), and the summary says what the change would have
 * been.
 */
public final class PublishRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> refusals;
  private final transient ChangeSummary summary;

  public PublishRefused(List<Diagnostic> refusals, ChangeSummary summary) {
    super(refusals.size() + " confirmation(s) missing: nothing was committed");
    this.refusals = List.copyOf(refusals);
    this.summary = summary;
  }

  public List<Diagnostic> refusals() {
    return refusals;
  }

  public ChangeSummary summary() {
    return summary;
  }
}
