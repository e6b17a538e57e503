package actorcrm.pricing;

import actorcrm.pricing.Promotion.EveryFullReduction;
import actorcrm.pricing.Promotion.FullReduction;
import actorcrm.pricing.Promotion.PurchaseLimit;
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
 * scraper emits ({@code ['每满200减20,上不封顶']}, also broken or empty) and plain text, with full-width
 * characters and small Chinese numerals (买一送一); fragments are separated by Chinese or ASCII commas,
 * semicolons, 、, | and /, and by white space that is not inside one form. Each fragment is read by the
 * form families in {@link PriceForms}, {@link QuantityForms} and {@link ThresholdForms}. Modifier
 * fragments (上不封顶, 最高减Z, 封顶Z) are folded into the neighbouring 每满 rule; all plain 满X减Y of one
 * listing form one tiered campaign. Nothing here throws on bad input: what is not understood (also
 * a known form with impossible numbers, 买0送1 or 第1件0元) is returned verbatim.
 */
public final class PromotionParser {

  private static final Pattern FRAGMENT_SEPARATOR = Pattern.compile("[,;、|/]");
  private static final Pattern QUOTES = Pattern.compile("\\\\?['\"‘’“”]");
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
  // White space inside one form (满 200 减 20, 定金50 尾款150, 前100名 99元, 拍2件 到手199) is dropped; elsewhere it separates.
  private static final Pattern INNER_SPACE = Pattern.compile("(?<=[满减送赠第买拍前名金款抵降选:]|到手价|券后价|限时价|秒杀价|活动价|特价|到手)\\s+(?=[\\d零一二两三四五六七八九十])"
      + "|(?<=[\\d零一二两三四五六七八九十])\\s+(?=[减件折元名尾抵]|[送赠]\\s*[\\d一二两三四五六七八九十])|(?<=[件名元])\\s+(?=尾款|抵|膨胀|立?减|[送赠]\\s*[\\d一二两三四五六七八九十])"
      // Only 拍N件 / 买N件 reaches over a space to its 到手 price: a bare 3件 may end the fragment before it (99元 3件 到手价169).
      + "|(?<=[拍买][\\d零一二两三四五六七八九十]{1,3}件)\\s+(?=到手|券后)|(?<=名)\\s+(?=到手)");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  // 定金50，尾款150 is one pre-sale written across a separator.
  private static final Pattern PRESALE_ACROSS = Pattern.compile("(定金:?\\d+(?:\\.\\d+)?元?)\\s*[,;、|/]\\s*(?=尾款|可抵|抵|膨胀)");
  // 99元/件 is a price per item, not two fragments.
  private static final Pattern PER_ITEM = Pattern.compile("元/[件瓶支盒个]");
  // Words that sit around a form and change nothing about the price; any other word left over makes the fragment unread.
  private static final Pattern FILLER = Pattern.compile("多买多折|满减|任选|任意|限时|秒杀|活动|跨店|店铺|优惠|下单|每人|仅需|只需|可叠加|叠加|全场|打|付|元|件");
  // 5折起, 低至99元, 最低8折: the best case of several prices, not one a buyer is sure to get.
  private static final Pattern AT_BEST = Pattern.compile("(?<=[\\d折元])起|低至|最低|低到");

  // Order matters: a form that contains another (券 around 满减, 第N件 around N件M折, 前N名 around 到手价) goes first.
  // Every form of a family contains one of its key characters, so a fragment without them skips the family's patterns.
  private static final List<Family> FAMILIES = List.of(new Family("购", PriceForms.LIMITS), new Family("券门", ThresholdForms.COUPONS),
      new Family("定前限秒活特到券", PriceForms.PRICES), new Family("件送赠", QuantityForms.FORMS), new Family("满", ThresholdForms.REDUCTIONS),
      new Family("减降", PriceForms.ORDER_REDUCTIONS), new Family("折", PriceForms.PERCENT));

