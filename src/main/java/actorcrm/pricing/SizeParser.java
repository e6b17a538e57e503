package actorcrm.pricing;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads size and pack count from a listing's {@code item_size} field, else from its title.
 * {@code 4x6ml} is one size (a box of four 6 ml vials is the product), while {@code 125ml*2},
 * {@code ×2} or {@code 2瓶装} sell two units of the size in one listing. Price-band inference is a
 * separate, opt-in step because it is a guess.
 */
public final class SizeParser {

  private static final String UNIT = "(毫升|ml|kg|克|g|l)(?![a-wyz])";
  private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
  static final Pattern MULTI_SIZE = Pattern.compile("(\\d+)\\s*[x×*]\\s*" + NUMBER + "\\s*" + UNIT);
  static final Pattern SIZE = Pattern.compile("(?<![\\d.])" + NUMBER + "\\s*" + UNIT);
  static final Pattern MULTIPLIER_PACK = Pattern.compile("(?<![a-z])[x×*]\\s*(\\d+)(?![\\d.])");
  static final Pattern COUNTED_PACK = Pattern.compile("(\\d+|[一二两三四五六七八九十])\\s*[瓶支盒罐袋件只]装");
  private static final Pattern COMBO = Pattern.compile("套装|组合装");
  // A reference table's 容量 is one size: 125ml, 4x6ml, 6ml*4 (the same box of four), 125ml/瓶.
  private static final Pattern REFERENCE_SIZE = Pattern.compile(
      "(?:(\\d{1,4})\\s*[x×*]\\s*)?" + NUMBER + "\\s*" + UNIT + "(?:\\s*[x×*]\\s*(\\d{1,4}))?\\s*(?:/?[瓶支盒罐袋只]|装)?");
  private static final String CHINESE_DIGITS = "一二三四五六七八九十";

  private SizeParser() {}

  public static ParsedSize parse(String itemSize, String title) {
    String field = prepare(itemSize);
    String name = prepare(title);
    Reading fromField = read(field);
    Reading fromTitle = read(name);
    boolean combo = fromField.combo || fromTitle.combo;
    if (fromField.size != null) {
      int pack = fromField.pack != null ? fromField.pack : orOne(fromTitle.pack);
      return new ParsedSize(fromField.size, pack, combo, SizeSource.FIELD);
    }
    int pack = fromField.pack != null ? fromField.pack : orOne(fromTitle.pack);
    if (fromTitle.size != null) {
      return new ParsedSize(fromTitle.size, pack, combo, SizeSource.TITLE);
    }
    return new ParsedSize(null, pack, combo, SizeSource.NONE);
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
   * {@code 4x6ml}), or null when the text is not one size.
   */
  public static String referenceSize(String raw) {
    Matcher m = REFERENCE_SIZE.matcher(prepare(raw).strip());
    if (!m.matches() || m.group(1) != null && m.group(4) != null) {
      return null;
    }
    String count = m.group(1) != null ? m.group(1) : m.group(4);
    if (count != null && Integer.parseInt(count) < 1 || new BigDecimal(m.group(2)).signum() <= 0) {
      return null;
    }
    String size = plainNumber(m.group(2)) + m.group(3);
    return Sku.normaliseSize(count == null ? size : count + "x" + size);
  }

  /** The title with sizes and pack markers removed, for name matching. */
  static String stripSizes(String text) {
    String s = MULTI_SIZE.matcher(text).replaceAll(" ");
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
    // Two different sizes in one listing (125ml+30ml) is a set, whatever the title calls it.
    boolean combo = COMBO.matcher(text).find() || sizes.size() > 1;
    String size = sizes.isEmpty() ? null : sizes.iterator().next();
    return new Reading(size, pack, combo);
  }

  private static void collectSizes(Pattern pattern, StringBuilder text, Set<String> sizes, boolean multi) {
    Matcher m = pattern.matcher(text);
    StringBuilder rest = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String size = multi
          ? m.group(1) + "x" + plainNumber(m.group(2)) + m.group(3)
          : plainNumber(m.group(1)) + m.group(2);
      sizes.add(Sku.normaliseSize(size));
      rest.append(text, last, m.start()).append(' ');
      last = m.end();
    }
    rest.append(text.substring(last));
    text.setLength(0);
    text.append(rest);
  }

  private static String plainNumber(String number) {
    return new BigDecimal(number).stripTrailingZeros().toPlainString();
  }

  private static int count(String digits) {
    int chinese = CHINESE_DIGITS.indexOf(digits.charAt(0));
    if (digits.equals("两")) {
      return 2;
    }
    return chinese >= 0 ? chinese + 1 : Integer.parseInt(digits);
  }

  private static int orOne(Integer pack) {
    return pack == null ? 1 : pack;
  }

  private record Reading(String size, Integer pack, boolean combo) {}
}
