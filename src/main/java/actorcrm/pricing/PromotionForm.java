package actorcrm.pricing;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One written form of a promotion: a pattern over normalised fragment text (NFKC, Arabic digits)
 * and how a match becomes a rule. A rule constructor that refuses the numbers (买0送1, 第1件0元)
 * throws, and the parser leaves that text unread. The families live in {@link PriceForms},
 * {@link QuantityForms} and {@link ThresholdForms}; {@link PromotionParser} applies them in order.
 */
record PromotionForm(Pattern pattern, Function<Matcher, Promotion> rule) {

  /** An amount of money: 99, 99.9, 199.50. */
  static final String AMOUNT = "(\\d+(?:\\.\\d+)?)";
  /** A count of items: 1 to 2 digits is what shops write; the rule checks the range. */
  static final String COUNT = "(\\d{1,3})";
  /** After a price: not more digits and not 折 (限时8.8折 is a rate, not a price of 8). */
  static final String PRICE_END = "元?(?![\\d.折])";

  static PromotionForm of(String regex, Function<Matcher, Promotion> rule) {
    return new PromotionForm(Pattern.compile(regex), rule);
  }

  static BigDecimal amount(String digits) {
    return new BigDecimal(digits);
  }

  static int count(String digits) {
    return Integer.parseInt(digits);
  }

  /** 8 -> 0.8, 9.5 -> 0.95, 95 -> 0.95; 0折 and 10折 are no discount and are refused. */
  static BigDecimal rate(String digits) {
    BigDecimal n = new BigDecimal(digits);
    if (n.compareTo(BigDecimal.TEN) < 0) {
      return n.movePointLeft(1);
    }
    // 95折 means 95%: two digits, never 10 (which would be no discount at all).
    if (n.scale() <= 0 && n.compareTo(BigDecimal.TEN) > 0 && n.compareTo(BigDecimal.valueOf(100)) < 0) {
      return n.movePointLeft(2);
    }
    throw new IllegalArgumentException("not a discount: " + digits + "折");
  }
}
