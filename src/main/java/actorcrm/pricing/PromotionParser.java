package actorcrm.pricing;

import actorcrm.pricing.Promotion.Coupon;
import actorcrm.pricing.Promotion.EveryFullReduction;
import actorcrm.pricing.Promotion.FullReduction;
import actorcrm.pricing.Promotion.PercentOff;
import actorcrm.pricing.Promotion.PurchaseLimit;
import actorcrm.pricing.Promotion.QuantityPercentOff;
import actorcrm.pricing.Promotion.SecondHalfPrice;
import actorcrm.pricing.Promotion.TieredReduction;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a scraped {@code discount_info} into promotion rules. Accepts the Python-list form the
 * scraper emits ({@code ['每满200减20,上不封顶']}, also broken or empty) and plain text; fragments are
 * separated by Chinese or ASCII commas, semicolons and 、. Modifier fragments (上不封顶, 最高减Z, 封顶Z)
 * are folded into the neighbouring 每满 rule; all plain 满X减Y of one listing form one tiered
 * campaign. Nothing here throws on bad input: what is not understood is returned verbatim.
 */
public final class PromotionParser {

  private static final String AMOUNT = "(\\d+(?:\\.\\d+)?)";
  private static final Pattern FRAGMENT_SEPARATOR = Pattern.compile("[，,；;、]");
  private static final Pattern QUOTES = Pattern.compile("\\\\?['\"‘’“”]");
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern DIGIT = Pattern.compile("\\d");

  private static final Pattern COUPON_WITH_THRESHOLD = Pattern.compile("满" + AMOUNT + "元?(?:可用|使用)?减" + AMOUNT + "元?");
  private static final Pattern COUPON_NO_THRESHOLD = Pattern.compile("无门槛(?:优惠)?券?" + AMOUNT + "元?|" + AMOUNT + "元?无门槛");
  private static final Pattern COUPON_WORD = Pattern.compile("(?:店铺|优惠)?券");
  private static final Pattern EVERY_FULL = Pattern.compile("每满" + AMOUNT + "元?减" + AMOUNT + "元?");
  private static final Pattern FULL = Pattern.compile("(?<!每)满" + AMOUNT + "元?减" + AMOUNT + "元?");
  private static final Pattern QUANTITY_PERCENT = Pattern.compile("满?(\\d+)件" + AMOUNT + "折");
  private static final Pattern SECOND_HALF = Pattern.compile("第[二2]件半价");
  private static final Pattern PERCENT = Pattern.compile(AMOUNT + "折");
  private static final Pattern LIMIT = Pattern.compile("限购(\\d+)件?");
  private static final Pattern UNCAPPED = Pattern.compile("上不封顶");
  private static final Pattern CAP = Pattern.compile("(?:最高|最多|封顶|上限)减?" + AMOUNT + "元?");

  private sealed interface Piece {}

  private record Rule(Promotion promotion) implements Piece {}

  private record Cap(BigDecimal amount, String text) implements Piece {}

  private record Uncapped(String text) implements Piece {}

  private record Unparsed(String text) implements Piece {}

  private record Consumed() implements Piece {}

  private record NonPrice(String phrase) implements Piece {}

  private record Found(int position, Piece piece) {}

  private PromotionParser() {}

  public static ParsedPromotions parse(String discountInfo) {
    if (discountInfo == null || discountInfo.isBlank()) {
      return ParsedPromotions.none();
    }
    List<Piece> pieces = new ArrayList<>();
    for (String fragment : FRAGMENT_SEPARATOR.split(unwrapList(discountInfo.strip()))) {
      if (!fragment.isBlank()) {
        pieces.addAll(readFragment(fragment.strip()));
      }
    }
    attachCaps(pieces);
    attachUncapped(pieces);
    mergeTiers(pieces);
    List<Promotion> rules = new ArrayList<>();
    LinkedHashSet<String> nonPrice = new LinkedHashSet<>();
    LinkedHashSet<String> unparsed = new LinkedHashSet<>();
    for (Piece piece : pieces) {
      if (piece instanceof Rule rule) {
        rules.add(rule.promotion());
      } else if (piece instanceof NonPrice phrase) {
        nonPrice.add(phrase.phrase());
      } else if (piece instanceof Unparsed text) {
        unparsed.add(text.text());
      }
    }
    return new ParsedPromotions(rules, new ArrayList<>(nonPrice), new ArrayList<>(unparsed));
  }

  private static String unwrapList(String text) {
    if (!text.startsWith("[")) {
      return text;
    }
    String inner = text.substring(1);
    if (inner.endsWith("]")) {
      inner = inner.substring(0, inner.length() - 1);
    }
    inner = UNICODE_ESCAPE.matcher(inner).replaceAll(m -> String.valueOf((char) Integer.parseInt(m.group(1), 16)));
    // List items are separated by commas, which are fragment separators anyway, so the quotes carry no information.
    return QUOTES.matcher(inner).replaceAll("");
  }

