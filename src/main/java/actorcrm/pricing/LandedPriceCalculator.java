package actorcrm.pricing;

import actorcrm.pricing.Promotion.Coupon;
import actorcrm.pricing.Promotion.EveryFullReduction;
import actorcrm.pricing.Promotion.FullReduction;
import actorcrm.pricing.Promotion.PercentOff;
import actorcrm.pricing.Promotion.PurchaseLimit;
import actorcrm.pricing.Promotion.QuantityPercentOff;
import actorcrm.pricing.Promotion.SecondHalfPrice;
import actorcrm.pricing.Promotion.TieredReduction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the lowest landed price per unit a buyer can reach for one listing by trying every
 * quantity from 1 to the maximum (bounded by 限购). For each quantity: page price x quantity, then
 * item-level discounts (the deepest 折, the deepest 满N件M折 reached, 第二件半价), then threshold
 * promotions per {@link StackingMode}, clamped at zero. The lowest exact price per unit wins; a tie
 * goes to the smaller quantity, which is the easier deal for a buyer to take.
 */
public final class LandedPriceCalculator {

  public static final int DEFAULT_MAX_QUANTITY = 10;
  private static final BigDecimal HALF = new BigDecimal("0.5");

  private final int maxQuantity;
  private final StackingMode mode;

  public LandedPriceCalculator(int maxQuantity, StackingMode mode) {
    if (maxQuantity < 1) {
      throw new IllegalArgumentException("maxQuantity must be at least 1, got " + maxQuantity);
    }
    this.maxQuantity = maxQuantity;
    this.mode = mode;
  }

  public LandedPriceCalculator() {
    this(DEFAULT_MAX_QUANTITY, StackingMode.PARALLEL);
  }

  public LandedPrice lowest(BigDecimal pagePrice, List<Promotion> promotions, int unitsPerListing) {
    int limit = promotions.stream()
        .filter(PurchaseLimit.class::isInstance)
        .mapToInt(p -> ((PurchaseLimit) p).maxQuantity())
        .min()
        .orElse(Integer.MAX_VALUE);
    int top = Math.min(maxQuantity, limit);
    LandedPrice best = null;
    for (int q = 1; q <= top; q++) {
      LandedPrice candidate = at(q, pagePrice, promotions, unitsPerListing);
      // Same divisor per unit of quantity, so comparing payable_a x q_b with payable_b x q_a is exact.
      if (best == null || candidate.payable().multiply(BigDecimal.valueOf(best.quantity()))
          .compareTo(best.payable().multiply(BigDecimal.valueOf(q))) < 0) {
        best = candidate;
      }
    }
    if (limit < maxQuantity) {
      List<String> steps = new ArrayList<>();
      steps.add("限购" + limit + "件: quantities 1.." + limit + " tried");
      steps.addAll(best.steps());
      best = new LandedPrice(best.perUnit(), best.quantity(), best.subtotal(), best.payable(), steps);
    }
    return best;
  }

  public LandedPrice at(int quantity, BigDecimal pagePrice, List<Promotion> promotions, int unitsPerListing) {
    if (quantity < 1 || unitsPerListing < 1) {
      throw new IllegalArgumentException("quantity and unitsPerListing must be at least 1");
    }
    if (pagePrice == null || pagePrice.signum() < 0) {
      throw new IllegalArgumentException("page price must be 0 or more, got " + pagePrice);
    }
    List<String> steps = new ArrayList<>();
    BigDecimal q = BigDecimal.valueOf(quantity);
    BigDecimal subtotal = pagePrice.multiply(q);
    steps.add(quantity + " x " + Money.cents(pagePrice) + " = " + Money.cents(subtotal));

    // Rates apply to the unit price so that 第二件半价 can halve a discounted unit without dividing.
    BigDecimal unit = pagePrice;
    Optional<PercentOff> percent = deepest(promotions, PercentOff.class, PercentOff::rate);
    if (percent.isPresent()) {
      unit = deduct(steps, percent.get().label(), unit, unit.multiply(percent.get().rate()), q);
    }
    Optional<QuantityPercentOff> quantityPercent = promotions.stream()
        .filter(QuantityPercentOff.class::isInstance)
        .map(QuantityPercentOff.class::cast)
        .filter(p -> quantity >= p.minQuantity())
        .min(Comparator.comparing(QuantityPercentOff::rate));
    if (quantityPercent.isPresent()) {
      unit = deduct(steps, quantityPercent.get().label(), unit, unit.multiply(quantityPercent.get().rate()), q);
    }
    BigDecimal amount = unit.multiply(q);
    int halfPriced = quantity / 2;
    if (halfPriced > 0 && promotions.stream().anyMatch(SecondHalfPrice.class::isInstance)) {
      BigDecimal off = unit.multiply(HALF).multiply(BigDecimal.valueOf(halfPriced));
      steps.add("第二件半价 x" + halfPriced + " = -" + Money.cents(off));
      amount = amount.subtract(off);
    }

    BigDecimal payable = mode == StackingMode.PARALLEL
        ? amount.subtract(parallelReductions(amount, promotions, steps))
        : sequentialReductions(amount, promotions, steps);
    if (payable.signum() < 0) {
      steps.add("clamped at 0.00 (discounts exceed " + Money.cents(amount) + ")");
      payable = BigDecimal.ZERO;
    }
    int units = quantity * unitsPerListing;
    BigDecimal perUnit = payable.divide(BigDecimal.valueOf(units), 2, RoundingMode.HALF_UP);
    steps.add(Money.cents(payable) + " / " + units + " = " + Money.cents(perUnit));
    return new LandedPrice(perUnit, quantity, subtotal, payable, steps);
  }

