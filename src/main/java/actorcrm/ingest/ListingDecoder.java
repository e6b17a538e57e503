package actorcrm.ingest;

import actorcrm.platform.FieldLimits;
import actorcrm.platform.IdRules;
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
 * the {@link RecordDecoder} contract, so no listing record can fail a graph; text and price are
 * held to the node's {@link FieldLimits}, and the shop name must be able to name a shop.
 */
public final class ListingDecoder {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private static final int MAX_UNITS = 10_000;

  private final FieldLimits limits;
  // The HTTP price check bounds its request body itself.
  private final RecordDecoder<Listing> anySize;

  public ListingDecoder(FieldLimits limits) {
    this.limits = limits;
    this.anySize = records(Integer.MAX_VALUE);
  }

  /** Listing records of at most {@code maxBytes} each, as the ingest graph reads them. */
  public RecordDecoder<Listing> records(int maxBytes) {
    return RecordDecoder.jsonObjects(MAPPER, maxBytes, this::listing);
  }

  public Decoded<Listing> decode(byte[] bytes) {
    return anySize.decode(bytes);
  }

  private Decoded<Listing> listing(JsonNode node) {
    List<String> problems = new ArrayList<>();
    String shop = requiredText(node, "shop_name", problems);
    String title = requiredText(node, "item_name", problems);
    String url = requiredText(node, "item_url", problems);
    BigDecimal price = limits.price("item_price", price(node.get("item_price"), problems), problems);
    String discount = limits.text("discount_info", discount(node.get("discount_info"), problems), problems);
    String size = optionalText(node, "item_size", problems);
    String img = optionalText(node, "item_img", problems);
    if (shop != null) {
      shop = limits.name("shop_name", shop.trim(), problems);
    }
    Integer units = units(node.get("units_per_listing"), problems);
    if (!problems.isEmpty()) {
      return Decoded.rejected(String.join("; ", problems));
    }
    return Decoded.of(new Listing(shop, title.trim(), url.trim(), img, price, discount, size, units));
  }

  private String requiredText(JsonNode node, String field, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      problems.add(field + " is missing");
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(field + " must be a non-empty string, got " + IdRules.quote(value.toString()));
      return null;
    }
    return limits.text(field, value.asText(), problems);
  }

  private String optionalText(JsonNode node, String field, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(field + " must be a string, got " + IdRules.quote(value.toString()));
      return null;
    }
    return limits.text(field, value.asText(), problems);
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
        problems.add("item_price is not a number: " + IdRules.quote(value.asText()));
        return null;
      }
    }
    if (price == null) {
      problems.add("item_price must be a number, got " + IdRules.quote(value.toString()));
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
          problems.add("discount_info entries must be strings, got " + IdRules.quote(part.toString()));
          return null;
        }
        parts.add(part.asText());
      }
      return String.join(";", parts);
    }
    problems.add("discount_info must be a string or a list of strings, got " + IdRules.quote(value.toString()));
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
