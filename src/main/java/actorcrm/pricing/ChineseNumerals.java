package actorcrm.pricing;

import java.util.regex.Pattern;

/**
 * Rewrites the small Chinese numerals shops write in promotions (买一送一, 第二件, 两件, 八五折, 十件)
 * as Arabic digits, only where a count or a rate is expected, so 七天无理由 and 一口价 stay as written.
 */
final class ChineseNumerals {

  private static final String DIGITS = "零一二三四五六七八九";
  private static final Pattern NUMERAL = Pattern.compile(
      "(?<=[买送赠第拍前选])[零一二两三四五六七八九十]+|[零一二两三四五六七八九十]+(?=[件名折])");

  private ChineseNumerals() {}

  static String toDigits(String text) {
    return NUMERAL.matcher(text).replaceAll(m -> String.valueOf(value(m.group())));
  }

  // 二十 = 20, 十二 = 12, 十 = 10; without 十 the digits read one by one (八五折 = 85折).
  private static String value(String numeral) {
    String digits = numeral.replace('两', '二');
    int ten = digits.indexOf('十');
    if (ten < 0) {
      StringBuilder out = new StringBuilder();
      digits.chars().forEach(c -> out.append(DIGITS.indexOf(c)));
      return out.toString();
    }
    if (digits.indexOf('十', ten + 1) >= 0 || digits.length() > 3) {
      return numeral;
    }
    int tens = ten == 0 ? 1 : DIGITS.indexOf(digits.charAt(0));
    int ones = ten == digits.length() - 1 ? 0 : DIGITS.indexOf(digits.charAt(ten + 1));
    return String.valueOf(tens * 10 + ones);
  }
}
