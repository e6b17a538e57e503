package actorcrm.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The current offer of one listing URL for a product, as last seen, with the landed price it allows. */
public record Offer(String listingUrl, String shop, String title, String imageUrl, BigDecimal pagePrice, String discountInfo,
                    Verdict verdict, boolean certain, BigDecimal landedPrice, Integer quantity, boolean pricingError,
                    List<String> promotions, List<String> unparsed, List<String> steps, List<String> notes,
                    String contentHash, Instant firstSeenAt, Instant lastSeenAt) {}
