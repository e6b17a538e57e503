package actorcrm.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything decided about one listing, kept together as evidence for a violation or a review.
 * {@code sku} is set only when product and size name a catalog row; {@code gapPct} is
 * (floor - landed) / floor x 100, positive when under the floor, zero or negative when not, null
 * without a floor. {@code notes} say in words why a listing needs review. {@code hasUnparsed} is
 * derived from {@code unparsed} and stored so it serialises with the rest.
 */
public record PriceCheckResult(
    String sku,
    String product,
    boolean matched,
    BigDecimal matchConfidence,
    List<Candidate> candidates,
    String size,
    SizeSource sizeSource,
    boolean combo,
    int unitsPerListing,
    LandedPrice landedPrice,
    BigDecimal floor,
    BigDecimal listPrice,
    Verdict verdict,
    BigDecimal gapPct,
    boolean pricingError,
    List<Promotion> promotions,
    List<String> unparsed,
    boolean hasUnparsed,
    List<String> notes) {

  public PriceCheckResult {
    candidates = List.copyOf(candidates);
    promotions = List.copyOf(promotions);
    unparsed = List.copyOf(unparsed);
    notes = List.copyOf(notes);
    hasUnparsed = !unparsed.isEmpty();
  }
}
