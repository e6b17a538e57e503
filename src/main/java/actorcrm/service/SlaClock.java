package actorcrm.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA clocks of one ticket, from opening to resolution. Time spent waiting on the customer
 * does not count: while paused nothing falls due, and on resume every deadline moves by the
 * paused time. The first response stops the first-response clock; resolution stops both. Each
 * alert is remembered once fired, so {@link #due} may be evaluated any number of times (timer,
 * replay, redelivered message) and still reports each warning and breach exactly once.
 * Immutable; the ticket entity keeps the current one in its state.
 */
public record SlaClock(TicketPriority priority, SlaTargets targets, int warningPercentLeft, Instant openedAt,
    Duration pausedBefore, Instant pausedSince, Instant respondedAt, Instant resolvedAt, Set<SlaEvent> fired) {

  public SlaClock {
    fired = Set.copyOf(fired);
  }

  static SlaClock start(TicketPriority priority, SlaTargets targets, int warningPercentLeft, Instant openedAt) {
    return new SlaClock(priority, targets, warningPercentLeft, openedAt, Duration.ZERO, null, null, null, Set.of());
  }

  public boolean paused() {
    return pausedSince != null;
  }

  /** Stops the clocks while the ticket waits on the customer; no effect when already paused or resolved. */
  public SlaClock pause(Instant at) {
    if (paused() || resolvedAt != null) {
      return this;
    }
    return new SlaClock(priority, targets, warningPercentLeft, openedAt, pausedBefore, at, respondedAt, resolvedAt,
        fired);
  }

  /** Restarts the clocks when the customer answers; deadlines move by the time paused. */
  public SlaClock resume(Instant at) {
    if (!paused()) {
      return this;
    }
    return new SlaClock(priority, targets, warningPercentLeft, openedAt, pausedTotal(at), null, respondedAt,
        resolvedAt, fired);
  }

  public SlaClock respond(Instant at) {
    if (respondedAt != null) {
      return this;
    }
    return new SlaClock(priority, targets, warningPercentLeft, openedAt, pausedBefore, pausedSince, at, resolvedAt,
        fired);
  }

  public SlaClock resolve(Instant at) {
    if (resolvedAt != null) {
      return this;
    }
    return new SlaClock(priority, targets, warningPercentLeft, openedAt, pausedBefore, pausedSince, respondedAt, at,
        fired);
  }

  /** Whether the clock still runs towards its deadline (its goal not yet met). */
  public boolean running(SlaTimer timer) {
    return resolvedAt == null && (timer == SlaTimer.RESOLUTION || respondedAt == null);
  }

  public Duration pausedTotal(Instant now) {
    return paused() ? pausedBefore.plus(Duration.between(pausedSince, now)) : pausedBefore;
  }

  /** The deadline as of {@code now}; while paused it keeps moving with {@code now}. */
  public Instant deadline(SlaTimer timer, Instant now) {
    return openedAt.plus(targets.of(timer)).plus(pausedTotal(now));
  }

  public Instant alertAt(SlaEvent event, Instant now) {
    Instant deadline = deadline(event.timer(), now);
    if (event.alert() == SlaAlert.BREACH) {
      return deadline;
    }
    return deadline.minus(targets.of(event.timer()).multipliedBy(warningPercentLeft).dividedBy(100));
  }

  /**
   * The alerts due at {@code now} that have not fired yet, and the clock with them marked fired.
   * When a breach is due its warning is marked too but not reported: a late evaluation should
   * escalate, not warn after the fact.
   */
  public Due due(Instant now) {
    if (paused()) {
      return new Due(List.of(), this);
    }
    List<SlaEvent> events = new ArrayList<>();
    Set<SlaEvent> nowFired = new HashSet<>(fired);
    for (SlaTimer timer : SlaTimer.values()) {
      if (!running(timer)) {
        continue;
      }
      SlaEvent warning = new SlaEvent(timer, SlaAlert.WARNING);
      SlaEvent breach = new SlaEvent(timer, SlaAlert.BREACH);
      if (!now.isBefore(alertAt(breach, now))) {
        if (nowFired.add(breach)) {
          events.add(breach);
        }
        nowFired.add(warning);
      } else if (!now.isBefore(alertAt(warning, now)) && nowFired.add(warning)) {
        events.add(warning);
      }
    }
    if (events.isEmpty() && nowFired.equals(fired)) {
      return new Due(List.of(), this);
    }
    return new Due(events, new SlaClock(priority, targets, warningPercentLeft, openedAt, pausedBefore, pausedSince,
        respondedAt, resolvedAt, nowFired));
  }

  /** When the next unfired alert falls due, for the entity's timer; empty while paused or when nothing is left. */
  public Optional<Instant> nextCheckAt(Instant now) {
    if (paused()) {
      return Optional.empty();
    }
    Instant next = null;
    for (SlaTimer timer : SlaTimer.values()) {
      if (!running(timer)) {
        continue;
      }
      for (SlaAlert alert : SlaAlert.values()) {
        SlaEvent event = new SlaEvent(timer, alert);
        if (!fired.contains(event)) {
          Instant at = alertAt(event, now);
          next = next == null || at.isBefore(next) ? at : next;
        }
      }
    }
    return Optional.ofNullable(next);
  }

  /** The alerts to act on now and the clock to keep. */
  public record Due(List<SlaEvent> events, SlaClock clock) {

    public Due {
      events = List.copyOf(events);
    }
  }
}
