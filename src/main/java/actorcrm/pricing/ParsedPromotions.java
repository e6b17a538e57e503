package actorcrm.pricing;

import java.util.List;

/** What a {@code discount_info} text said: the rules understood, and every fragment that was not (verbatim, trimmed). */
public record ParsedPromotions(List<Promotion> rules, List<String> unparsed) {

  public ParsedPromotions {
    rules = List.copyOf(rules);
    unparsed = List.copyOf(unparsed);
  }

  public static ParsedPromotions none() {
    return new ParsedPromotions(List.of(), List.of());
  }

  public boolean hasUnparsed() {
    return !unparsed.isEmpty();
  }
}
