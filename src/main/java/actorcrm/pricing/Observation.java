package actorcrm.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sighting of a listing, already checked against the node's catalog, as the ingest graph hands
 * it to the product it matched. {@code contentHash} identifies what the shop showed, so the same
 * scrape arriving twice (Kafka redelivery, a scraper re-run) is recognised.
 */
public record Observation(String listingUrl, String shop, String title, BigDecimal pagePrice, String discountInfo,
                          String itemSize, int unitsPerListing, Verdict verdict, LandedPrice landed,
                          boolean pricingError, List<String> promotions, List<String> unparsed, List<String> notes,
                          BigDecimal matchConfidence, Instant observedAt) {

  public Observation {
    promotions = List.copyOf(promotions);
    unparsed = List.copyOf(unparsed);
    notes = List.copyOf(notes);
  }

  public static Observation of(Listing listing, PriceCheckResult check, Instant observedAt) {
    return new Observation(listing.itemUrl(), listing.shopName(), listing.itemName(), listing.itemPrice(),
        listing.discountInfo(), listing.itemSize(), check.unitsPerListing(), check.verdict(), check.landedPrice(),
        check.pricingError(), check.promotions().stream().map(Promotion::label).toList(), check.unparsed(),
        check.notes(), check.matchConfidence(), observedAt);
  }

  /** What the shop showed: equal for two scrapes of an unchanged listing. */
  public String contentHash() {
    return Integer.toHexString(Objects.hash(shop, title, pagePrice == null ? null : pagePrice.stripTrailingZeros(),
        discountInfo, itemSize, unitsPerListing));
  }
}
