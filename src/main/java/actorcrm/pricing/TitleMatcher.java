package actorcrm.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches a distributor's noisy title to a canonical product. Titles and names are cleaned alike
 * (sizes, pack markers, shop boilerplate such as 正品/官方/旗舰店/包邮/套装 and punctuation removed),
 * then compared by the Dice coefficient of their character bigrams, which suits Chinese where
 * words are not spaced. A title that contains a whole canonical name or alias scores at least 0.90,
 * so 精华油1 in a title beats its twin 精华油2. The listing's size never changes the ranking except
 * to break a tie; a best match whose reference sizes do not include it (counted in whole packs,
 * {@link SizeParser#fitTo}) is reported as a mismatch.
 */
public final class TitleMatcher {

  public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("0.60");
  /** Every title containing a whole canonical name or alias scores at least this. */
  public static final BigDecimal CONTAINMENT_SCORE = new BigDecimal("0.90");

  private static final List<String> NOISE = List.of("官方旗舰店", "旗舰店", "专卖店", "官方", "旗舰", "正品", "包邮", "组合装",
      "套装", "专柜", "授权", "现货", "新品", "特价", "直营", "自营", "保税", "官网", "专卖");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]");
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final int CANDIDATES = 3;

  private final List<Entry> entries;
  private final BigDecimal threshold;

  /** A catalog entry with its cleaned names and their bigrams, computed once per catalog, not per title. */
  private record Entry(CatalogEntry source, List<String> cleanNames, List<Set<String>> nameGrams) {}

  private record Scored(String product, BigDecimal score, SizeFit fit) {}

  public TitleMatcher(List<CatalogEntry> catalog, BigDecimal threshold) {
    this.threshold = threshold;
    this.entries = catalog.stream().map(e -> {
      List<String> names = new ArrayList<>();
      names.add(clean(e.product()));
      e.aliases().forEach(a -> names.add(clean(a)));
      List<String> clean = names.stream().filter(n -> !n.isEmpty()).distinct().toList();
      return new Entry(e, clean, clean.stream().map(TitleMatcher::bigrams).toList());
    }).toList();
  }

  public TitleMatcher(Catalog catalog, BigDecimal threshold) {
    this(catalog.entries(), threshold);
  }

  /** Matches a title whose size is given as text ({@code 125ml}, {@code 6ml*4}; null or blank for none). */
  public MatchResult match(String title, String size) {
    return matchListing(title, SizeParser.parse(size, null));
  }

  /** Matches a listing's title, breaking a tie by whether its parsed size fits each product's reference sizes. */
  public MatchResult matchListing(String title, ParsedSize wantedSize) {
    String cleanTitle = clean(title);
    Set<String> titleGrams = bigrams(cleanTitle);
    String volume = SizeParser.unitVolume(wantedSize);
    List<Scored> ranked = entries.stream()
        .map(e -> new Scored(e.source().product(), score(cleanTitle, titleGrams, e), fit(e.source(), wantedSize, volume)))
        .sorted(Comparator.comparing(Scored::score).reversed()
            .thenComparing(Scored::fit)
            .thenComparing(Scored::product))
        .toList();
    List<Candidate> candidates = ranked.stream()
        .limit(CANDIDATES)
        .map(s -> new Candidate(s.product(), s.score().setScale(2, RoundingMode.HALF_UP), s.fit()))
        .toList();
    if (ranked.isEmpty()) {
      return new MatchResult(null, BigDecimal.ZERO.setScale(2), candidates);
    }
    Scored best = ranked.get(0);
    BigDecimal confidence = best.score().setScale(2, RoundingMode.HALF_UP);
    boolean tied = ranked.size() > 1
        && ranked.get(1).score().compareTo(best.score()) == 0
        && ranked.get(1).fit() == best.fit();
    boolean matched = !tied && confidence.compareTo(threshold) >= 0;
    return new MatchResult(matched ? best.product() : null, confidence, candidates);
  }

  static String clean(String text) {
    String s = SizeParser.stripSizes(SizeParser.prepare(text));
    for (String word : NOISE) {
      s = s.replace(word, " ");
    }
    return NOT_LETTER_OR_DIGIT.matcher(s).replaceAll("");
  }

  private static BigDecimal score(String title, Set<String> titleGrams, Entry entry) {
    BigDecimal best = BigDecimal.ZERO;
    for (int i = 0; i < entry.cleanNames().size(); i++) {
      String name = entry.cleanNames().get(i);
      BigDecimal dice = dice(titleGrams, entry.nameGrams().get(i));
      BigDecimal score = containsWhole(title, name)
          ? CONTAINMENT_SCORE.add(BigDecimal.ONE.subtract(CONTAINMENT_SCORE).multiply(dice))
          : dice;
      best = best.max(score);
    }
    return best.setScale(4, RoundingMode.HALF_UP);
  }

  private static BigDecimal dice(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return BigDecimal.ZERO;
    }
    Set<String> smaller = a.size() <= b.size() ? a : b;
    Set<String> larger = smaller == a ? b : a;
    int common = 0;
    for (String gram : smaller) {
      if (larger.contains(gram)) {
        common++;
      }
    }
    if (common == 0) {
      return BigDecimal.ZERO;
    }
    return TWO.multiply(BigDecimal.valueOf(common))
        .divide(BigDecimal.valueOf(a.size() + b.size()), 4, RoundingMode.HALF_UP);
  }

  private static Set<String> bigrams(String s) {
    int[] cps = s.codePoints().toArray();
    Set<String> grams = new HashSet<>();
    if (cps.length == 1) {
      grams.add(new String(cps, 0, 1));
    }
    for (int i = 0; i + 1 < cps.length; i++) {
      grams.add(new String(cps, i, 2));
    }
    return grams;
  }

  // 精华油1 must not count as contained in 精华油12: a name's edge digit may not run on into more digits.
  private static boolean containsWhole(String title, String name) {
    for (int at = title.indexOf(name); at >= 0; at = title.indexOf(name, at + 1)) {
      int end = at + name.length();
      boolean runsOnAfter = end < title.length() && Character.isDigit(name.charAt(name.length() - 1))
          && Character.isDigit(title.charAt(end));
      boolean runsOnBefore = at > 0 && Character.isDigit(name.charAt(0)) && Character.isDigit(title.charAt(at - 1));
      if (!runsOnAfter && !runsOnBefore) {
        return true;
      }
    }
    return false;
  }

  // The size gate counts packs as the product is sold: 6ml*4 fits a product sold as 4x6ml. Only an
  // entry with a size of the same unit volume can fit, so the others skip the recount (every title
  // meets every entry).
  private static SizeFit fit(CatalogEntry entry, ParsedSize size, String volume) {
    if (size.size() == null) {
      return SizeFit.UNKNOWN;
    }
    if (entry.sizes().contains(size.size())) {
      return SizeFit.MATCH;
    }
    if (volume != null) {
      for (String reference : entry.sizes()) {
        if (reference.endsWith(volume)) {
          return entry.sizes().contains(SizeParser.fitTo(size, entry.sizes()).size()) ? SizeFit.MATCH : SizeFit.MISMATCH;
        }
      }
    }
    return SizeFit.MISMATCH;
  }
}
