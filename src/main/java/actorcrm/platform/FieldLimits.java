package actorcrm.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/**
 * The bounds every input field is held to, the same over HTTP and Kafka: one length for every text
 * field, a price range, and the shape of a name that becomes an entity id (shop, team). Read once
 * from {@code actorcrm.input}; each check adds a problem naming the field and its value.
 */
public record FieldLimits(int maxTextLength, BigDecimal maxPrice) {

  public static FieldLimits from(Config config) {
    Config c = config.getConfig("actorcrm.input");
    return new FieldLimits(c.getInt("max-text-length"), new BigDecimal(c.getString("max-price")));
  }

  /** {@code value} if it is at most the text limit long (or absent); otherwise null and a problem. */
  public String text(String field, String value, List<String> problems) {
    if (value != null && value.length() > maxTextLength) {
      problems.add(field + " is " + value.length() + " characters long, over the limit of " + maxTextLength + ": "
          + IdRules.quote(value));
      return null;
    }
    return value;
  }

  /** The text of {@code node}'s {@code field} (null when absent), held to the text limit. */
  public String text(JsonNode node, String field, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return text(field, value.isValueNode() ? value.asText() : value.toString(), problems);
  }

  /** Holds each of {@code node}'s {@code fields} to the text limit. */
  public void texts(JsonNode node, List<String> problems, String... fields) {
    for (String field : fields) {
      text(node, field, problems);
    }
  }

  /** Holds each entry of a list field (skill names, say) to the text limit. */
  public void entries(String field, Collection<String> values, List<String> problems) {
    values.forEach(value -> text(field + " entry", value, problems));
  }

  /** {@code value} if it can name a shop or team (absent is left to the caller); otherwise null and a problem. */
  public String name(String field, String value, List<String> problems) {
    if (value == null || text(field, value, problems) == null) {
      return null;
    }
    String problem = IdRules.nameProblem(value);
    if (problem != null) {
      problems.add(field + " " + IdRules.quote(value) + " cannot be a name: " + problem);
      return null;
    }
    return value;
  }

  /** {@code value} if it is more than 0 and at most the maximum price (absent is left to the caller); otherwise null and a problem. */
  public BigDecimal price(String field, BigDecimal value, List<String> problems) {
    if (value == null) {
      return null;
    }
    if (value.signum() <= 0 || value.compareTo(maxPrice) > 0) {
      problems.add(field + " must be more than 0 and at most " + maxPrice.toPlainString() + ", got " + value);
      return null;
    }
    return value;
  }
}
