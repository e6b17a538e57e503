package actorcrm.pricing;


import actorcrm.platform.CborSerializable;
import java.math.BigDecimal;
import java.time.Instant;

/** What happened to a product, as journaled. Violation events feed alerts, the violations list and the shops. */
public sealed interface ProductEvent extends CborSerializable {
  /** Journal tag read by the price-control projections (violations read model, review queue, alerts). */
  String TAG = "price-control";
  /** Journal tag of reference rows, read by every node's catalog replica. */
  String CATALOG_TAG = "catalog";

  record ReferenceSet(String product, String size, BigDecimal listPrice, BigDecimal floor, Instant at)
      implements ProductEvent {}

  /**
   * The listing's current offer; {@code reviewCleared} when it has just become certain (new, or
   * uncertain before), so it leaves the review list.
   */
  record OfferRecorded(Offer offer, boolean reviewCleared) implements ProductEvent {}

  record OfferDropped(String listingUrl, Instant at) implements ProductEvent {}

  record ViolationOpened(Violation violation) implements ProductEvent {}

  record ViolationDeepened(String id, String listingUrl, BigDecimal landedPrice, int quantity, BigDecimal floor,
                           BigDecimal gapPct, Violation.Evidence evidence, Instant at) implements ProductEvent {}

  /** Still under the floor, not deeper than before: refreshes what the violations list shows. */
  record ViolationSeen(String id, String listingUrl, BigDecimal landedPrice, int quantity, BigDecimal floor,
                       BigDecimal gapPct, Instant at) implements ProductEvent {}

  /**
   * {@code landedPrice} and {@code floor} are the last landed price and the floor the resolution was
   * judged with (null in journals written before they were carried); {@code movedTo} names the
   * product a MOVED listing sells now.
   */
  record ViolationResolved(String id, String listingUrl, String shop, Violation.Resolution resolution, Instant at,
                           BigDecimal landedPrice, BigDecimal floor, String movedTo) implements ProductEvent {
    /** Why it resolved, in words, with the prices it was judged on when the event carries them. */
    public String reason() {
      String prices = landedPrice == null || floor == null ? ""
          : " (landed price " + landedPrice.toPlainString() + ", floor " + floor.toPlainString() + ")";
      return switch (resolution) {
        case PRICE_RESTORED -> "the landed price is back at or above the floor" + prices;
        case FLOOR_CHANGED -> "the floor changed and the landed price is at or above the new one" + prices;
        case LISTING_GONE -> "the listing was not seen for the listing TTL; last seen under the floor" + prices;
        case MOVED -> "the listing now sells " + movedTo + " (new title or size); last seen here under the floor" + prices;
      };
    }
  }

  /** A notice to the shop was recorded; {@code fixDueAt} is the end of the fix window in force (set by the first notice). */
  record ViolationNoticed(String id, String listingUrl, String shop, Violation.Notice notice, Instant fixDueAt)
      implements ProductEvent {}

  /** The fix window passed with the violation still open: it is escalated, once, with what it was at that moment. */
  record ViolationEscalated(String id, String listingUrl, String shop, Instant fixDueAt, int notices,
                            BigDecimal landedPrice, BigDecimal floor, BigDecimal gapPct, Instant at)
      implements ProductEvent {}
}
