package actorcrm.pricing;

import actorcrm.platform.CborSerializable;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A listing selling a product under its floor. Opened with evidence, deepened when the landed
 * price falls further, resolved when the price is back at or above the floor, the floor moves, the
 * listing is not seen for the TTL or it moves to another product (new title or size); a later
 * breach of the same listing opens a new, repeat one. While open, the clerk's enforcement runs on
 * it: notices to the shop, a fix window from the first notice, and one escalation when the window
 * passes with the violation still open. A resolved violation keeps its enforcement history.
 */
public record Violation(String id, String sku, String listingUrl, String shop, Status status, BigDecimal landedPrice,
                        int quantity, BigDecimal lowestLandedPrice, BigDecimal floor, BigDecimal gapPct,
                        boolean repeat, Instant openedAt, Instant lastSeenAt, Instant resolvedAt, Resolution resolution,
                        Evidence evidence, Enforcement enforcement) implements CborSerializable {

  public Violation {
    // Violations journaled before enforcement existed have none.
    enforcement = enforcement == null ? Enforcement.NONE : enforcement;
  }

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

  /** How the shop was told: the channels the clerks use. */
  public enum Channel {
    EMAIL, WANGWANG, PHONE;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What the shop showed when the violation opened or deepened, enough to act on without
   * re-scraping: the listing as scraped (URL, title, image, page price, promotion text, scrape
   * time), the rules read from the promotion text, the winning quantity with its landed price and
   * arithmetic, and the listing's recent price history up to this sighting. Evidence journaled
   * before the URL, image, landed price and history were carried has them null or empty.
   */
  public record Evidence(String listingUrl, String title, String imageUrl, BigDecimal pagePrice, String discountInfo,
                         List<String> promotions, BigDecimal landedPrice, Integer quantity, List<String> steps,
                         boolean pricingError, Instant observedAt, List<PricePoint> priceHistory) {
    public Evidence {
      priceHistory = priceHistory == null ? List.of() : List.copyOf(priceHistory);
    }
  }

  /** One notice to the shop: how, by whom (the clerk), what was said, and who recorded it (the token's subject). */
  public record Notice(Channel channel, String by, String text, String recordedBy, Instant at) {}

  /**
   * The clerk's work on a violation: its notices, the end of the fix window the first notice
   * started, and when it was escalated (once).
   */
  public record Enforcement(List<Notice> notices, Instant fixDueAt, Instant escalatedAt) {
    public static final Enforcement NONE = new Enforcement(List.of(), null, null);

    public Enforcement {
      notices = List.copyOf(notices);
    }

    /** none, noticed or escalated. */
    public String stage() {
      return escalatedAt != null ? "escalated" : notices.isEmpty() ? "none" : "noticed";
    }

    Enforcement withNotice(Notice notice, Instant dueAt) {
      List<Notice> all = new ArrayList<>(notices);
      all.add(notice);
      return new Enforcement(all, dueAt, escalatedAt);
    }

    Enforcement escalated(Instant at) {
      return new Enforcement(notices, fixDueAt, at);
    }
  }

  public boolean open() {
    return status == Status.OPEN;
  }

  /** Whether its fix window has passed at {@code now} while it is open and not yet escalated. */
  public boolean overdue(Instant now) {
    return open() && enforcement.fixDueAt() != null && enforcement.escalatedAt() == null
        && !enforcement.fixDueAt().isAfter(now);
  }

  Violation seen(BigDecimal landed, int qty, BigDecimal lowest, BigDecimal newFloor, BigDecimal gap, Instant at,
                 Evidence newEvidence) {
    return new Violation(id, sku, listingUrl, shop, status, landed, qty, lowest, newFloor, gap, repeat, openedAt, at,
        resolvedAt, resolution, newEvidence, enforcement);
  }

  Violation resolved(Resolution how, Instant at) {
    return new Violation(id, sku, listingUrl, shop, Status.RESOLVED, landedPrice, quantity, lowestLandedPrice, floor,
        gapPct, repeat, openedAt, lastSeenAt, at, how, evidence, enforcement);
  }

  Violation withEnforcement(Enforcement next) {
    return new Violation(id, sku, listingUrl, shop, status, landedPrice, quantity, lowestLandedPrice, floor, gapPct,
        repeat, openedAt, lastSeenAt, resolvedAt, resolution, evidence, next);
  }
}
