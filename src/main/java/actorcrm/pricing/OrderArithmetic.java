package actorcrm.pricing;

import actorcrm.pricing.Promotion.BuyGetFree;
import actorcrm.pricing.Promotion.Bundle;
import actorcrm.pricing.Promotion.Coupon;
import actorcrm.pricing.Promotion.DeclaredPrice;
import actorcrm.pricing.Promotion.EveryFullReduction;
import actorcrm.pricing.Promotion.FullReduction;
import actorcrm.pricing.Promotion.NthItem;
import actorcrm.pricing.Promotion.OrderReduction;
import actorcrm.pricing.Promotion.PercentOff;
import actorcrm.pricing.Promotion.Presale;
import actorcrm.pricing.Promotion.QuantityPercentOff;
import actorcrm.pricing.Promotion.QuantityReduction;
import actorcrm.pricing.Promotion.SpotPrice;
import actorcrm.pricing.Promotion.TieredReduction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The arithmetic of one order: {@code quantity} listings at a page price under one combination of
 * an item price rule and a quantity deal, then the threshold promotions (满减, 每满减, tiers, the best
 * coupon, the largest 立减) per {@link StackingMode}, clamped at zero; or a declared 到手价 instead.
 * Each result keeps the steps a reviewer reads. Used by {@link LandedPriceCalculator}, which tries
 * the combinations.
 */
final class OrderArithmetic {

  /** One priced combination: {@code units} received in all (free items included) for {@code landed.payable()}. */
  record Priced(LandedPrice landed, int units, List<Promotion> used) {

    boolean cheaperThan(Priced other) {
      // Comparing payable_a x units_b with payable_b x units_a is exact; per-unit prices are rounded.
      return landed.payable().multiply(BigDecimal.valueOf(other.units))
          .compareTo(other.landed.payable().multiply(BigDecimal.valueOf(units))) < 0;
    }

    Priced withCombinationStep(int alternatives, List<String> notUsed) {
      String names = used.isEmpty() ? "page price" : used.stream().map(Promotion::label).collect(Collectors.joining(" + "));
      List<String> steps = new ArrayList<>();
      steps.add(LandedPrice.COMBINATION + names + " (lowest of " + alternatives + " combinations at quantity " + landed.quantity()
          + (notUsed.isEmpty() ? "" : "; not combined: " + String.join(", ", notUsed)) + ")");
      steps.addAll(landed.steps());
      return new Priced(new LandedPrice(landed.perUnit(), landed.quantity(), landed.subtotal(), landed.payable(), steps), units, used);
    }
  }

  private final int quantity;
  private final BigDecimal q;
  private final BigDecimal pagePrice;
  private final List<Promotion> promotions;
  private final int unitsPerListing;
  private final StackingMode mode;

  OrderArithmetic(int quantity, BigDecimal pagePrice, List<Promotion> promotions, int unitsPerListing, StackingMode mode) {
    this.quantity = quantity;
    this.q = BigDecimal.valueOf(quantity);
    this.pagePrice = pagePrice;
    this.promotions = promotions;
    this.unitsPerListing = unitsPerListing;
    this.mode = mode;
  }

  Priced combined(Optional<Promotion> price, Optional<Promotion> deal) {
    List<String> steps = new ArrayList<>();
    List<Promotion> used = new ArrayList<>();
    BigDecimal subtotal = pagePrice.multiply(q);
    steps.add(quantity + " x " + Money.cents(pagePrice) + " = " + Money.cents(subtotal));

    // Rates apply to the unit price so that a 第N件 rate can discount an already discounted unit without dividing.
    BigDecimal unit = pagePrice;
    // 限时价 and a pre-sale total are the price after the shop's own cut: a 立减/直降 does not come off them again.
    boolean orderReductions = true;
    if (price.isPresent()) {
      Promotion rule = price.get();
      used.add(rule);
      if (rule instanceof PercentOff percent) {
        unit = deduct(steps, percent.label(), unit, unit.multiply(percent.rate()));
      } else if (rule instanceof SpotPrice spot) {
        unit = spot.price();
        orderReductions = false;
        steps.add(spot.label() + " instead of the page price: " + quantity + " x " + Money.cents(unit) + " = " + Money.cents(unit.multiply(q)));
      } else if (rule instanceof Presale presale) {
        unit = presale.totalFor(pagePrice);
        orderReductions = false;
        steps.add(presale.label() + " = " + Money.cents(unit) + " an item: " + quantity + " x " + Money.cents(unit) + " = "
            + Money.cents(unit.multiply(q)));
      }
    }
    int free = 0;
    BigDecimal amount;
    Promotion rule = deal.orElse(null);
    if (rule instanceof QuantityPercentOff percent) {
      unit = deduct(steps, percent.label(), unit, unit.multiply(percent.rate()));
    }
    amount = unit.multiply(q);
    if (rule instanceof NthItem nth) {
      int count = quantity / nth.n();
      BigDecimal off = unit.subtract(nth.itemPrice(unit)).multiply(BigDecimal.valueOf(count));
      steps.add(nth.label() + " x" + count + " = -" + Money.cents(off));
      amount = amount.subtract(off);
    } else if (rule instanceof BuyGetFree buy) {
      int times = quantity / buy.buy();
      free = times * buy.free();
      steps.add(buy.label() + " x" + times + ": " + quantity + " paid + " + free + " free");
    } else if (rule instanceof Bundle bundle) {
      int bundles = quantity / bundle.count();
      BigDecimal bundled = bundle.price().multiply(BigDecimal.valueOf(bundles))
          .add(unit.multiply(BigDecimal.valueOf(quantity % bundle.count())));
      steps.add(bundle.label() + " x" + bundles + (quantity % bundle.count() == 0 ? "" : " + " + quantity % bundle.count() + " at "
          + Money.cents(unit)) + " = " + Money.cents(bundled));
      amount = bundled;
    } else if (rule instanceof QuantityReduction reduction) {
      steps.add(reduction.label() + " = -" + Money.cents(reduction.off()));
      amount = amount.subtract(reduction.off());
    }
    deal.ifPresent(used::add);

    BigDecimal payable = mode == StackingMode.PARALLEL
        ? amount.subtract(parallelReductions(amount, orderReductions, steps, used))
        : sequentialReductions(amount, orderReductions, steps, used);
    if (payable.signum() < 0) {
      steps.add("clamped at 0.00 (discounts exceed " + Money.cents(amount) + ")");
      payable = BigDecimal.ZERO;
    }
    return priced(subtotal, payable, (quantity + free) * unitsPerListing, steps, used);
  }

