package actorcrm.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formatting of amounts for human-readable arithmetic steps and promotion labels. */
final class Money {

  private Money() {}

  static String cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String plain(BigDecimal amount) {
    return amount.stripTrailingZeros().toPlainString();
  }

  static BigDecimal roundCents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
