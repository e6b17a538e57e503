package actorcrm.sales;

import java.time.Duration;

/**
 * Forced circulation settings of a team: how long an owner may hold a lead without qualifying
 * follow-up, and after how many reclaims a lead goes to the team manager instead of another rep.
 */
public record CirculationRule(Duration idleLimit, int maxRecycles) {

  public CirculationRule {
    if (idleLimit == null || idleLimit.isNegative() || idleLimit.isZero()) {
      throw new IllegalArgumentException("idleLimit must be positive, got " + idleLimit);
    }
    if (maxRecycles < 1) {
      throw new IllegalArgumentException("maxRecycles must be at least 1, got " + maxRecycles);
    }
  }

  public static CirculationRule defaults() {
    return new CirculationRule(Duration.ofHours(48), 3);
  }
}
