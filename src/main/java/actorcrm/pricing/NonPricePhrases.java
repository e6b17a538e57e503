package actorcrm.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Phrases of promotion text that are not about price (包邮, 正品保障, 7天无理由退换 ...), read from
 * {@code actorcrm/pricing/non-price-phrases.txt}: one phrase a line, {@code #} starts a comment.
 * Kept longest first so a long phrase is recognised before a shorter one inside it. A free-shipping
 * threshold (满99包邮) is recognised whatever its number.
 */
public final class NonPricePhrases {

  private static final String RESOURCE = "/actorcrm/pricing/non-price-phrases.txt";
  // 满99包邮 / 满2件包邮 / 两件包邮: a threshold for free shipping, whatever the number; listed before the phrases so
  // 包邮 alone does not take the end of it and leave the number behind. 9.9元包邮 without 满 is a price, not a threshold.
  private static final Pattern FREE_SHIPPING_OVER = Pattern.compile("满\\d+(?:\\.\\d+)?元?(?:全国|顺丰)?包邮|满?\\d+件(?:全国|顺丰)?包邮");
  private static final List<Pattern> PATTERNS = Stream.concat(Stream.of(FREE_SHIPPING_OVER),
      load().stream().map(p -> Pattern.compile(Pattern.quote(p)))).toList();

  private NonPricePhrases() {}

  /** The free-shipping threshold, then one literal pattern per phrase, longest phrase first, compiled once. */
  static List<Pattern> patterns() {
    return PATTERNS;
  }

  private static List<String> load() {
    try (InputStream in = NonPricePhrases.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .distinct()
          .sorted(Comparator.comparingInt(String::length).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
