package actorcrm.dispatch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads skills as the API takes them: ["vip", "refund:4"] or {"vip": 5}; a bare skill gets the given level. */
public final class Skills {
  /** A required skill named without a level ("billing") asks for any proficiency. */
  public static final int ANY_LEVEL = 1;

  private Skills() {}

  public static Map<String, Integer> parse(JsonNode node, int bareLevel) {
    Map<String, Integer> skills = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return skills;
    }
    if (node.isArray()) {
      for (JsonNode entry : node) {
        if (!entry.isTextual() || entry.asText().isBlank()) {
          throw new IllegalArgumentException("skills entries must be non-empty strings, got " + entry);
        }
        String text = entry.asText().trim();
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
          skills.put(text, bareLevel);
        } else {
          skills.put(text.substring(0, colon), level(text.substring(colon + 1), text));
        }
      }
      return skills;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().canConvertToInt()) {
          throw new IllegalArgumentException("skill " + e.getKey() + " needs a whole-number level, got " + e.getValue());
        }
        skills.put(e.getKey(), e.getValue().asInt());
      }
      return skills;
    }
    throw new IllegalArgumentException("skills must be a list or an object, got " + node);
  }

  private static int level(String text, String entry) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("skill " + entry + " has no whole-number level after ':'");
    }
  }
}