  private static BigDecimal parallelReductions(BigDecimal amount, List<Promotion> promotions, List<String> steps) {
    BigDecimal total = BigDecimal.ZERO;
    for (Promotion p : promotions) {
      total = total.add(thresholdDiscount(p, amount, steps));
    }
    return total.add(bestCoupon(amount, promotions, steps));
  }

  private static BigDecimal sequentialReductions(BigDecimal amount, List<Promotion> promotions, List<String> steps) {
    BigDecimal running = amount;
    for (Promotion p : promotions) {
      if (p instanceof FullReduction || p instanceof TieredReduction) {
        running = running.subtract(thresholdDiscount(p, running, steps));
      }
    }
    for (Promotion p : promotions) {
      if (p instanceof EveryFullReduction) {
        running = running.subtract(thresholdDiscount(p, running, steps));
      }
    }
    return running.subtract(bestCoupon(running, promotions, steps));
  }

  private static BigDecimal thresholdDiscount(Promotion p, BigDecimal amount, List<String> steps) {
    if (p instanceof FullReduction full && full.reachedBy(amount)) {
      steps.add(full.label() + " = -" + Money.cents(full.off()));
      return full.off();
    }
    if (p instanceof TieredReduction tiered) {
      Optional<FullReduction> tier = tiered.tierReachedBy(amount);
      if (tier.isPresent()) {
        steps.add(tier.get().label() + " (tier of " + tiered.label() + ") = -" + Money.cents(tier.get().off()));
        return tier.get().off();
      }
    }
    if (p instanceof EveryFullReduction every && every.times(amount) > 0) {
      int times = every.times(amount);
      BigDecimal off = every.discountOn(amount);
      boolean capped = off.compareTo(every.off().multiply(BigDecimal.valueOf(times))) < 0;
      steps.add(every.label() + " x" + times + (capped ? " capped" : "") + " = -" + Money.cents(off));
      return off;
    }
    return BigDecimal.ZERO;
  }

  private static BigDecimal bestCoupon(BigDecimal amount, List<Promotion> promotions, List<String> steps) {
    Optional<Coupon> best = promotions.stream()
        .filter(Coupon.class::isInstance)
        .map(Coupon.class::cast)
        .filter(c -> c.usableOn(amount))
        .max(Comparator.comparing(Coupon::off));
    best.ifPresent(c -> steps.add(c.label() + " = -" + Money.cents(c.off())));
    return best.map(Coupon::off).orElse(BigDecimal.ZERO);
  }

  private static <T extends Promotion> Optional<T> deepest(List<Promotion> promotions, Class<T> type,
      Function<T, BigDecimal> rate) {
    return promotions.stream().filter(type::isInstance).map(type::cast).min(Comparator.comparing(rate));
  }

  private static BigDecimal deduct(List<String> steps, String label, BigDecimal unit, BigDecimal discounted, BigDecimal q) {
    steps.add(label + " = -" + Money.cents(unit.subtract(discounted).multiply(q)));
    return discounted;
  }
}
