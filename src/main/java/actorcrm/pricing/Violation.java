package actorcrm.pricing;

import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A listing selling a product under its floor. Opened with evidence, deepened when the landed
 * price falls further, resolved when the price is back at or above the floor, the floor moves, the
 * listing is not seen for the TTL or it moves to another product (new title or size); a later
 * breach of the same listing opens a new, repeat one.
 */
public record Violation(String id, String sku, String listingUrl, String shop, Status status, BigDecimal landedPrice,
                        int quantity, BigDecimal lowestLandedPrice, BigDecimal floor, BigDecimal gapPct,
                        boolean repeat, Instant openedAt, Instant lastSeenAt, Instant resolvedAt, Resolution resolution,
                        Evidence evidence) {

  public enum Status {
    OPEN, RESOLVED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Resolution {
    PRICE_RESTORED, FLOOR_CHANGED, LISTING_GONE, MOVED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the shop showed when the violation opened or deepened: enough to act on without re-scraping. */
  public record Evidence(String title, BigDecimal pagePrice, String discountInfo, List<String> promotions,
                         List<String> steps, boolean pricingError, Instant observedAt) {}

  public boolean open() {
    return status == Status.OPEN;
  }
}
