package actorcrm.pricing;

import actorcrm.platform.Json;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The listings of the seed's joined output, as a scraper would send them (seed field names, one
 * JSON object per line). The seed masks every URL as the same text, so each row gets its own URL.
 */
public final class SeedListings {
  private SeedListings() {}

  /** One row of joined-output.seed.csv: the listing and the seed job's one-unit price (column 8). */
  public record Row(Map<String, Object> listing, String seedOneUnitPrice, String product, String size) {
    public String json() {
      try {
        return Json.MAPPER.writeValueAsString(listing);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    String[] lines = SeedFiles.text("joined-output.seed.csv").split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].split(",");
      Map<String, Object> listing = new LinkedHashMap<>();
      listing.put("shop_name", f[0]);
      listing.put("item_name", f[1]);
      listing.put("item_url", "https://seed.example/listing/" + (i + 1));
      listing.put("item_img", f[3]);
      listing.put("item_price", new java.math.BigDecimal(f[4]));
      listing.put("discount_info", f[5]);
      listing.put("item_size", f[6]);
      rows.add(new Row(listing, f[7], f[1], f[6]));
    }
    return rows;
  }

  public static String ndjson(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    rows.forEach(r -> out.append(r.json()).append('\n'));
    return out.toString();
  }
}
