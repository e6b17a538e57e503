package actorcrm.sales;

import java.time.Instant;
import java.util.Optional;

/**
 * Forced circulation (强制流转): a lead whose owner logs no qualifying activity within the idle
 * limit is taken back and routed again, its previous owner excluded; the reclaim that reaches the
 * rule's maximum sends it to the team manager's queue instead. The idle clock starts at the later
 * of the assignment and the owner's last qualifying activity, so activity logged by an earlier
 * owner does not protect the current one.
 */
public final class CirculationPolicy {

  private CirculationPolicy() {}

  public static CirculationDecision decide(CirculationRule rule, Instant assignedAt, Instant lastQualifyingActivity,
      int recycleCount, Instant now) {
    if (assignedAt == null || now == null) {
      throw new IllegalArgumentException("assignedAt and now are required");
    }
    if (recycleCount < 0) {
      throw new IllegalArgumentException("recycleCount must not be negative, got " + recycleCount);
    }
    Instant since = lastQualifyingActivity != null && lastQualifyingActivity.isAfter(assignedAt)
        ? lastQualifyingActivity
        : assignedAt;
    Instant deadline = since.plus(rule.idleLimit());
    if (now.isBefore(deadline)) {
      return new CirculationDecision(CirculationDecision.Action.NONE, recycleCount, Optional.of(deadline),
          "owner has until " + deadline);
    }
    int count = recycleCount + 1;
    String idle = "no qualifying activity since " + since + " (limit " + rule.idleLimit() + ")";
    if (count >= rule.maxRecycles()) {
      return new CirculationDecision(CirculationDecision.Action.TO_MANAGER_QUEUE, count, Optional.empty(),
          idle + "; reclaim " + count + " of " + rule.maxRecycles() + " goes to the manager");
    }
    return new CirculationDecision(CirculationDecision.Action.RECLAIM, count, Optional.empty(),
        idle + "; reclaim " + count + " of " + rule.maxRecycles());
  }
}
