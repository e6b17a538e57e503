package actorcrm.pricing;

import actorcrm.platform.CborSerializable;
import actorcrm.pricing.ProductEvent.OfferDropped;
import actorcrm.pricing.ProductEvent.OfferRecorded;
import actorcrm.pricing.ProductEvent.ReferenceSet;
import actorcrm.pricing.ProductEvent.ViolationDeepened;
import actorcrm.pricing.ProductEvent.ViolationEscalated;
import actorcrm.pricing.ProductEvent.ViolationNoticed;
import actorcrm.pricing.ProductEvent.ViolationOpened;
import actorcrm.pricing.ProductEvent.ViolationResolved;
import actorcrm.pricing.ProductEvent.ViolationSeen;

import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A product's state: its reference row and floor history, the current offer per listing URL, each
 * listing's recent price history ({@link PricePoint}) and the latest violation per listing URL with
 * its enforcement. The decisions (which events an observation, a new floor, a notice, a move or the
 * passing of time cause) are pure functions here, so the violation lifecycle is tested without
 * actors; {@link ProductEntity} persists what they return.
 */
public record ProductState(String sku, ReferencePrice reference, List<FloorChange> floorHistory,
                           Map<String, Offer> offers, Map<String, Violation> violations, int violationSeq,
                           Map<String, List<PricePoint>> priceHistory)
    implements CborSerializable {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public record ReferencePrice(String product, String size, BigDecimal listPrice, BigDecimal floor, int version,
                               Instant updatedAt) {}

  public record FloorChange(BigDecimal floor, int version, Instant at) {}

  public ProductState {
    floorHistory = List.copyOf(floorHistory);
    // Persistent maps: an event changes one entry in O(log n) instead of copying every offer.
    offers = offers instanceof PSortedMap ? offers : TreePMap.from(offers);
    violations = violations instanceof PSortedMap ? violations : TreePMap.from(violations);
    // Snapshots taken before price histories were kept have none.
    priceHistory = priceHistory == null ? TreePMap.empty()
        : priceHistory instanceof PSortedMap ? priceHistory : TreePMap.from(priceHistory);
  }

  public static ProductState empty(String sku) {
    return new ProductState(sku, null, List.of(), Map.of(), Map.of(), 0, Map.of());
  }

  public boolean known() {
    return reference != null || !offers.isEmpty();
  }

  public List<Violation> openViolations() {
    return violations.values().stream().filter(Violation::open).toList();
  }

  /**
   * Events for one sighting. An unchanged listing seen again within {@code seenRefresh} of its last
   * recorded sighting writes nothing (the same scrape twice is not news); otherwise the offer is
   * recorded and, when the product's own floor says so, a violation opens, deepens, is seen or resolves.
   */
  public List<ProductEvent> observe(Observation o, Duration seenRefresh) {
    Offer previous = offers.get(o.listingUrl());
    String hash = o.contentHash();
    // Older than what we have (a redelivery after a newer sighting): replaying it would reopen what is resolved.
    if (previous != null && o.observedAt().isBefore(previous.lastSeenAt())) {
      return List.of();
    }
    if (previous != null && previous.contentHash().equals(hash)
        && o.observedAt().isBefore(previous.lastSeenAt().plus(seenRefresh))) {
      return List.of();
    }
    Instant firstSeen = previous == null ? o.observedAt() : previous.firstSeenAt();
    Offer offer = new Offer(o.listingUrl(), o.shop(), o.title(), o.imageUrl(), o.pagePrice(), o.discountInfo(), o.verdict(),
        o.certain(), o.landed() == null ? null : o.landed().perUnit(), o.landed() == null ? null : o.landed().quantity(),
        o.pricingError(), o.promotions(), o.unparsed(), o.landed() == null ? List.of() : o.landed().steps(), o.notes(),
        hash, firstSeen, o.observedAt());
    List<ProductEvent> events = new ArrayList<>();
    events.add(new OfferRecorded(offer, offer.certain() && (previous == null || !previous.certain())));
    events.addAll(judge(offer, o.observedAt(), Violation.Resolution.PRICE_RESTORED));
    return events;
  }

  /**
   * After a new floor: every certain offer seen within {@code ttl} is judged again; a violation the
   * new floor clears resolves as FLOOR_CHANGED. Offers older than the TTL are left to the sweeper.
   */
  public List<ProductEvent> rejudgeAll(Instant at, Duration ttl) {
    List<ProductEvent> events = new ArrayList<>();
    for (Offer offer : offers.values()) {
      if (offer.lastSeenAt().plus(ttl).isAfter(at)) {
        events.addAll(judge(offer, at, Violation.Resolution.FLOOR_CHANGED));
      }
    }
    return events;
  }

  /** Listings not seen for {@code ttl}: their violations resolve as LISTING_GONE and their offers are dropped. */
  public List<ProductEvent> expire(Instant now, Duration ttl) {
    List<ProductEvent> events = new ArrayList<>();
    for (Offer offer : offers.values()) {
      if (!offer.lastSeenAt().plus(ttl).isAfter(now)) {
        Violation v = violations.get(offer.listingUrl());
        if (v != null && v.open()) {
          events.add(new ViolationResolved(v.id(), offer.listingUrl(), v.shop(), Violation.Resolution.LISTING_GONE, now,
              v.landedPrice(), v.floor(), null));
        }
        events.add(new OfferDropped(offer.listingUrl(), now));
      }
    }
    return events;
  }

  /**
   * The listing now sells {@code toSku} (matched with certainty in a sighting at {@code at}): its
   * open violation here resolves as MOVED at once and its offer is dropped, so a later floor change
   * here cannot judge it again. A sighting here newer than the move (the listing came back) keeps both.
   */
  public List<ProductEvent> moveAway(String listingUrl, String toSku, Instant at) {
    Offer offer = offers.get(listingUrl);
    if (offer == null || offer.lastSeenAt().isAfter(at)) {
      return List.of();
    }
    List<ProductEvent> events = new ArrayList<>();
    Violation v = violations.get(listingUrl);
    if (v != null && v.open()) {
      events.add(new ViolationResolved(v.id(), listingUrl, v.shop(), Violation.Resolution.MOVED, at, v.landedPrice(),
          v.floor(), toSku));
    }
    events.add(new OfferDropped(listingUrl, at));
    return events;
  }

  /** The violation with {@code id}, open or resolved, while this product still holds it (the latest per listing). */
  public Violation violation(String id) {
    return violations.values().stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * A notice to the shop about open violation {@code v}. The first notice starts the fix window;
   * later ones (a follow-up call) are recorded but do not move its end, so telling a shop again
   * never buys it more time.
   */
  public List<ProductEvent> notice(Violation v, Violation.Notice notice, Duration fixWindow) {
    Instant due = v.enforcement().fixDueAt() != null ? v.enforcement().fixDueAt() : notice.at().plus(fixWindow);
    return List.of(new ViolationNoticed(v.id(), v.listingUrl(), v.shop(), notice, due));
  }

  /** Open violations whose fix window has passed at {@code now} and that are not escalated yet: each escalates once. */
  public List<ProductEvent> escalateOverdue(Instant now) {
    List<ProductEvent> events = new ArrayList<>();
    for (Violation v : violations.values()) {
      if (v.overdue(now)) {
        events.add(new ViolationEscalated(v.id(), v.listingUrl(), v.shop(), v.enforcement().fixDueAt(),
            v.enforcement().notices().size(), v.landedPrice(), v.floor(), v.gapPct(), now));
      }
    }
    return events;
  }

  private List<ProductEvent> judge(Offer offer, Instant at, Violation.Resolution clearedBy) {
    Violation current = violations.get(offer.listingUrl());
    boolean open = current != null && current.open();
    // Only a certain offer decides: a fuzzy name, guessed size or combo neither opens nor clears a violation.
    boolean decidable = reference != null && offer.landedPrice() != null && offer.certain();
    if (!decidable) {
      return List.of();
    }
    BigDecimal floor = reference.floor();
    if (offer.landedPrice().compareTo(floor) >= 0) {
      if (!offer.unparsed().isEmpty()) {
        return List.of(); // promotion text not understood may lower the price: it neither clears nor accuses
      }
      return open ? List.of(new ViolationResolved(current.id(), offer.listingUrl(), current.shop(), clearedBy, at,
          offer.landedPrice(), floor, null)) : List.of();
    }
    BigDecimal gap = floor.subtract(offer.landedPrice()).multiply(HUNDRED).divide(floor, 2, RoundingMode.HALF_UP);
    Violation.Evidence evidence = new Violation.Evidence(offer.listingUrl(), offer.title(), offer.imageUrl(),
        offer.pagePrice(), offer.discountInfo(), offer.promotions(), offer.landedPrice(), offer.quantity(), offer.steps(),
        offer.pricingError(), offer.lastSeenAt(), historyWith(offer));
    if (!open) {
      String id = sku + "#" + (violationSeq + 1);
      // A repeat offence is a shop cutting the price again after restoring it, not a listing that came back.
      boolean repeat = current != null && current.resolution() == Violation.Resolution.PRICE_RESTORED;
      return List.of(new ViolationOpened(new Violation(id, sku, offer.listingUrl(), offer.shop(), Violation.Status.OPEN,
          offer.landedPrice(), offer.quantity(), offer.landedPrice(), floor, gap, repeat, at, at, null, null,
          evidence, Violation.Enforcement.NONE)));
    }
    if (offer.landedPrice().compareTo(current.lowestLandedPrice()) < 0) {
      return List.of(new ViolationDeepened(current.id(), offer.listingUrl(), offer.landedPrice(), offer.quantity(), floor,
          gap, evidence, at));
    }
    return List.of(new ViolationSeen(current.id(), offer.listingUrl(), offer.landedPrice(), offer.quantity(), floor, gap,
        at));
  }

  ProductState apply(ReferenceSet e) {
    int version = reference == null ? 1 : reference.version() + 1;
    List<FloorChange> history = new ArrayList<>(floorHistory);
    if (reference == null || reference.floor().compareTo(e.floor()) != 0) {
      history.add(new FloorChange(e.floor(), version, e.at()));
    }
    return new ProductState(sku, new ReferencePrice(e.product(), e.size(), e.listPrice(), e.floor(), version, e.at()),
        history, offers, violations, violationSeq, priceHistory);
  }

  ProductState apply(OfferRecorded e) {
    String url = e.offer().listingUrl();
    return new ProductState(sku, reference, floorHistory, put(offers, url, e.offer()), violations, violationSeq,
        put(priceHistory, url, historyWith(e.offer())));
  }

  ProductState apply(OfferDropped e) {
    return new ProductState(sku, reference, floorHistory, ((PSortedMap<String, Offer>) offers).minus(e.listingUrl()),
        violations, violationSeq, ((PSortedMap<String, List<PricePoint>>) priceHistory).minus(e.listingUrl()));
  }

  ProductState apply(ViolationOpened e) {
    return new ProductState(sku, reference, floorHistory, offers,
        put(violations, e.violation().listingUrl(), e.violation()), violationSeq + 1, priceHistory);
  }

  ProductState apply(ViolationDeepened e) {
    Violation v = violations.get(e.listingUrl());
    return withViolation(v.seen(e.landedPrice(), e.quantity(), e.landedPrice(), e.floor(), e.gapPct(), e.at(),
        e.evidence()));
  }

  ProductState apply(ViolationSeen e) {
    Violation v = violations.get(e.listingUrl());
    return withViolation(v.seen(e.landedPrice(), e.quantity(), v.lowestLandedPrice(), e.floor(), e.gapPct(), e.at(),
        v.evidence()));
  }

  ProductState apply(ViolationResolved e) {
    return withViolation(violations.get(e.listingUrl()).resolved(e.resolution(), e.at()));
  }

  ProductState apply(ViolationNoticed e) {
    Violation v = violations.get(e.listingUrl());
    return withViolation(v.withEnforcement(v.enforcement().withNotice(e.notice(), e.fixDueAt())));
  }

  ProductState apply(ViolationEscalated e) {
    Violation v = violations.get(e.listingUrl());
    return withViolation(v.withEnforcement(v.enforcement().escalated(e.at())));
  }

  /** The listing's price history once {@code offer} is counted in (already counted: unchanged). */
  private List<PricePoint> historyWith(Offer offer) {
    return PricePoint.after(priceHistory.getOrDefault(offer.listingUrl(), List.of()), offer);
  }

  private ProductState withViolation(Violation v) {
    return new ProductState(sku, reference, floorHistory, offers, put(violations, v.listingUrl(), v), violationSeq,
        priceHistory);
  }

  private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
    return ((PSortedMap<String, V>) map).plus(key, value);
  }
}
