package actorcrm.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a rep may be away or offline before the dispatcher moves their items to others. The
 * clock starts at the last presence change, so a rep who flaps between online and away keeps
 * restarting it and nothing moves; the dispatcher re-asks when the timer at {@code checkAt} fires.
 * Which kinds of item move is the dispatcher's choice (tickets under SLA, typically not leads).
 */
public record PresenceGrace(Duration away, Duration offline) {

  public PresenceGrace {
    if (away == null || offline == null || away.isNegative() || offline.isNegative()) {
      throw new IllegalArgumentException("grace periods must be zero or more, got " + away + " and " + offline);
    }
  }

  public static PresenceGrace defaults() {
    return new PresenceGrace(Duration.ofMinutes(15), Duration.ofMinutes(5));
  }

  public Verdict check(Presence presence, Instant since, Instant now) {
    if (presence == Presence.ONLINE) {
      return new Verdict(false, Optional.empty());
    }
    Instant moveAt = since.plus(presence == Presence.AWAY ? away : offline);
    return now.isBefore(moveAt) ? new Verdict(false, Optional.of(moveAt)) : new Verdict(true, Optional.empty());
  }

  /** Whether the rep's items should move now, and otherwise when to check again (empty when online). */
  public record Verdict(boolean moveItems, Optional<Instant> checkAt) {}
}