  private static List<Piece> readFragment(String fragment) {
    String normalised = WHITESPACE.matcher(Normalizer.normalize(fragment, Normalizer.Form.NFKC)).replaceAll("");
    StringBuilder text = new StringBuilder(normalised);
    List<Found> found = new ArrayList<>();
    if (normalised.contains("券")) {
      extract(text, COUPON_WITH_THRESHOLD, found, m -> new Coupon(amount(m.group(1)), amount(m.group(2))));
      extract(text, COUPON_NO_THRESHOLD, found, m -> new Coupon(BigDecimal.ZERO, amount(m.group(1) != null ? m.group(1) : m.group(2))));
      if (!found.isEmpty()) {
        blankOut(text, COUPON_WORD.matcher(text));
      }
    } else {
      extract(text, EVERY_FULL, found, m -> new EveryFullReduction(amount(m.group(1)), amount(m.group(2)), null));
      extract(text, FULL, found, m -> new FullReduction(amount(m.group(1)), amount(m.group(2))));
      extract(text, QUANTITY_PERCENT, found, m -> new QuantityPercentOff(Integer.parseInt(m.group(1)), rate(m.group(2))));
      extract(text, SECOND_HALF, found, m -> new SecondHalfPrice());
      extract(text, PERCENT, found, m -> new PercentOff(rate(m.group(1))));
      extract(text, LIMIT, found, m -> new PurchaseLimit(Integer.parseInt(m.group(1))));
    }
    extractModifier(text, UNCAPPED, found, m -> new Uncapped(fragment));
    extractModifier(text, CAP, found, m -> new Cap(amount(m.group(1)), fragment));
    boolean understood = !found.isEmpty();
    for (Pattern phrase : NonPricePhrases.patterns()) {
      extractModifier(text, phrase, found, m -> new NonPrice(m.group()));
    }
    boolean onlyNonPrice = !understood && !found.isEmpty() && text.toString().isBlank();
    if (!understood && !onlyNonPrice || DIGIT.matcher(text).find()) {
      // Left-over numbers mean part of the fragment said something we did not understand.
      found.add(new Found(Integer.MAX_VALUE, new Unparsed(fragment)));
    }
    return found.stream().sorted(Comparator.comparingInt(Found::position)).map(Found::piece).toList();
  }

  private static void extract(StringBuilder text, Pattern pattern, List<Found> found, Function<Matcher, Promotion> rule) {
    extractModifier(text, pattern, found, m -> new Rule(rule.apply(m)));
  }

  private static void extractModifier(StringBuilder text, Pattern pattern, List<Found> found, Function<Matcher, Piece> piece) {
    Matcher m = pattern.matcher(text);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      try {
        found.add(new Found(m.start(), piece.apply(m)));
        spans.add(new int[] {m.start(), m.end()});
      } catch (IllegalArgumentException | ArithmeticException invalid) {
        // An impossible value (0折, 限购0件, 每满0减20) is left in place and reported as unparsed.
      }
    }
    spans.forEach(span -> blank(text, span[0], span[1]));
  }

  private static void blankOut(StringBuilder text, Matcher m) {
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    spans.forEach(span -> blank(text, span[0], span[1]));
  }

  // Blank out rather than delete, so positions of later matches still order the pieces as written.
  private static void blank(StringBuilder text, int start, int end) {
    for (int i = start; i < end; i++) {
      text.setCharAt(i, ' ');
    }
  }

  private static void attachCaps(List<Piece> pieces) {
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i) instanceof Cap cap) {
        int target = nearest(pieces, i, p -> p instanceof Rule r && r.promotion() instanceof EveryFullReduction);
        if (target < 0) {
          pieces.set(i, new Unparsed(cap.text()));
        } else {
          EveryFullReduction every = (EveryFullReduction) ((Rule) pieces.get(target)).promotion();
          BigDecimal newCap = every.cap() == null ? cap.amount() : every.cap().min(cap.amount());
          pieces.set(target, new Rule(every.withCap(newCap)));
          pieces.set(i, new Consumed());
        }
      }
    }
  }

  private static void attachUncapped(List<Piece> pieces) {
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i) instanceof Uncapped uncapped) {
        int every = nearest(pieces, i, p -> p instanceof Rule r && r.promotion() instanceof EveryFullReduction);
        List<Integer> fulls = indexesOfFullReductions(pieces);
        if (every >= 0) {
          pieces.set(i, new Consumed());
        } else if (fulls.size() == 1) {
          // Shops write 满200减20上不封顶 for a repeating reduction: "no cap" only makes sense if it repeats.
          FullReduction full = (FullReduction) ((Rule) pieces.get(fulls.get(0))).promotion();
          pieces.set(fulls.get(0), new Rule(new EveryFullReduction(full.threshold(), full.off(), null)));
          pieces.set(i, new Consumed());
        } else {
          pieces.set(i, new Unparsed(uncapped.text()));
        }
      }
    }
  }

  private static void mergeTiers(List<Piece> pieces) {
    List<Integer> fulls = indexesOfFullReductions(pieces);
    if (fulls.size() < 2) {
      return;
    }
    List<FullReduction> tiers = fulls.stream()
        .map(i -> (FullReduction) ((Rule) pieces.get(i)).promotion())
        .distinct()
        .toList();
    // One shop runs one 满减 campaign at a time; separate entries are its tiers, not stackable offers.
    Promotion merged = tiers.size() == 1 ? tiers.get(0) : new TieredReduction(tiers);
    pieces.set(fulls.get(0), new Rule(merged));
    for (int i : fulls.subList(1, fulls.size())) {
      pieces.set(i, new Consumed());
    }
  }

  private static List<Integer> indexesOfFullReductions(List<Piece> pieces) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i) instanceof Rule r && r.promotion() instanceof FullReduction) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  private static int nearest(List<Piece> pieces, int from, Predicate<Piece> wanted) {
    for (int i = from - 1; i >= 0; i--) {
      if (wanted.test(pieces.get(i))) {
        return i;
      }
    }
    for (int i = from + 1; i < pieces.size(); i++) {
      if (wanted.test(pieces.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static BigDecimal amount(String digits) {
    return new BigDecimal(digits);
  }

  private static BigDecimal rate(String digits) {
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
