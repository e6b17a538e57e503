package actorcrm.pricing;

import actorcrm.CborSerializable;

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
                           BigDecimal landedPrice, BigDecimal floor, String movedTo) implements ProductEvent {}
}
