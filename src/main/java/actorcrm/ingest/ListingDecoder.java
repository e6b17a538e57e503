package actorcrm.ingest;

import actorcrm.pricing.Listing;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one listing from its wire form (a JSON object with the scraper's field names) and says
 * exactly what is wrong with a record that cannot be a listing, naming the field and value. Under
 * the {@link RecordDecoder} contract, so no listing record can fail a graph.
 */
public final class ListingDecoder {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private static final int MAX_UNITS = 10_000;

  // The HTTP price check bounds its request body itself.
  private static final RecordDecoder<Listing> ANY_SIZE = records(Integer.MAX_VALUE);

  private ListingDecoder() {}

  /** Listing records of at most {@code maxBytes} each, as the ingest graph reads them. */
  public static RecordDecoder<Listing> records(int maxBytes) {
    return RecordDecoder.jsonObjects(MAPPER, maxBytes, ListingDecoder::listing);
  }

  public static Decoded<Listing> decode(byte[] bytes) {
    return ANY_SIZE.decode(bytes);
  }

  private static Decoded<Listing> listing(JsonNode node) {
    List<String> problems = new ArrayList<>();
    String shop = requiredText(node, "shop_name", 256, problems);
    String title = requiredText(node, "item_name", 1000, problems);
    String url = requiredText(node, "item_url", 2048, problems);
    BigDecimal price = price(node.get("item_price"), problems);
    String discount = discount(node.get("discount_info"), problems);
    String size = optionalText(node, "item_size", 64, problems);
    String img = optionalText(node, "item_img", 2048, problems);
    if (discount != null && discount.length() > 4000) {
      problems.add("discount_info is longer than 4000 characters");
    }
    Integer units = units(node.get("units_per_listing"), problems);
    if (!problems.isEmpty()) {
      return Decoded.rejected(String.join("; ", problems));
    }
    return Decoded.of(new Listing(shop.trim(), title.trim(), url.trim(), img, price, discount, size, units));
  }

  private static String requiredText(JsonNode node, String field, int maxLength, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      problems.add(field + " is missing");
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(field + " must be a non-empty string, got " + abbreviate(value.toString()));
      return null;
    }
    return withinLength(field, value.asText(), maxLength, problems);
  }

  private static String optionalText(JsonNode node, String field, int maxLength, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(field + " must be a string, got " + abbreviate(value.toString()));
      return null;
    }
    return withinLength(field, value.asText(), maxLength, problems);
  }

  private static String withinLength(String field, String text, int maxLength, List<String> problems) {
    if (text.length() > maxLength) {
      problems.add(field + " is longer than " + maxLength + " characters: " + abbreviate(text));
      return null;
    }
    return text;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  private static BigDecimal price(JsonNode value, List<String> problems) {
    if (value == null || value.isNull()) {
      problems.add("item_price is missing");
      return null;
    }
    BigDecimal price = null;
    if (value.isNumber()) {
      price = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        price = new BigDecimal(value.asText().trim().replace("¥", "").replace("￥", ""));
      } catch (NumberFormatException e) {
        problems.add("item_price is not a number: " + value);
        return null;
      }
    }
    if (price == null || price.signum() < 0) {
      problems.add("item_price must be a number of 0 or more, got " + value);
      return null;
    }
    return price;
  }

  private static String discount(JsonNode value, List<String> problems) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode part : value) {
        if (!part.isTextual()) {
          problems.add("discount_info entries must be strings, got " + part);
          return null;
        }
        parts.add(part.asText());
      }
      return String.join(";", parts);
    }
    problems.add("discount_info must be a string or a list of strings, got " + value);
    return null;
  }

  private static Integer units(JsonNode value, List<String> problems) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > MAX_UNITS) {
      problems.add("units_per_listing must be a whole number from 1 to " + MAX_UNITS + ", got " + value);
      return null;
    }
    return value.asInt();
  }
}
