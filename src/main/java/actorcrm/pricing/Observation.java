package actorcrm.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One sighting of a listing, already checked against the node's catalog, as the ingest graph hands
 * it to the product it matched. {@code contentHash} identifies what the shop showed, so the same
 * scrape arriving twice (Kafka redelivery, a scraper re-run) is recognised.
 */
public record Observation(String listingUrl, String shop, String title, String imageUrl, BigDecimal pagePrice,
                          String discountInfo,
                          String itemSize, int unitsPerListing, Verdict verdict, boolean certain, LandedPrice landed,
                          boolean pricingError, List<String> promotions, List<String> unparsed, List<String> notes,
                          BigDecimal matchConfidence, Instant observedAt) {

  public Observation {
    promotions = List.copyOf(promotions);
    unparsed = List.copyOf(unparsed);
    notes = List.copyOf(notes);
  }

  public static Observation of(Listing listing, PriceCheckResult check, Instant observedAt) {
    return new Observation(listing.itemUrl(), listing.shopName(), listing.itemName(), listing.itemImg(), listing.itemPrice(),
        listing.discountInfo(), listing.itemSize(), check.unitsPerListing(), check.verdict(), certain(check),
        check.landedPrice(), check.pricingError(), check.promotions().stream().map(Promotion::label).toList(),
        check.unparsed(), check.notes(), check.matchConfidence(), observedAt);
  }

  /**
   * Whether product, size and pack are all beyond doubt, so the landed price may be judged against
   * any floor — also a later, higher one. The same conditions under which a check may say VIOLATION.
   */
  static boolean certain(PriceCheckResult check) {
    return check.sku() != null && check.landedPrice() != null && !check.combo()
        && check.sizeSource() != SizeSource.INFERRED && check.sizeSource() != SizeSource.NONE
        && check.matchConfidence().compareTo(TitleMatcher.CONTAINMENT_SCORE) >= 0;
  }

  /** What the shop showed: equal for two scrapes of an unchanged listing. */
  public String contentHash() {
    String content = String.join("\u0000", String.valueOf(shop), String.valueOf(title),
        pagePrice == null ? "" : pagePrice.stripTrailingZeros().toPlainString(), String.valueOf(discountInfo),
        String.valueOf(itemSize), Integer.toString(unitsPerListing));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
