package actorcrm.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A deterministic corpus of {@code discount_info} strings as shops write them, each with the landed
 * unit price its readable part truly gives at its page price. Every string is composed from parts
 * the generator knows — at most one item price (折, 限时价, 前N名, 定金/尾款), one quantity deal, one
 * threshold campaign, one 立减, one declared 到手价, a 限购 — plus non-price phrases, separators,
 * list wrapping, full-width digits and Chinese numerals, and in a share of strings one fragment no
 * one can price. The truth is computed here from the parts, by the platform rules documented in
 * docs/decisions.md, without the parser or the calculator.
 */
final class PromotionCorpus {

  /** One string: its page price, the true lowest landed unit price of its readable parts, and whether all of it is readable. */
  record Entry(String discountInfo, BigDecimal pagePrice, BigDecimal truth, boolean readable) {}

  private static final long SEED = 20_261_202L;
  private static final int SEARCH = LandedPriceCalculator.DEFAULT_MAX_QUANTITY;
  private static final int[] PAGE_PRICES = {89, 99, 128, 159, 169, 199, 200, 239, 259, 299, 300, 349, 399, 459, 599};
  private static final String[] NON_PRICE = {"包邮", "正品保障", "7天无理由退换", "顺丰包邮", "假一赔十", "送运费险", "官方正品", "极速退款",
      "七天无理由退换", "现货速发", "满99包邮", "两件包邮"};
  private static final String[] UNREADABLE = {"会员专享价", "神秘福利88", "赠品小样价值50元", "买1送小样", "第1件0元", "买0送1", "定金50抵40",
      "拍0件到手99元", "到手价0", "每件直降20", "每满2件减20", "加购再减10", "下单再送好礼", "前50名加赠", "第2件10折", "满3件送1件", "3件7折起",
      "低至5折", "88VIP再享95折", "第二件半价(限前100件)", "满299元赠面膜", "新客立减", "关注店铺领5元券", "买2送1(送同款小样)", "9.9元包邮", "前100名半价", "满2件打折", "99元 3件", "店铺会员价"};
  private static final String[] SEPARATORS = {"，", "、", "；", " ", " | ", "/", ",", "；", "  "};
  private static final String CN = "零一二三四五六七八九";

  private final Random random = new Random(SEED);

