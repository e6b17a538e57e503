package actorcrm.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A listing a person must look at: its title matched no product (UNMATCHED) or matched one whose
 * reference sizes do not fit (REVIEW). Kept with the best candidates and why, never forced onto a product.
 */
public record ReviewItem(String listingUrl, String shop, String title, BigDecimal pagePrice, String discountInfo,
                         String itemSize, Verdict verdict, List<Candidate> candidates, List<String> notes,
                         String contentHash, Instant seenAt) {

  public ReviewItem {
    candidates = List.copyOf(candidates);
    notes = List.copyOf(notes);
  }

  public static ReviewItem of(Listing listing, PriceCheckResult check, Instant seenAt) {
    Observation o = Observation.of(listing, check, seenAt);
    return new ReviewItem(listing.itemUrl(), listing.shopName(), listing.itemName(), listing.itemPrice(),
        listing.discountInfo(), listing.itemSize(), check.verdict(), check.candidates(), check.notes(),
        o.contentHash(), seenAt);
  }
}
