package actorcrm.dispatch;

import java.time.Duration;

/** What the assignment protocol tells operators: each routing outcome, and how long an item waited for its owner. */
public interface AssignmentMetrics {
  AssignmentMetrics NONE = new AssignmentMetrics() {
    @Override
    public void routed(WorkKind kind, boolean proposed) {
    }

    @Override
    public void assigned(WorkKind kind, Duration sinceFirstRouted) {
    }
  };

  /** A routing answer was journaled: a proposal to a rep, or queued when nobody was eligible. */
  void routed(WorkKind kind, boolean proposed);

  /** The item was assigned, {@code sinceFirstRouted} after its oldest kept routing decision (its creation, for a new item). */
  void assigned(WorkKind kind, Duration sinceFirstRouted);
}
