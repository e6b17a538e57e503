package actorcrm.pricing;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads size and pack count from a listing's {@code item_size} field, else from its title, and
 * fits them to a product's reference sizes. Sizes are canonical: millilitres or grams
 * ({@code 0.5L} is {@code 500ml}, {@code 1kg} is {@code 1000g}), a box of vials as {@code 4x6ml},
 * a travel or trial size with its word ({@code 30ml旅行装}), never equal to a full size. Packs are
 * read from {@code 2瓶}, {@code 2瓶装}, {@code 两瓶}, {@code 二盒}, {@code 2支}, {@code x2},
 * {@code *2}, {@code ×2}. Whether {@code 6ml*4} is four vials or one box of {@code 4x6ml} depends on
 * what the brand sells, so {@link #fitTo} decides it against the reference sizes. Inferring a size
 * the listing does not name ({@link #inferOnlySize}, {@link #inferFromPriceBand}) is a separate step
 * and is reported as a guess.
 */
public final class SizeParser {

  private static final String UNIT = "(毫升|千克|公斤|ml|kg|克|升(?!级)|g|l)(?![a-wyz])";
  private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
  private static final String CHINESE_COUNT = "[一二两三四五六七八九十]{1,3}";
  static final Pattern MULTI_SIZE = Pattern.compile("(?<![\\d.])(\\d{1,4})\\s*[x×*]\\s*" + NUMBER + "\\s*" + UNIT);
  static final Pattern SIZE = Pattern.compile("(?<![\\d.])" + NUMBER + "\\s*" + UNIT);
  static final Pattern MULTIPLIER_PACK = Pattern.compile("(?<![a-z])[x×*]\\s*(\\d{1,4})(?![\\d.])");
  // 买2瓶, 第2件, 送1瓶 are promotions, not packs; 件 and 只 alone are too often a promotion's
  // quantity or a word (只要99), and 支 starts 支持 (精华油2支持验货 is no pair).
  static final Pattern COUNTED_PACK = Pattern.compile("(?<![第拍买满送赠前\\d.一二两三四五六七八九十])(\\d{1,3}|" + CHINESE_COUNT
      + ")\\s*(?:[瓶盒罐袋]装?|支(?![持付])装?|[件只]装)");
  // A sample given with the full size (送小样, 赠品小样) does not make the listing a sample.
  static final Pattern TRIAL = Pattern.compile("(?<!送|赠|赠品|加赠)(旅行装|小样|试用装|体验装|中样)");
  private static final Pattern COMBO = Pattern.compile("套装|组合装");
  // A reference table's 容量 is one size: 125ml, 4x6ml, 6ml*4 (the same box of four), 125ml/瓶.
  private static final Pattern REFERENCE_SIZE = Pattern.compile(
      "(?:(\\d{1,4})\\s*[x×*]\\s*)?" + NUMBER + "\\s*" + UNIT + "(?:\\s*[x×*]\\s*(\\d{1,4}))?\\s*(?:/?[瓶支盒罐袋只]|装)?");
  private static final Pattern CANONICAL = Pattern.compile("(?:(\\d+)x)?(\\d+(?:\\.\\d+)?(?:ml|g))");
  private static final String CHINESE_DIGITS = "一二三四五六七八九";
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private SizeParser() {}

  public static ParsedSize parse(String itemSize, String title) {
    String field = prepare(itemSize);
    String name = prepare(title);
    Reading fromField = read(field);
    Reading fromTitle = read(name);
    boolean combo = fromField.combo || fromTitle.combo;
    int pack = fromField.pack != null ? fromField.pack : orOne(fromTitle.pack);
    String trial = fromField.trial != null ? fromField.trial : fromTitle.trial;
    if (fromField.size != null) {
      return new ParsedSize(withTrial(fromField.size, trial), pack, combo, SizeSource.FIELD);
    }
    if (fromTitle.size != null) {
      return new ParsedSize(withTrial(fromTitle.size, trial), pack, combo, SizeSource.TITLE);
    }
    if (trial != null) {
      return new ParsedSize(trial, pack, combo, fromField.trial != null ? SizeSource.FIELD : SizeSource.TITLE);
    }
    return new ParsedSize(null, pack, combo, SizeSource.NONE);
  }

  /**
   * The same units counted as the product is sold: {@code 6ml x4} is one {@code 4x6ml} where the
   * brand sells the box, {@code 2x125ml} two of {@code 125ml}, {@code 8x6ml} two boxes of
   * {@code 4x6ml}. Returns {@code parsed} unchanged when its size is a reference size already, or
   * when no reference size, or more than one, holds its units in whole packs.
   */
  public static ParsedSize fitTo(ParsedSize parsed, Collection<String> referenceSizes) {
    if (parsed.size() == null || parsed.combo() || referenceSizes.contains(parsed.size())) {
      return parsed;
    }
    Matcher own = CANONICAL.matcher(parsed.size());
    if (!own.matches()) {
      return parsed;
    }
    long units = (long) countOf(own) * parsed.packCount();
    List<ParsedSize> fits = new ArrayList<>();
    for (String reference : referenceSizes) {
      Matcher ref = CANONICAL.matcher(reference);
      if (ref.matches() && ref.group(2).equals(own.group(2)) && units % countOf(ref) == 0) {
        fits.add(new ParsedSize(reference, (int) (units / countOf(ref)), false, parsed.source()));
      }
    }
    return fits.size() == 1 ? fits.get(0) : parsed;
  }

  /** The volume of one unit of a plain size ({@code 6ml} of {@code 4x6ml}), null for none or a trial size. */
  static String unitVolume(ParsedSize parsed) {
    if (parsed.size() == null) {
      return null;
    }
    Matcher m = CANONICAL.matcher(parsed.size());
    return m.matches() ? m.group(2) : null;
  }

  /**
   * Fills a missing size with the product's reference size when it has exactly one: the brand
   * sells no other, so a listing of the product that names none is that size. Reported as
   * INFERRED. Returns {@code parsed} unchanged otherwise.
   */
  public static ParsedSize inferOnlySize(ParsedSize parsed, Collection<String> referenceSizes) {
    if (parsed.size() != null || parsed.combo() || referenceSizes.size() != 1) {
      return parsed;
    }
    return new ParsedSize(referenceSizes.iterator().next(), parsed.packCount(), false, SizeSource.INFERRED);
  }

  /**
   * Fills a missing size with the reference size whose list price is nearest to the page price of
   * one unit (ties go to the cheaper size, whose floor is lower). Returns {@code parsed} unchanged
   * when it already has a size or there is nothing to compare with.
   */
  public static ParsedSize inferFromPriceBand(ParsedSize parsed, BigDecimal pagePrice, List<ReferenceRow> productRows) {
    if (parsed.size() != null || pagePrice == null || productRows == null || productRows.isEmpty()) {
      return parsed;
    }
    BigDecimal packs = BigDecimal.valueOf(parsed.packCount());
    // Compare pagePrice with packCount x listPrice rather than dividing, so the comparison stays exact.
    ReferenceRow nearest = productRows.stream()
        .min(Comparator.<ReferenceRow, BigDecimal>comparing(r -> r.listPrice().multiply(packs).subtract(pagePrice).abs())
            .thenComparing(ReferenceRow::listPrice))
        .orElseThrow();
    return new ParsedSize(nearest.size(), parsed.packCount(), parsed.combo(), SizeSource.INFERRED);
  }

  /**
   * The canonical spelling of a reference table's size ({@code 6ml*4} and {@code 4×6ml} are both
   * {@code 4x6ml}, {@code 0.5L} is {@code 500ml}, {@code 旅行装 30ml} is {@code 30ml旅行装}), or null
   * when the text is not one size.
   */
  public static String referenceSize(String raw) {
    String text = prepare(raw).strip();
    Matcher trial = TRIAL.matcher(text);
    String word = null;
    if (trial.find()) {
      word = trial.group(1);
      text = (text.substring(0, trial.start()) + text.substring(trial.end())).strip();
      if (text.isEmpty()) {
        return word;
      }
    }
    Matcher m = REFERENCE_SIZE.matcher(text);
    if (!m.matches() || m.group(1) != null && m.group(4) != null) {
      return null;
    }
    String count = m.group(1) != null ? m.group(1) : m.group(4);
    if (count != null && Integer.parseInt(count) < 1 || new BigDecimal(m.group(2)).signum() <= 0) {
      return null;
    }
    String size = canonical(m.group(2), m.group(3));
    return withTrial(count == null ? size : Integer.parseInt(count) + "x" + size, word);
  }

  /** The title with sizes and pack markers removed, for name matching. */
  static String stripSizes(String text) {
    String s = TRIAL.matcher(text).replaceAll(" ");
    s = MULTI_SIZE.matcher(s).replaceAll(" ");
    s = SIZE.matcher(s).replaceAll(" ");
    s = COUNTED_PACK.matcher(s).replaceAll(" ");
    return MULTIPLIER_PACK.matcher(s).replaceAll(" ");
  }

  static String prepare(String text) {
    return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static Reading read(String text) {
    Set<String> sizes = new LinkedHashSet<>();
    StringBuilder rest = new StringBuilder(text);
    collectSizes(MULTI_SIZE, rest, sizes, true);
    collectSizes(SIZE, rest, sizes, false);
    Integer pack = null;
    Matcher counted = COUNTED_PACK.matcher(rest);
    Matcher multiplier = MULTIPLIER_PACK.matcher(rest);
    if (counted.find()) {
      pack = count(counted.group(1));
    } else if (multiplier.find()) {
      pack = Integer.parseInt(multiplier.group(1));
    }
    if (pack != null && pack < 1) {
      pack = null;
    }
    Matcher trial = TRIAL.matcher(text);
    // Two different sizes in one listing (125ml+30ml) is a set, whatever the title calls it.
    boolean combo = COMBO.matcher(text).find() || sizes.size() > 1;
    String size = sizes.isEmpty() ? null : sizes.iterator().next();
    return new Reading(size, pack, combo, trial.find() ? trial.group(1) : null);
  }

  private static void collectSizes(Pattern pattern, StringBuilder text, Set<String> sizes, boolean multi) {
    Matcher m = pattern.matcher(text);
    StringBuilder rest = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sizes.add(multi ? Integer.parseInt(m.group(1)) + "x" + canonical(m.group(2), m.group(3)) : canonical(m.group(1), m.group(2)));
      rest.append(text, last, m.start()).append(' ');
      last = m.end();
    }
    rest.append(text.substring(last));
    text.setLength(0);
    text.append(rest);
  }

  // Litres and kilograms become millilitres and grams, so 0.5L and 500ml are one size.
  private static String canonical(String number, String unit) {
    BigDecimal amount = new BigDecimal(number);
    return switch (unit) {
      case "l", "升" -> amount.multiply(THOUSAND).stripTrailingZeros().toPlainString() + "ml";
      case "kg", "千克", "公斤" -> amount.multiply(THOUSAND).stripTrailingZeros().toPlainString() + "g";
      case "毫升" -> amount.stripTrailingZeros().toPlainString() + "ml";
      case "克" -> amount.stripTrailingZeros().toPlainString() + "g";
      default -> amount.stripTrailingZeros().toPlainString() + unit;
    };
  }

  private static String withTrial(String size, String trial) {
    return trial == null ? size : size + trial;
  }

  private static int countOf(Matcher canonical) {
    return canonical.group(1) == null ? 1 : Integer.parseInt(canonical.group(1));
  }

  // 两, 二 .. 九, 十, 十二, 二十, 二十四: the counts a title spells in characters; 0 for anything else.
  private static int count(String digits) {
    if (Character.isDigit(digits.charAt(0))) {
      return Integer.parseInt(digits);
    }
    String s = digits.replace('两', '二');
    int ten = s.indexOf('十');
    if (ten < 0) {
      return s.length() == 1 ? digit(s.charAt(0)) : 0;
    }
    String before = s.substring(0, ten);
    String after = s.substring(ten + 1);
    if (before.length() > 1 || after.length() > 1) {
      return 0;
    }
    int tens = before.isEmpty() ? 1 : digit(before.charAt(0));
    int ones = after.isEmpty() ? 0 : digit(after.charAt(0));
    return tens == 0 || !after.isEmpty() && ones == 0 ? 0 : tens * 10 + ones;
  }

  private static int digit(char c) {
    return CHINESE_DIGITS.indexOf(c) + 1;
  }

  private static int orOne(Integer pack) {
    return pack == null ? 1 : pack;
  }

  private record Reading(String size, Integer pack, boolean combo, String trial) {}
}
