package actorcrm.pricing;

import java.util.List;

/**
 * What a {@code discount_info} text said: the rules understood, the non-price phrases recognised
 * (包邮, 正品保障 ..., see {@link NonPricePhrases}), and every fragment that was not understood (verbatim, trimmed).
 */
public record ParsedPromotions(List<Promotion> rules, List<String> nonPrice, List<String> unparsed) {

  public ParsedPromotions {
    rules = List.copyOf(rules);
    nonPrice = List.copyOf(nonPrice);
    unparsed = List.copyOf(unparsed);
  }

  public static ParsedPromotions none() {
    return new ParsedPromotions(List.of(), List.of(), List.of());
  }

  public boolean hasUnparsed() {
    return !unparsed.isEmpty();
  }
}
