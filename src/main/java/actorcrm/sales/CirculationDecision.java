package actorcrm.sales;

import java.time.Instant;
import java.util.Optional;

/**
 * What forced circulation does with a lead now: nothing yet (check again at {@code nextCheckAt}),
 * reclaim it from its owner and route it again without that owner, or hand it to the team
 * manager's queue. {@code recycleCount} is the lead's count after this decision.
 */
public record CirculationDecision(Action action, int recycleCount, Optional<Instant> nextCheckAt, String reason) {

  public enum Action {
    NONE,
    RECLAIM,
    TO_MANAGER_QUEUE
  }
}
