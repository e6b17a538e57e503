package actorcrm.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresenceGraceTest {

  private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
  private final PresenceGrace grace = new PresenceGrace(Duration.ofMinutes(15), Duration.ofMinutes(5));

  @Test
  void itemsStayDuringTheGracePeriodAndMoveAfterIt() {
    PresenceGrace.Verdict early = grace.check(Presence.AWAY, T0, T0.plus(Duration.ofMinutes(10)));
    PresenceGrace.Verdict late = grace.check(Presence.AWAY, T0, T0.plus(Duration.ofMinutes(15)));

    assertFalse(early.moveItems());
    assertEquals(Optional.of(T0.plus(Duration.ofMinutes(15))), early.checkAt());
    assertTrue(late.moveItems());
  }

  @Test
  void flappingRestartsTheGraceSoNothingMoves() {
    Instant backAway = T0.plus(Duration.ofMinutes(14));

    PresenceGrace.Verdict atFirstTimer = grace.check(Presence.AWAY, backAway, T0.plus(Duration.ofMinutes(15)));

    assertFalse(atFirstTimer.moveItems());
    assertEquals(Optional.of(backAway.plus(Duration.ofMinutes(15))), atFirstTimer.checkAt());
  }

  @Test
  void onlineRepKeepsItsItemsWithNoTimer() {
    PresenceGrace.Verdict v = grace.check(Presence.ONLINE, T0, T0.plus(Duration.ofDays(1)));

    assertFalse(v.moveItems());
    assertTrue(v.checkAt().isEmpty());
  }

  @Test
  void offlineHasItsOwnShorterGrace() {
    assertTrue(grace.check(Presence.OFFLINE, T0, T0.plus(Duration.ofMinutes(5))).moveItems());
  }
}