  private record Family(String keys, List<PromotionForm> forms) {
    boolean mayMatch(CharSequence text) {
      return text.chars().anyMatch(c -> keys.indexOf(c) >= 0);
    }
  }

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
    String text = Normalizer.normalize(unwrapList(discountInfo.strip()), Normalizer.Form.NFKC);
    text = PER_ITEM.matcher(PRESALE_ACROSS.matcher(text).replaceAll("$1")).replaceAll("元");
    List<Piece> pieces = new ArrayList<>();
    for (String fragment : FRAGMENT_SEPARATOR.split(text)) {
      for (String part : WHITESPACE.split(INNER_SPACE.matcher(fragment.strip()).replaceAll(""))) {
        if (!part.isBlank()) {
          pieces.addAll(readFragment(part));
        }
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
      } else if (piece instanceof Unparsed unread) {
        unparsed.add(unread.text());
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
    if (AT_BEST.matcher(fragment).find()) {
      return List.of(new Unparsed(fragment));
    }
    StringBuilder text = new StringBuilder(ChineseNumerals.toDigits(fragment));
    List<Found> found = new ArrayList<>();
    for (Family family : FAMILIES) {
      if (!family.mayMatch(text)) {
        continue;
      }
      for (PromotionForm form : family.forms()) {
        extract(text, form.pattern(), found, form.rule());
      }
      if (family.forms() == ThresholdForms.COUPONS && found.stream().anyMatch(f -> isCoupon(f.piece()))) {
        blankOut(text, ThresholdForms.COUPON_WORD.matcher(text));
      }
    }
    extractModifier(text, ThresholdForms.UNCAPPED, found, m -> new Uncapped(fragment));
    extractModifier(text, ThresholdForms.CAP, found, m -> new Cap(PromotionForm.amount(m.group(1)), fragment));
    boolean understood = !found.isEmpty();
    for (Pattern phrase : NonPricePhrases.patterns()) {
      extractModifier(text, phrase, found, m -> new NonPrice(m.group()));
    }
    blankOut(text, FILLER.matcher(text));
    boolean onlyNonPrice = !understood && !found.isEmpty() && text.chars().noneMatch(Character::isLetterOrDigit);
    if (!understood && !onlyNonPrice || text.chars().anyMatch(Character::isLetterOrDigit)) {
      // Left-over words or numbers said something we did not understand, which may change what the part we did
      // read means (88VIP再享95折, 买2送1送同款小样, 会员专享价): the whole fragment is unread, none of it is priced.
      // A 限购 or a cap (封顶100) in it still holds: a bound can only raise the landed price, so keeping it never
      // convicts anyone.
      List<Piece> unread = new ArrayList<>();
      found.stream().map(Found::piece)
          .filter(p -> p instanceof Cap || p instanceof Rule r && r.promotion() instanceof PurchaseLimit)
          .forEach(unread::add);
      unread.add(new Unparsed(fragment));
      return unread;
    }
    return found.stream().sorted(Comparator.comparingInt(Found::position)).map(Found::piece).toList();
  }

  private static boolean isCoupon(Piece piece) {
    return piece instanceof Rule rule && rule.promotion() instanceof Promotion.Coupon;
  }

  private static void extract(StringBuilder text, Pattern pattern, List<Found> found, Function<Matcher, Promotion> rule) {
    extractModifier(text, pattern, found, m -> new Rule(rule.apply(m)));
  }

  private static void extractModifier(StringBuilder text, Pattern pattern, List<Found> found, Function<Matcher, Piece> piece) {
    Matcher m = pattern.matcher(text);
    List<int[]> spans = new ArrayList<>();
    List<int[]> refused = new ArrayList<>();
    while (m.find()) {
      try {
        found.add(new Found(m.start(), piece.apply(m)));
        spans.add(new int[] {m.start(), m.end()});
      } catch (IllegalArgumentException | ArithmeticException invalid) {
        refused.add(new int[] {m.start(), m.end()});
      }
    }
    spans.forEach(span -> blank(text, span[0], span[1]));
    refused.forEach(span -> seal(text, span[0], span[1]));
  }

  // An impossible value (0折, 买0送1, 拍0件到手99元) stays unread as a whole: its words are hidden from later
  // forms, so 到手99元 is not read out of 拍0件到手99元, and its digits stay, so the fragment is reported.
  private static void seal(StringBuilder text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        text.setCharAt(i, '#');
      }
    }
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
}
