package actorcrm.service;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The service levels of the team: first-response and resolution targets per priority, and how
 * much of the time is left when the warning goes out. Read once from configuration; starts the
 * {@link SlaClock} of each new ticket.
 */
public record SlaPolicy(Map<TicketPriority, SlaTargets> targets, int warningPercentLeft) {

  public SlaPolicy {
    for (TicketPriority p : TicketPriority.values()) {
      if (targets == null || targets.get(p) == null) {
        throw new IllegalArgumentException("SLA targets are missing for " + p);
      }
    }
    if (warningPercentLeft < 1 || warningPercentLeft > 99) {
      throw new IllegalArgumentException("warningPercentLeft must be 1..99, got " + warningPercentLeft);
    }
    targets = Map.copyOf(targets);
  }

  /** P1 15 min / 4 h, P2 30 min / 8 h, P3 2 h / 24 h, P4 4 h / 72 h; warn with 25 % left. */
  public static SlaPolicy defaults() {
    Map<TicketPriority, SlaTargets> targets = new EnumMap<>(TicketPriority.class);
    targets.put(TicketPriority.P1, new SlaTargets(Duration.ofMinutes(15), Duration.ofHours(4)));
    targets.put(TicketPriority.P2, new SlaTargets(Duration.ofMinutes(30), Duration.ofHours(8)));
    targets.put(TicketPriority.P3, new SlaTargets(Duration.ofHours(2), Duration.ofHours(24)));
    targets.put(TicketPriority.P4, new SlaTargets(Duration.ofHours(4), Duration.ofHours(72)));
    return new SlaPolicy(targets, 25);
  }

  public SlaPolicy withTargets(TicketPriority priority, SlaTargets newTargets) {
    Map<TicketPriority, SlaTargets> next = new EnumMap<>(targets);
    next.put(priority, newTargets);
    return new SlaPolicy(next, warningPercentLeft);
  }

  public SlaPolicy withWarningPercentLeft(int percent) {
    return new SlaPolicy(targets, percent);
  }

  public SlaClock start(TicketPriority priority, Instant openedAt) {
    return SlaClock.start(priority, targets.get(priority), warningPercentLeft, openedAt);
  }
}