  static List<Entry> generate(int count) {
    PromotionCorpus corpus = new PromotionCorpus();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(corpus.next());
    }
    return entries;
  }

  // The parts of one string; null means the part is absent.
  private static final class Parts {
    BigDecimal page;
    BigDecimal rate;
    BigDecimal spot;
    BigDecimal presaleDeposit;
    BigDecimal presaleBalance;
    BigDecimal presaleCredit;
    String deal;
    int dealN;
    int dealM;
    BigDecimal dealAmount;
    BigDecimal[] tiers;
    BigDecimal fullThreshold;
    BigDecimal fullOff;
    BigDecimal[] secondTier;
    BigDecimal everyStep;
    BigDecimal everyOff;
    BigDecimal everyCap;
    BigDecimal couponThreshold;
    BigDecimal couponOff;
    BigDecimal orderOff;
    int declaredN;
    BigDecimal declaredTotal;
    int limit = Integer.MAX_VALUE;
  }

  private Entry next() {
    Parts parts = new Parts();
    parts.page = BigDecimal.valueOf(PAGE_PRICES[random.nextInt(PAGE_PRICES.length)]);
    int page = parts.page.intValue();
    List<String> fragments = new ArrayList<>();
    int priceKind = random.nextInt(10);
    if (priceKind < 2) {
      int[] rates = {9, 85, 8, 75, 95, 88};
      int r = rates[random.nextInt(rates.length)];
      parts.rate = BigDecimal.valueOf(r).movePointLeft(r < 10 ? 1 : 2);
      fragments.add(maybeCn(r < 10 ? String.valueOf(r) : r == 85 ? "8.5" : String.valueOf(r), r < 10) + "折");
    } else if (priceKind < 4) {
      parts.spot = BigDecimal.valueOf(page - pick(10, 20, 30, 50) % page);
      int firstBuyers = pick(50, 100, 200);
      fragments.add(switch (random.nextInt(5)) {
        case 0 -> "限时价" + parts.spot;
        case 4 -> "限时特价" + parts.spot + "元";
        case 1 -> "前" + firstBuyers + "名" + parts.spot + "元";
        case 2 -> "限时秒杀价:" + parts.spot;
        default -> "前" + firstBuyers + "名 到手价" + parts.spot;
      });
    } else if (priceKind == 4) {
      parts.presaleDeposit = BigDecimal.valueOf(Math.min(pick(20, 50, 100), page / 3));
      if (random.nextBoolean()) {
        parts.presaleBalance = BigDecimal.valueOf(page - parts.presaleDeposit.intValue() - pick(0, 10, 30));
        fragments.add(random.nextBoolean() ? "定金" + parts.presaleDeposit + "尾款" + parts.presaleBalance
            : "定金" + parts.presaleDeposit + "元，尾款" + parts.presaleBalance + "元");
      } else {
        parts.presaleCredit = parts.presaleDeposit.multiply(BigDecimal.valueOf(pick(2, 3)));
        fragments.add("定金" + parts.presaleDeposit + (random.nextBoolean() ? "抵" : "膨胀") + parts.presaleCredit);
      }
    }
    if (random.nextInt(100) < 45) {
      fragments.add(deal(parts, page));
    }
    if (random.nextInt(100) < 55) {
      fragments.addAll(threshold(parts, page));
    }
    if (random.nextInt(100) < 15) {
      parts.orderOff = BigDecimal.valueOf(pick(5, 10, 20));
      fragments.add(pickText("立减", "直降", "下单立减") + parts.orderOff + (random.nextBoolean() ? "元" : ""));
    }
    if (random.nextInt(100) < 12) {
      parts.declaredN = pick(1, 1, 2, 3);
      parts.declaredTotal = BigDecimal.valueOf(page * parts.declaredN * pick(80, 85, 95) / 100);
      fragments.add(parts.declaredN == 1 ? pickText("到手价", "券后价") + parts.declaredTotal
          : "拍" + maybeCn(String.valueOf(parts.declaredN), true) + "件到手" + parts.declaredTotal + "元");
    }
    if (random.nextInt(100) < 15) {
      parts.limit = pick(1, 2, 3, 5);
      fragments.add(pickText("限购", "每人限购") + parts.limit + "件");
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      fragments.add(NON_PRICE[random.nextInt(NON_PRICE.length)]);
    }
    boolean readable = random.nextInt(100) >= 15;
    if (!readable) {
      fragments.add(UNREADABLE[random.nextInt(UNREADABLE.length)]);
    }
    Collections.shuffle(fragments, random);
    return new Entry(write(fragments), parts.page, truth(parts), readable);
  }

  private String deal(Parts parts, int page) {
    switch (random.nextInt(6)) {
      case 0 -> {
        parts.deal = "buy";
        parts.dealN = pick(1, 1, 2, 3);
        parts.dealM = 1;
        String unit = random.nextInt(4) == 0 ? "件" : "";
        return "买" + maybeCn(String.valueOf(parts.dealN), true) + unit + pickText("送", "赠") + maybeCn("1", true) + unit;
      }
      case 1 -> {
        parts.deal = "nth";
        parts.dealN = pick(2, 2, 3);
        String nth = "第" + maybeCn(String.valueOf(parts.dealN), true) + "件";
        switch (random.nextInt(4)) {
          case 0 -> {
            parts.dealAmount = BigDecimal.ZERO;
            return nth + pickText("0元", "免费");
          }
          case 1 -> {
            parts.dealAmount = new BigDecimal("-0.5");
            return nth + "半价";
          }
          case 2 -> {
            parts.dealAmount = new BigDecimal("-0.7");
            return nth + "7折";
          }
          default -> {
            parts.dealAmount = BigDecimal.valueOf(page / pick(2, 3, 4));
            return nth + parts.dealAmount + "元";
          }
        }
      }
      case 2 -> {
        parts.deal = "bundle";
        parts.dealN = pick(2, 3);
        parts.dealAmount = BigDecimal.valueOf(page * parts.dealN * pick(60, 75, 90) / 100);
        String n = maybeCn(String.valueOf(parts.dealN), true);
        return switch (random.nextInt(3)) {
          case 0 -> parts.dealAmount + "元" + n + "件";
          case 1 -> n + "件" + parts.dealAmount + "元";
          default -> "任选" + n + "件" + parts.dealAmount + "元";
        };
      }
      case 3 -> {
        parts.deal = "qtyoff";
        parts.dealN = pick(2, 3);
        parts.dealAmount = BigDecimal.valueOf(pick(20, 30, 50));
        return "满" + parts.dealN + "件" + pickText("减", "立减") + parts.dealAmount;
      }
      case 4 -> {
        parts.deal = "tiers";
        parts.tiers = new BigDecimal[] {new BigDecimal("0.9"), new BigDecimal("0.8")};
        return pickText("", "多买多折:") + maybeCn("2", true) + "件9折" + pickText(" ", "/", "，") + maybeCn("3", true) + "件8折";
      }
      default -> {
        parts.deal = "tiers";
        parts.tiers = new BigDecimal[] {new BigDecimal("0.8")};
        return "满2件8折";
      }
    }
  }

  private List<String> threshold(Parts parts, int page) {
    switch (random.nextInt(6)) {
      case 0 -> {
        parts.fullThreshold = BigDecimal.valueOf(pick(199, 299, 399));
        parts.fullOff = BigDecimal.valueOf(pick(20, 30, 50));
        return List.of(random.nextBoolean() ? "满" + parts.fullThreshold + "减" + parts.fullOff
            : "满" + parts.fullThreshold + "元减" + parts.fullOff + "元");
      }
      case 1 -> {
        parts.fullThreshold = BigDecimal.valueOf(200);
        parts.fullOff = BigDecimal.valueOf(20);
        parts.secondTier = new BigDecimal[] {BigDecimal.valueOf(300), BigDecimal.valueOf(40)};
        return List.of("满200减20", "满300减40");
      }
      case 2 -> {
        parts.everyStep = BigDecimal.valueOf(pick(200, 300));
        parts.everyOff = BigDecimal.valueOf(pick(20, 30));
        String every = "每满" + parts.everyStep + "减" + parts.everyOff;
        if (random.nextBoolean()) {
          parts.everyCap = BigDecimal.valueOf(pick(60, 100));
          return List.of(every, pickText("最高减", "封顶") + parts.everyCap);
        }
        return random.nextBoolean() ? List.of(every, "上不封顶") : List.of(every);
      }
      case 3 -> {
        parts.couponThreshold = BigDecimal.valueOf(pick(199, 299));
        parts.couponOff = BigDecimal.valueOf(pick(20, 30));
        return List.of(switch (random.nextInt(3)) {
          case 0 -> "满" + parts.couponThreshold + "减" + parts.couponOff + "券";
          case 1 -> "店铺券满" + parts.couponThreshold + "减" + parts.couponOff;
          default -> "领券满" + parts.couponThreshold + "减" + parts.couponOff;
        });
      }
      case 4 -> {
        parts.couponThreshold = BigDecimal.ZERO;
        parts.couponOff = BigDecimal.valueOf(pick(5, 10));
        return List.of("无门槛" + parts.couponOff + "元券");
      }
      default -> {
        parts.couponThreshold = BigDecimal.ZERO;
        parts.couponOff = BigDecimal.valueOf(pick(10, 20));
        return List.of("领券立减" + parts.couponOff);
      }
    }
  }

  private String write(List<String> fragments) {
    if (fragments.isEmpty()) {
      return random.nextBoolean() ? "[]" : "";
    }
    String text;
    if (random.nextInt(10) < 4) {
      text = "['" + String.join("','", fragments) + "']";
    } else if (random.nextInt(5) == 0) {
      // Some shops mix separators in one text.
      StringBuilder mixed = new StringBuilder(fragments.get(0));
      for (String fragment : fragments.subList(1, fragments.size())) {
        mixed.append(SEPARATORS[random.nextInt(SEPARATORS.length)]).append(fragment);
      }
      text = mixed.toString();
    } else {
      text = String.join(SEPARATORS[random.nextInt(SEPARATORS.length)], fragments);
    }
    return random.nextInt(10) == 0 ? fullWidth(text) : text;
  }

  private static String fullWidth(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c);
    }
    return out.toString();
  }

  // Shops write small counts in Chinese about a third of the time: 买一送一, 第二件, 两件.
  private String maybeCn(String digits, boolean count) {
    if (random.nextInt(3) != 0 || digits.length() != 1) {
      return digits;
    }
    int d = digits.charAt(0) - '0';
    return count && d == 2 && random.nextBoolean() ? "两" : String.valueOf(CN.charAt(d));
  }

  private int pick(int... values) {
    return values[random.nextInt(values.length)];
  }

  private String pickText(String... values) {
    return values[random.nextInt(values.length)];
  }

  private static BigDecimal truth(Parts p) {
    TreeSet<Integer> quantities = new TreeSet<>();
    for (int q = 1; q <= Math.min(SEARCH, p.limit); q++) {
      quantities.add(q);
    }
    for (int named : new int[] {p.deal == null ? 0 : p.dealN, p.deal != null && p.deal.equals("tiers") ? 3 : 0, p.declaredN}) {
      if (named > 0 && named <= p.limit) {
        quantities.add(named);
      }
    }
    BigDecimal bestPayable = null;
    int bestUnits = 1;
    for (int q : quantities) {
      List<BigDecimal[]> options = new ArrayList<>();
      List<BigDecimal[]> itemPrices = new ArrayList<>();
      itemPrices.add(new BigDecimal[] {p.rate == null ? p.page : p.page.multiply(p.rate), BigDecimal.ONE});
      if (p.spot != null) {
        itemPrices.add(new BigDecimal[] {p.spot, BigDecimal.ZERO});
      }
      if (p.presaleDeposit != null) {
        BigDecimal total = p.presaleBalance != null ? p.presaleDeposit.add(p.presaleBalance)
            : p.page.subtract(p.presaleCredit).add(p.presaleDeposit);
        itemPrices.add(new BigDecimal[] {total, BigDecimal.ZERO});
      }
      for (BigDecimal[] item : itemPrices) {
        options.add(order(p, q, item[0], item[1].signum() > 0, false));
        if (p.deal != null) {
          options.add(order(p, q, item[0], item[1].signum() > 0, true));
        }
      }
      if (p.declaredN == q) {
        options.add(new BigDecimal[] {p.declaredTotal, BigDecimal.valueOf(q)});
      }
      for (BigDecimal[] option : options) {
        int units = option[1].intValue();
        if (bestPayable == null || option[0].multiply(BigDecimal.valueOf(bestUnits)).compareTo(bestPayable.multiply(BigDecimal.valueOf(units))) < 0) {
          bestPayable = option[0];
          bestUnits = units;
        }
      }
    }
    return bestPayable.divide(BigDecimal.valueOf(bestUnits), 2, RoundingMode.HALF_UP);
  }

  // {payable, units} for q items at one item price, with or without the deal, then the thresholds.
  private static BigDecimal[] order(Parts p, int q, BigDecimal item, boolean orderOffAllowed, boolean withDeal) {
    BigDecimal amount = item.multiply(BigDecimal.valueOf(q));
    int units = q;
    if (withDeal) {
      switch (p.deal) {
        case "buy" -> units = q + q / p.dealN * p.dealM;
        case "nth" -> {
          BigDecimal discounted = p.dealAmount.signum() < 0 ? item.multiply(p.dealAmount.negate()) : p.dealAmount.min(item);
          amount = amount.subtract(item.subtract(discounted).multiply(BigDecimal.valueOf(q / p.dealN)));
        }
        case "bundle" -> amount = p.dealAmount.multiply(BigDecimal.valueOf(q / p.dealN)).add(item.multiply(BigDecimal.valueOf(q % p.dealN)));
        case "qtyoff" -> amount = q >= p.dealN ? amount.subtract(p.dealAmount) : amount;
        default -> {
          BigDecimal rate = p.tiers.length == 2 ? (q >= 3 ? p.tiers[1] : q >= 2 ? p.tiers[0] : BigDecimal.ONE) : q >= 2 ? p.tiers[0] : BigDecimal.ONE;
          amount = amount.multiply(rate);
        }
      }
    }
    BigDecimal off = BigDecimal.ZERO;
    if (p.fullThreshold != null) {
      if (p.secondTier != null && amount.compareTo(p.secondTier[0]) >= 0) {
        off = off.add(p.secondTier[1]);
      } else if (amount.compareTo(p.fullThreshold) >= 0) {
        off = off.add(p.fullOff);
      }
    }
    if (p.everyStep != null && amount.signum() > 0) {
      BigDecimal every = p.everyOff.multiply(new BigDecimal(amount.divideToIntegralValue(p.everyStep).toBigInteger()));
      off = off.add(p.everyCap == null ? every : every.min(p.everyCap));
    }
    if (p.couponThreshold != null && amount.compareTo(p.couponThreshold) >= 0) {
      off = off.add(p.couponOff);
    }
    if (p.orderOff != null && orderOffAllowed) {
      off = off.add(p.orderOff);
    }
    return new BigDecimal[] {amount.subtract(off).max(BigDecimal.ZERO), BigDecimal.valueOf(units)};
  }
}
