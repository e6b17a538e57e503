package actorcrm.pricing;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A promotion rule understood from a listing's {@code discount_info}. Item-level rules (折 and 第二件半价)
 * change what the goods cost; threshold rules (满减, 每满减, tiers, coupons) take money off once an
 * amount is reached; {@link PurchaseLimit} bounds how many a buyer may take. Each rule knows its own
 * arithmetic; {@link LandedPriceCalculator} decides how they combine.
 */
public sealed interface Promotion {

  /** The rule written back the way a Chinese shop page writes it, e.g. {@code 每满200减20上不封顶}. */
  String label();

  /** N折: pay {@code rate} of the price (8折 = 0.8, 9.5折 and 95折 = 0.95). */
  record PercentOff(BigDecimal rate) implements Promotion {
    public PercentOff {
      requireRate(rate);
    }

    @Override
    public String label() {
      return Money.plain(rate.movePointRight(1)) + "折";
    }
  }

  /** 满N件M折: from {@code minQuantity} items on, the whole subtotal is paid at {@code rate}. */
  record QuantityPercentOff(int minQuantity, BigDecimal rate) implements Promotion {
    public QuantityPercentOff {
      if (minQuantity < 1) {
        throw new IllegalArgumentException("minQuantity must be at least 1, got " + minQuantity);
      }
      requireRate(rate);
    }

    @Override
    public String label() {
      return "满" + minQuantity + "件" + Money.plain(rate.movePointRight(1)) + "折";
    }
  }

  /** 第二件半价: every second item costs half. */
  record SecondHalfPrice() implements Promotion {
    @Override
    public String label() {
      return "第二件半价";
    }
  }

  /** 满X减Y, once: {@code off} comes off when the amount reaches {@code threshold} (inclusive). */
  record FullReduction(BigDecimal threshold, BigDecimal off) implements Promotion {
    public FullReduction {
      requireThresholdAndOff(threshold, off);
    }

    public boolean reachedBy(BigDecimal amount) {
      return amount.compareTo(threshold) >= 0;
    }

    @Override
    public String label() {
      return "满" + Money.plain(threshold) + "减" + Money.plain(off);
    }
  }

  /** 每满X减Y: {@code off} for every full {@code step} of the amount, at most {@code cap} in total (null = 上不封顶). */
  record EveryFullReduction(BigDecimal step, BigDecimal off, BigDecimal cap) implements Promotion {
    public EveryFullReduction {
      if (step == null || step.signum() <= 0) {
        throw new IllegalArgumentException("step must be greater than 0, got " + step);
      }
      requirePositive(off, "off");
      if (cap != null) {
        requirePositive(cap, "cap");
      }
    }

    public int times(BigDecimal amount) {
      return amount.signum() <= 0 ? 0 : amount.divideToIntegralValue(step).intValueExact();
    }

    public BigDecimal discountOn(BigDecimal amount) {
      BigDecimal discount = off.multiply(BigDecimal.valueOf(times(amount)));
      return cap == null ? discount : discount.min(cap);
    }

    public EveryFullReduction withCap(BigDecimal newCap) {
      return new EveryFullReduction(step, off, newCap);
    }

    @Override
    public String label() {
      return "每满" + Money.plain(step) + "减" + Money.plain(off) + (cap == null ? "上不封顶" : "最高减" + Money.plain(cap));
    }
  }

  /** Several 满X减Y tiers of one campaign: only the highest tier the amount reaches applies. */
  record TieredReduction(List<FullReduction> tiers) implements Promotion {
    public TieredReduction {
      if (tiers == null || tiers.isEmpty()) {
        throw new IllegalArgumentException("a tiered reduction needs at least one tier");
      }
      tiers = tiers.stream().sorted(Comparator.comparing(FullReduction::threshold)).toList();
    }

    public Optional<FullReduction> tierReachedBy(BigDecimal amount) {
      return tiers.stream().filter(t -> t.reachedBy(amount)).reduce((lower, higher) -> higher);
    }

    @Override
    public String label() {
      return String.join("/", tiers.stream().map(FullReduction::label).toList());
    }
  }

  /** A coupon worth {@code off} once the amount reaches {@code threshold} (0 = 无门槛); a buyer uses one coupon. */
  record Coupon(BigDecimal threshold, BigDecimal off) implements Promotion {
    public Coupon {
      if (threshold == null || threshold.signum() < 0) {
        throw new IllegalArgumentException("threshold must not be negative, got " + threshold);
      }
      requirePositive(off, "off");
    }

    public boolean usableOn(BigDecimal amount) {
      return amount.compareTo(threshold) >= 0;
    }

    @Override
    public String label() {
      return threshold.signum() == 0
          ? "无门槛" + Money.plain(off) + "元券"
          : "满" + Money.plain(threshold) + "减" + Money.plain(off) + "券";
    }
  }

  /** 限购N件: a buyer may take at most {@code maxQuantity} items. */
  record PurchaseLimit(int maxQuantity) implements Promotion {
    public PurchaseLimit {
      if (maxQuantity < 1) {
        throw new IllegalArgumentException("maxQuantity must be at least 1, got " + maxQuantity);
      }
    }

    @Override
    public String label() {
      return "限购" + maxQuantity + "件";
    }
  }

  private static void requireRate(BigDecimal rate) {
    if (rate == null || rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("rate must be between 0 and 1 exclusive, got " + rate);
    }
  }

  private static void requireThresholdAndOff(BigDecimal threshold, BigDecimal off) {
    if (threshold == null || threshold.signum() < 0) {
      throw new IllegalArgumentException("threshold must not be negative, got " + threshold);
    }
    requirePositive(off, "off");
  }

  private static void requirePositive(BigDecimal amount, String name) {
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be greater than 0, got " + amount);
    }
  }
}
