package s2c.gitops;

import java.util.List;
import s2c.diag.Diagnostic;

/** What may stop a publish once its change is known, before anything is committed. */
@FunctionalInterface
public interface ChangeGate {
  ChangeGate NONE = summary -> List.of();

  /** Errors that refuse the change; empty lets it through. */
  List<Diagnostic> refusals(ChangeSummary summary);
}