  Priced declared(DeclaredPrice declared) {
    List<String> steps = new ArrayList<>();
    BigDecimal subtotal = pagePrice.multiply(q);
    steps.add(quantity + " x " + Money.cents(pagePrice) + " = " + Money.cents(subtotal));
    steps.add(declared.label() + ", declared by the shop = " + Money.cents(declared.total()));
    return priced(subtotal, declared.total(), quantity * unitsPerListing, steps, List.of(declared));
  }

  private Priced priced(BigDecimal subtotal, BigDecimal payable, int units, List<String> steps, List<Promotion> used) {
    BigDecimal perUnit = payable.divide(BigDecimal.valueOf(units), 2, RoundingMode.HALF_UP);
    steps.add(Money.cents(payable) + " / " + units + " = " + Money.cents(perUnit));
    return new Priced(new LandedPrice(perUnit, quantity, subtotal, payable, steps), units, List.copyOf(used));
  }

  private BigDecimal parallelReductions(BigDecimal amount, boolean orderReductions, List<String> steps, List<Promotion> used) {
    BigDecimal total = BigDecimal.ZERO;
    for (Promotion p : promotions) {
      total = total.add(thresholdDiscount(p, amount, steps, used));
    }
    if (orderReductions) {
      total = total.add(largestOrderReduction(steps, used));
    }
    return total.add(bestCoupon(amount, steps, used));
  }

  private BigDecimal sequentialReductions(BigDecimal amount, boolean orderReductions, List<String> steps, List<Promotion> used) {
    BigDecimal running = amount;
    for (Promotion p : promotions) {
      if (p instanceof FullReduction || p instanceof TieredReduction) {
        running = running.subtract(thresholdDiscount(p, running, steps, used));
      }
    }
    for (Promotion p : promotions) {
      if (p instanceof EveryFullReduction) {
        running = running.subtract(thresholdDiscount(p, running, steps, used));
      }
    }
    if (orderReductions) {
      running = running.subtract(largestOrderReduction(steps, used));
    }
    return running.subtract(bestCoupon(running, steps, used));
  }

  private static BigDecimal thresholdDiscount(Promotion p, BigDecimal amount, List<String> steps, List<Promotion> used) {
    if (p instanceof FullReduction full && full.reachedBy(amount)) {
      steps.add(full.label() + " = -" + Money.cents(full.off()));
      used.add(full);
      return full.off();
    }
    if (p instanceof TieredReduction tiered) {
      Optional<FullReduction> tier = tiered.tierReachedBy(amount);
      if (tier.isPresent()) {
        steps.add(tier.get().label() + " (tier of " + tiered.label() + ") = -" + Money.cents(tier.get().off()));
        used.add(tier.get());
        return tier.get().off();
      }
    }
    if (p instanceof EveryFullReduction every && every.times(amount) > 0) {
      int times = every.times(amount);
      BigDecimal off = every.discountOn(amount);
      boolean capped = off.compareTo(every.off().multiply(BigDecimal.valueOf(times))) < 0;
      steps.add(every.label() + " x" + times + (capped ? " capped" : "") + " = -" + Money.cents(off));
      used.add(every);
      return off;
    }
    return BigDecimal.ZERO;
  }

  // 立减 and 直降 written side by side are usually one cut announced twice; the largest is taken, not their sum.
  private BigDecimal largestOrderReduction(List<String> steps, List<Promotion> used) {
    Optional<OrderReduction> largest = promotions.stream()
        .filter(OrderReduction.class::isInstance)
        .map(OrderReduction.class::cast)
        .max(Comparator.comparing(OrderReduction::off));
    largest.ifPresent(r -> {
      steps.add(r.label() + " = -" + Money.cents(r.off()));
      used.add(r);
    });
    return largest.map(OrderReduction::off).orElse(BigDecimal.ZERO);
  }

  private BigDecimal bestCoupon(BigDecimal amount, List<String> steps, List<Promotion> used) {
    Optional<Coupon> best = promotions.stream()
        .filter(Coupon.class::isInstance)
        .map(Coupon.class::cast)
        .filter(c -> c.usableOn(amount))
        .max(Comparator.comparing(Coupon::off));
    best.ifPresent(c -> {
      steps.add(c.label() + " = -" + Money.cents(c.off()));
      used.add(c);
    });
    return best.map(Coupon::off).orElse(BigDecimal.ZERO);
  }

  private BigDecimal deduct(List<String> steps, String label, BigDecimal unit, BigDecimal discounted) {
    steps.add(label + " = -" + Money.cents(unit.subtract(discounted).multiply(q)));
    return discounted;
  }
}
