package actorcrm.service;

import java.util.Locale;

/**
 * Urgency of a ticket, P1 most urgent. The tier decides first, so every VIP ticket (P1, P2) is
 * above every standard one (P3, P4); within a tier a complex ticket (4 or 5) goes first, because
 * it usually means the customer is blocked and it needs the most time before its deadline.
 */
public enum TicketPriority {
  P1,
  P2,
  P3,
  P4;

  public static final int COMPLEX_FROM = 4;

  public static TicketPriority of(CustomerTier tier, int complexity) {
    if (tier == null) {
      throw new IllegalArgumentException("tier is required");
    }
    if (complexity < 1 || complexity > 5) {
      throw new IllegalArgumentException("complexity must be 1..5, got " + complexity);
    }
    boolean complex = complexity >= COMPLEX_FROM;
    if (tier == CustomerTier.VIP) {
      return complex ? P1 : P2;
    }
    return complex ? P3 : P4;
  }

  /** The priority a dispatch queue sorts on, higher first: P1 is 4, P4 is 1. */
  public int queuePriority() {
    return values().length - ordinal();
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
