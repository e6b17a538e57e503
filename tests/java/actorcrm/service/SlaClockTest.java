package actorcrm.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaClockTest {

  private static final Instant OPENED = Instant.parse("2025-03-01T09:00:00Z");
  private static final SlaEvent FR_WARNING = new SlaEvent(SlaTimer.FIRST_RESPONSE, SlaAlert.WARNING);
  private static final SlaEvent FR_BREACH = new SlaEvent(SlaTimer.FIRST_RESPONSE, SlaAlert.BREACH);
  private static final SlaEvent RES_WARNING = new SlaEvent(SlaTimer.RESOLUTION, SlaAlert.WARNING);
  private static final SlaEvent RES_BREACH = new SlaEvent(SlaTimer.RESOLUTION, SlaAlert.BREACH);

  private final SlaPolicy policy = SlaPolicy.defaults();

  private static Instant at(int minutes) {
    return OPENED.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void defaultsGiveP1FifteenMinutesToRespondAndFourHoursToResolve() {
    SlaClock clock = policy.start(TicketPriority.P1, OPENED);

    assertEquals(at(15), clock.deadline(SlaTimer.FIRST_RESPONSE, OPENED));
    assertEquals(at(240), clock.deadline(SlaTimer.RESOLUTION, OPENED));
    // 25 % of 15 min left: warn at minute 11:15.
    assertEquals(OPENED.plusSeconds(11 * 60 + 15), clock.alertAt(FR_WARNING, OPENED));
  }

  @Test
  void waitingOnTheCustomerShiftsDeadlinesByThePausedTime() {
    SlaClock clock = policy.start(TicketPriority.P2, OPENED).respond(at(10)).pause(at(60)).resume(at(150));

    assertEquals(at(480 + 90), clock.deadline(SlaTimer.RESOLUTION, at(200)));
    assertEquals(Duration.ofMinutes(90), clock.pausedTotal(at(200)));
  }

  @Test
  void nothingFallsDueWhilePaused() {
    SlaClock paused = policy.start(TicketPriority.P1, OPENED).pause(at(5));

    SlaClock.Due due = paused.due(at(60));

    assertTrue(due.events().isEmpty());
    assertEquals(Optional.empty(), paused.nextCheckAt(at(60)));
    assertEquals(at(15 + 55), paused.deadline(SlaTimer.FIRST_RESPONSE, at(60)));
  }

  @Test
  void warningThenBreachEachFireOnceHoweverOftenEvaluated() {
    SlaClock clock = policy.start(TicketPriority.P1, OPENED);
    int warnings = 0;
    int breaches = 0;
    for (int second = 0; second <= 20 * 60; second += 15) {
      SlaClock.Due due = clock.due(OPENED.plusSeconds(second));
      clock = due.clock();
      warnings += (int) due.events().stream().filter(FR_WARNING::equals).count();
      breaches += (int) due.events().stream().filter(FR_BREACH::equals).count();
      due = clock.due(OPENED.plusSeconds(second));
      assertTrue(due.events().isEmpty(), "evaluating twice at " + second + "s fired " + due.events());
    }

    assertEquals(1, warnings);
    assertEquals(1, breaches);
    assertEquals(Optional.of(clock.alertAt(RES_WARNING, at(20))), clock.nextCheckAt(at(20)));
  }

  @Test
  void warningFiresBeforeTheBreachAtTheirOwnTimes() {
    SlaClock clock = policy.start(TicketPriority.P1, OPENED);

    SlaClock.Due warn = clock.due(OPENED.plusSeconds(11 * 60 + 15));
    SlaClock.Due breach = warn.clock().due(at(15));

    assertEquals(List.of(FR_WARNING), warn.events());
    assertEquals(List.of(FR_BREACH), breach.events());
  }

  @Test
  void aLateEvaluationEscalatesWithoutAStaleWarning() {
    SlaClock.Due due = policy.start(TicketPriority.P1, OPENED).due(at(300));

    assertEquals(List.of(FR_BREACH, RES_BREACH), due.events());
    assertTrue(due.clock().due(at(301)).events().isEmpty());
  }

  @Test
  void firstResponseInTimeStopsItsTimersButNotResolution() {
    SlaClock clock = policy.start(TicketPriority.P1, OPENED).respond(at(5));

    SlaClock.Due due = clock.due(at(200));

    assertEquals(List.of(RES_WARNING), due.events());
    assertEquals(Optional.of(at(240)), due.clock().nextCheckAt(at(200)));
  }

  @Test
  void resolutionStopsEverything() {
    SlaClock clock = policy.start(TicketPriority.P4, OPENED).resolve(at(30));

    assertTrue(clock.due(at(100_000)).events().isEmpty());
    assertEquals(Optional.empty(), clock.nextCheckAt(at(100_000)));
  }

  @Test
  void nextCheckAtIsTheEarliestUnfiredAlert() {
    SlaClock clock = policy.start(TicketPriority.P1, OPENED);

    assertEquals(Optional.of(clock.alertAt(FR_WARNING, OPENED)), clock.nextCheckAt(OPENED));
    assertEquals(Optional.of(at(15)), clock.due(at(12)).clock().nextCheckAt(at(12)));
  }

  @Test
  void targetsAndWarningShareAreConfigurable() {
    SlaPolicy custom = policy.withTargets(TicketPriority.P3, new SlaTargets(Duration.ofMinutes(40), Duration.ofHours(10)))
        .withWarningPercentLeft(50);
    SlaClock clock = custom.start(TicketPriority.P3, OPENED);

    assertEquals(at(20), clock.alertAt(FR_WARNING, OPENED));
    assertEquals(List.of(FR_WARNING), clock.due(at(20)).events());
    assertThrows(IllegalArgumentException.class, () -> policy.withWarningPercentLeft(0));
  }

  @Test
  void pauseAndResumeAreIdempotent() {
    SlaClock clock = policy.start(TicketPriority.P2, OPENED).pause(at(10));

    assertEquals(clock, clock.pause(at(20)));
    SlaClock resumed = clock.resume(at(30));
    assertEquals(resumed, resumed.resume(at(40)));
    assertEquals(Duration.ofMinutes(20), resumed.pausedTotal(at(50)));
  }
}
