package actorcrm.pricing;

import actorcrm.pricing.Promotion.BuyGetFree;
import actorcrm.pricing.Promotion.Bundle;
import actorcrm.pricing.Promotion.DeclaredPrice;
import actorcrm.pricing.Promotion.NthItem;
import actorcrm.pricing.Promotion.OrderReduction;
import actorcrm.pricing.Promotion.PercentOff;
import actorcrm.pricing.Promotion.Presale;
import actorcrm.pricing.Promotion.PurchaseLimit;
import actorcrm.pricing.Promotion.QuantityPercentOff;
import actorcrm.pricing.Promotion.QuantityReduction;
import actorcrm.pricing.Promotion.SpotPrice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the lowest landed price per unit a buyer can reach for one listing by trying every
 * quantity from 1 to the maximum (bounded by 限购), plus the quantity each quantity rule names
 * (第3件0元, 拍12件到手 ...). At each quantity it prices every combination of mutually exclusive
 * choices — one item price (page price with the deepest 折, a 限时价, a 定金/尾款 total), one quantity
 * deal (第N件, 买N送M, N元M件, 满N件减, the deepest 满N件M折 reached) or none, and a declared 到手价 as
 * an alternative to all of them — each followed by the threshold promotions per {@link StackingMode}
 * ({@link OrderArithmetic}). The lowest exact price per unit wins, as a platform gives the buyer the
 * best of rules that exclude each other; a tie goes to the smaller quantity, then to the simpler
 * combination. When there was a choice, the first step names the combination used.
 */
public final class LandedPriceCalculator {

  public static final int DEFAULT_MAX_QUANTITY = 10;

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
    TreeSet<Integer> quantities = new TreeSet<>();
    for (int q = 1; q <= Math.min(maxQuantity, limit); q++) {
      quantities.add(q);
    }
    // A rule that names a quantity is a deal the shop offers at that quantity, even past the usual search.
    promotions.stream().map(LandedPriceCalculator::namedQuantity).flatMap(Optional::stream)
        .filter(q -> q <= limit)
        .forEach(quantities::add);
    OrderArithmetic.Priced best = null;
    for (int q : quantities) {
      OrderArithmetic.Priced candidate = best(q, pagePrice, promotions, unitsPerListing);
      if (best == null || candidate.cheaperThan(best)) {
        best = candidate;
      }
    }
    LandedPrice landed = best.landed();
    if (limit < maxQuantity) {
      List<String> steps = new ArrayList<>();
      steps.add("限购" + limit + "件: quantities 1.." + limit + " tried");
      steps.addAll(landed.steps());
      landed = new LandedPrice(landed.perUnit(), landed.quantity(), landed.subtotal(), landed.payable(), steps);
    }
    return landed;
  }

  public LandedPrice at(int quantity, BigDecimal pagePrice, List<Promotion> promotions, int unitsPerListing) {
    return best(quantity, pagePrice, promotions, unitsPerListing).landed();
  }

  private OrderArithmetic.Priced best(int quantity, BigDecimal pagePrice, List<Promotion> promotions, int unitsPerListing) {
    if (quantity < 1 || unitsPerListing < 1) {
      throw new IllegalArgumentException("quantity and unitsPerListing must be at least 1");
    }
    if (pagePrice == null || pagePrice.signum() < 0) {
      throw new IllegalArgumentException("page price must be 0 or more, got " + pagePrice);
    }
    OrderArithmetic order = new OrderArithmetic(quantity, pagePrice, promotions, unitsPerListing, mode);
    List<OrderArithmetic.Priced> options = new ArrayList<>();
    for (Optional<Promotion> price : priceChoices(promotions)) {
      for (Optional<Promotion> deal : deals(quantity, promotions)) {
        options.add(order.combined(price, deal));
      }
    }
    promotions.stream()
        .filter(p -> p instanceof DeclaredPrice d && d.quantity() == quantity)
        .forEach(p -> options.add(order.declared((DeclaredPrice) p)));
    OrderArithmetic.Priced best = options.get(0);
    for (OrderArithmetic.Priced option : options.subList(1, options.size())) {
      if (option.cheaperThan(best)) {
        best = option;
      }
    }
    return options.size() == 1 ? best : best.withCombinationStep(options.size(), notUsed(promotions, best.used()));
  }

  private static List<Optional<Promotion>> priceChoices(List<Promotion> promotions) {
    List<Optional<Promotion>> choices = new ArrayList<>();
    // The page price with the deepest 折 always beats the bare page price, so the bare one is not tried beside it.
    choices.add(promotions.stream().filter(PercentOff.class::isInstance).map(PercentOff.class::cast)
        .min(Comparator.comparing(PercentOff::rate)).map(Promotion.class::cast));
    promotions.stream().filter(p -> p instanceof SpotPrice || p instanceof Presale).map(Optional::of).forEach(choices::add);
    return choices;
  }

  private static List<Optional<Promotion>> deals(int quantity, List<Promotion> promotions) {
    List<Optional<Promotion>> deals = new ArrayList<>();
    deals.add(Optional.empty());
    promotions.stream()
        .filter(QuantityPercentOff.class::isInstance)
        .map(QuantityPercentOff.class::cast)
        .filter(p -> quantity >= p.minQuantity())
        .min(Comparator.comparing(QuantityPercentOff::rate))
        .ifPresent(p -> deals.add(Optional.of(p)));
    promotions.stream()
        .filter(p -> p instanceof NthItem || p instanceof BuyGetFree || p instanceof Bundle || p instanceof QuantityReduction)
        .filter(p -> namedQuantity(p).orElseThrow() <= quantity)
        .forEach(p -> deals.add(Optional.of(p)));
    return deals;
  }

  private static Optional<Integer> namedQuantity(Promotion p) {
    if (p instanceof NthItem nth) {
      return Optional.of(nth.n());
    }
    if (p instanceof BuyGetFree buy) {
      return Optional.of(buy.buy());
    }
    if (p instanceof Bundle bundle) {
      return Optional.of(bundle.count());
    }
    if (p instanceof QuantityReduction reduction) {
      return Optional.of(reduction.minQuantity());
    }
    if (p instanceof QuantityPercentOff percent) {
      return Optional.of(percent.minQuantity());
    }
    if (p instanceof DeclaredPrice declared) {
      return Optional.of(declared.quantity());
    }
    return Optional.empty();
  }

  // Rules a buyer could only have taken instead of the ones used: the reviewer sees they were weighed.
  private static List<String> notUsed(List<Promotion> promotions, List<Promotion> used) {
    return promotions.stream()
        .filter(p -> Stream.of(PercentOff.class, SpotPrice.class, Presale.class, DeclaredPrice.class, QuantityPercentOff.class,
            NthItem.class, BuyGetFree.class, Bundle.class, QuantityReduction.class, OrderReduction.class).anyMatch(c -> c.isInstance(p)))
        .filter(p -> !used.contains(p))
        .map(Promotion::label)
        .distinct()
        .toList();
  }
}
