package actorcrm.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * Which canonical product a listing title names. {@code product} is null when no product reached
 * the threshold or two products tied for best (UNMATCHED: kept for review, never forced);
 * {@code candidates} holds the best three either way, best first, so a reviewer can pick.
 */
public record MatchResult(String product, BigDecimal confidence, List<Candidate> candidates) {

  public MatchResult {
    candidates = List.copyOf(candidates);
  }

  public boolean matched() {
    return product != null;
  }

  /** True when the named product is matched but sells no reference size equal to the listing's: review, never a violation. */
  public boolean sizeMismatch() {
    return matched() && !candidates.isEmpty() && candidates.get(0).sizeFit() == SizeFit.MISMATCH;
  }
}
