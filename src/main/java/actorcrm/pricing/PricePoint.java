package actorcrm.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One stretch of a listing's price history: what it showed (page price, promotion text) and the
 * landed price that allowed, from the first to the last sighting that showed the same. A listing
 * keeps its last {@link #KEPT} stretches, so the history says how a price moved, not how often the
 * scraper passed.
 */
public record PricePoint(BigDecimal pagePrice, String discountInfo, BigDecimal landedPrice, Integer quantity,
                         Verdict verdict, Instant firstSeenAt, Instant lastSeenAt) {
  public static final int KEPT = 20;

  /** {@code history} after {@code offer} was seen: the last stretch extended if it shows the same, else a new one. */
  static List<PricePoint> after(List<PricePoint> history, Offer offer) {
    List<PricePoint> next = new ArrayList<>(history);
    PricePoint last = next.isEmpty() ? null : next.get(next.size() - 1);
    if (last != null && last.shows(offer)) {
      next.set(next.size() - 1, new PricePoint(last.pagePrice, last.discountInfo, last.landedPrice, last.quantity,
          last.verdict, last.firstSeenAt, offer.lastSeenAt()));
    } else {
      next.add(new PricePoint(offer.pagePrice(), offer.discountInfo(), offer.landedPrice(), offer.quantity(),
          offer.verdict(), offer.lastSeenAt(), offer.lastSeenAt()));
    }
    return List.copyOf(next.subList(Math.max(0, next.size() - KEPT), next.size()));
  }

  private boolean shows(Offer offer) {
    return same(pagePrice, offer.pagePrice()) && same(landedPrice, offer.landedPrice())
        && Objects.equals(quantity, offer.quantity()) && Objects.equals(discountInfo, offer.discountInfo())
        && verdict == offer.verdict();
  }

  private static boolean same(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
