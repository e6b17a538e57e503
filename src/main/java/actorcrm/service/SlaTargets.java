package actorcrm.service;

import java.time.Duration;

/** The time a ticket of one priority has for its first response and for its resolution. */
public record SlaTargets(Duration firstResponse, Duration resolution) {

  public SlaTargets {
    if (firstResponse == null || resolution == null || firstResponse.isNegative() || firstResponse.isZero()
        || resolution.isNegative() || resolution.isZero()) {
      throw new IllegalArgumentException("SLA targets must be positive, got " + firstResponse + " / " + resolution);
    }
  }

  public Duration of(SlaTimer timer) {
    return timer == SlaTimer.FIRST_RESPONSE ? firstResponse : resolution;
  }
}
