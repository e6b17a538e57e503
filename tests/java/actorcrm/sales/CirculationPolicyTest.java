package actorcrm.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import actorcrm.sales.CirculationDecision.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CirculationPolicyTest {

  private static final Instant ASSIGNED = Instant.parse("2025-03-01T09:00:00Z");
  private static final CirculationRule RULE = new CirculationRule(Duration.ofHours(24), 3);

  @Test
  void leadStaysWithinTheIdleLimitAndTheTimerIsSetForItsEnd() {
    CirculationDecision d = CirculationPolicy.decide(RULE, ASSIGNED, null, 0, ASSIGNED.plus(Duration.ofHours(23)));

    assertEquals(Action.NONE, d.action());
    assertEquals(0, d.recycleCount());
    assertEquals(Optional.of(ASSIGNED.plus(Duration.ofHours(24))), d.nextCheckAt());
  }

  @Test
  void qualifyingActivityRestartsTheIdleClock() {
    Instant call = ASSIGNED.plus(Duration.ofHours(20));

    CirculationDecision d = CirculationPolicy.decide(RULE, ASSIGNED, call, 0, ASSIGNED.plus(Duration.ofHours(30)));

    assertEquals(Action.NONE, d.action());
    assertEquals(Optional.of(call.plus(Duration.ofHours(24))), d.nextCheckAt());
  }

  @Test
  void idleOwnerLosesTheLeadAndItsRecycleCountRises() {
    CirculationDecision d = CirculationPolicy.decide(RULE, ASSIGNED, null, 0, ASSIGNED.plus(Duration.ofHours(24)));

    assertEquals(Action.RECLAIM, d.action());
    assertEquals(1, d.recycleCount());
    assertTrue(d.nextCheckAt().isEmpty());
  }

  @Test
  void activityBeforeTheAssignmentDoesNotProtectTheNewOwner() {
    Instant previousOwnersCall = ASSIGNED.minus(Duration.ofHours(1));

    CirculationDecision d = CirculationPolicy.decide(RULE, ASSIGNED, previousOwnersCall, 1,
        ASSIGNED.plus(Duration.ofHours(25)));

    assertEquals(Action.RECLAIM, d.action());
    assertEquals(2, d.recycleCount());
  }

  @Test
  void theReclaimThatReachesTheMaximumGoesToTheManagersQueue() {
    CirculationDecision d = CirculationPolicy.decide(RULE, ASSIGNED, null, 2, ASSIGNED.plus(Duration.ofHours(48)));

    assertEquals(Action.TO_MANAGER_QUEUE, d.action());
    assertEquals(3, d.recycleCount());
    assertTrue(d.reason().contains("reclaim 3 of 3"), d.reason());
  }

  @Test
  void viewingIsNotQualifyingActivity() {
    assertFalse(ActivityType.VIEW.qualifying());
    for (ActivityType t : new ActivityType[] {ActivityType.CALL, ActivityType.EMAIL, ActivityType.MEETING,
        ActivityType.NOTE}) {
      assertTrue(t.qualifying(), t.wire());
    }
    assertEquals(ActivityType.MEETING, ActivityType.parse("meeting"));
  }
}
