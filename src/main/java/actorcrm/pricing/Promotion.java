package actorcrm.pricing;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A promotion rule understood from a listing's {@code discount_info}. Price rules (折, 限时价, 定金/尾款)
 * set what one item costs; quantity deals (第N件, 买N送M, N元M件, 满N件减/折) change what several cost;
 * threshold rules (满减, 每满减, tiers, coupons, 立减) take money off the order; a declared 到手价 is an
 * alternative to all of them; {@link PurchaseLimit} bounds how many a buyer may take. Each rule knows
 * its own arithmetic; {@link LandedPriceCalculator} decides how they combine.
 */
public sealed interface Promotion {

  /** The largest item count a rule may name. */
  int MAX_COUNT = 99;

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

  /**
   * 第N件X元 / 第N件0元 / 第N件N折 / 第二件半价: every {@code n}-th item in the cart costs {@code price}, or
   * {@code rate} of the unit price; exactly one of the two is set.
   */
  record NthItem(int n, BigDecimal price, BigDecimal rate) implements Promotion {
    public NthItem {
      // 第1件0元 would make the goods free; no shop means that, so it stays unread rather than guessed.
      requireCount(n, 2, "n");
      if ((price == null) == (rate == null)) {
        throw new IllegalArgumentException("exactly one of price and rate, got " + price + " and " + rate);
      }
      if (price != null && price.signum() < 0) {
        throw new IllegalArgumentException("price must not be negative, got " + price);
      }
      if (rate != null) {
        requireRate(rate);
      }
    }

    public static NthItem secondHalfPrice() {
      return new NthItem(2, null, new BigDecimal("0.5"));
    }

    /** What one discounted item costs when an item otherwise costs {@code unit}; never more than {@code unit}. */
    public BigDecimal itemPrice(BigDecimal unit) {
      return price != null ? price.min(unit) : unit.multiply(rate);
    }

    @Override
    public String label() {
      String nth = "第" + (n == 2 ? "二" : String.valueOf(n)) + "件";
      if (rate != null) {
        return nth + (rate.compareTo(new BigDecimal("0.5")) == 0 ? "半价" : Money.plain(rate.movePointRight(1)) + "折");
      }
      return nth + Money.plain(price) + "元";
    }
  }

  /** 买N送M: for every {@code buy} items paid, {@code free} more are shipped at no cost. */
  record BuyGetFree(int buy, int free) implements Promotion {
    public BuyGetFree {
      requireCount(buy, 1, "buy");
      requireCount(free, 1, "free");
    }

    @Override
    public String label() {
      return "买" + buy + "送" + free;
    }
  }

  /** N元M件 / M件N元 (任选): every {@code count} items together cost {@code price}. */
  record Bundle(int count, BigDecimal price) implements Promotion {
    public Bundle {
      requireCount(count, 2, "count");
      requirePositive(price, "price");
    }

    @Override
    public String label() {
      return Money.plain(price) + "元" + count + "件";
    }
  }

  /** 满N件减X: {@code off} comes off the order once it has {@code minQuantity} items. */
  record QuantityReduction(int minQuantity, BigDecimal off) implements Promotion {
    public QuantityReduction {
      requireCount(minQuantity, 1, "minQuantity");
      requirePositive(off, "off");
    }

    @Override
    public String label() {
      return "满" + minQuantity + "件减" + Money.plain(off);
    }
  }

  /** 拍N件到手X元 / 到手价X: the shop declares that {@code quantity} items land at {@code total} in all. */
  record DeclaredPrice(int quantity, BigDecimal total) implements Promotion {
    public DeclaredPrice {
      requireCount(quantity, 1, "quantity");
      requirePositive(total, "total");
    }

    @Override
    public String label() {
      return quantity == 1 ? "到手价" + Money.plain(total) : "拍" + quantity + "件到手" + Money.plain(total) + "元";
    }
  }

  /** 限时价X / 前N名X元: a price valid now in place of the page price ({@code firstBuyers} 0 = 限时). */
  record SpotPrice(BigDecimal price, int firstBuyers) implements Promotion {
    public SpotPrice {
      requirePositive(price, "price");
      if (firstBuyers < 0) {
        throw new IllegalArgumentException("firstBuyers must not be negative, got " + firstBuyers);
      }
    }

    @Override
    public String label() {
      return firstBuyers == 0 ? "限时价" + Money.plain(price) : "前" + firstBuyers + "名" + Money.plain(price) + "元";
    }
  }

  /** 立减X / 直降X: {@code off} comes off the order with no threshold. */
  record OrderReduction(BigDecimal off) implements Promotion {
    public OrderReduction {
      requirePositive(off, "off");
    }

    @Override
    public String label() {
      return "立减" + Money.plain(off);
    }
  }

  /**
   * 定金/尾款 pre-sale, per item: {@code deposit} now and {@code balance} later, or (定金膨胀) a deposit that
   * counts as {@code credit} against the page price. Exactly one of balance and credit is set.
   */
  record Presale(BigDecimal deposit, BigDecimal balance, BigDecimal credit) implements Promotion {
    public Presale {
      requirePositive(deposit, "deposit");
      if ((balance == null) == (credit == null)) {
        throw new IllegalArgumentException("exactly one of balance and credit, got " + balance + " and " + credit);
      }
      if (balance != null) {
        requirePositive(balance, "balance");
      }
      // A deposit that counts for less than it costs (定金50抵40) is no offer a shop makes: read it as a mistake.
      if (credit != null && credit.compareTo(deposit) < 0) {
        throw new IllegalArgumentException("credit " + credit + " is less than the deposit " + deposit);
      }
    }

    /** What one item costs in all when its page price is {@code pagePrice}, never below 0. */
    public BigDecimal totalFor(BigDecimal pagePrice) {
      BigDecimal total = balance != null ? deposit.add(balance) : pagePrice.subtract(credit).add(deposit);
      return total.max(BigDecimal.ZERO);
    }

    @Override
    public String label() {
      return "定金" + Money.plain(deposit) + (balance != null ? "尾款" + Money.plain(balance) : "抵" + Money.plain(credit));
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

  private static void requireCount(int count, int min, String name) {
    // Shops write counts of one or two digits; a larger count is more likely a misread price than a quantity.
    if (count < min || count > MAX_COUNT) {
      throw new IllegalArgumentException(name + " must be within " + min + ".." + MAX_COUNT + ", got " + count);
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
