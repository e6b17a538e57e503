package actorcrm.pricing;

import java.math.BigDecimal;

/**
 * Knobs of a price check, read once from configuration: how many listings a buyer is assumed to
 * take at most, the name-match threshold, whether a missing size may be guessed from the price
 * band, the fraction of the floor under which a price looks like a pricing error, and how
 * threshold promotions stack.
 */
public record PriceCheckSettings(int maxQuantity, BigDecimal matchThreshold, boolean inferSizeFromPriceBand,
    BigDecimal pricingErrorFraction, StackingMode mode) {

  public PriceCheckSettings {
    if (maxQuantity < 1) {
      throw new IllegalArgumentException("maxQuantity must be at least 1, got " + maxQuantity);
    }
    if (matchThreshold == null || matchThreshold.signum() < 0 || matchThreshold.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("matchThreshold must be within 0..1, got " + matchThreshold);
    }
    if (pricingErrorFraction == null || pricingErrorFraction.signum() < 0) {
      throw new IllegalArgumentException("pricingErrorFraction must not be negative, got " + pricingErrorFraction);
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
  }

  public static PriceCheckSettings defaults() {
    return new PriceCheckSettings(LandedPriceCalculator.DEFAULT_MAX_QUANTITY, TitleMatcher.DEFAULT_THRESHOLD, false,
        new BigDecimal("0.30"), StackingMode.PARALLEL);
  }

  public PriceCheckSettings withMaxQuantity(int newMaxQuantity) {
    return new PriceCheckSettings(newMaxQuantity, matchThreshold, inferSizeFromPriceBand, pricingErrorFraction, mode);
  }

  public PriceCheckSettings withInferSizeFromPriceBand(boolean infer) {
    return new PriceCheckSettings(maxQuantity, matchThreshold, infer, pricingErrorFraction, mode);
  }

  public PriceCheckSettings withMode(StackingMode newMode) {
    return new PriceCheckSettings(maxQuantity, matchThreshold, inferSizeFromPriceBand, pricingErrorFraction, newMode);
  }
}
