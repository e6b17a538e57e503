package actorcrm.chaos;

import actorcrm.platform.Json;
import actorcrm.platform.FieldLimits;
import actorcrm.ingest.ListingDecoder;
import actorcrm.pricing.Catalog;
import actorcrm.pricing.PriceCheck;
import actorcrm.pricing.PriceCheckResult;
import actorcrm.pricing.PriceCheckSettings;
import actorcrm.pricing.ReferenceTableParser;
import actorcrm.pricing.Verdict;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A brand's reference table with many SKUs and a stream of distributor listings over them and many
 * shops, every listing a distinct URL and a share of them under the floor (plain cuts and
 * threshold discounts). What each listing must become — its SKU and whether it violates — comes
 * from the project's own {@link PriceCheck} on the same table, and only listings it judges with
 * certainty (OK or VIOLATION) are generated, so every one must end up as an offer of its product.
 */
public final class GeneratedPrices {
  private static final ListingDecoder DECODER = new ListingDecoder(new FieldLimits(1000, new BigDecimal("10000000.00")));

  private static final String[][] SIZES = {{"125ml", "200", "180"}, {"200ml", "300", "280"}};

  /** One listing and what it must become. */
  public record Listing(String url, String sku, String shop, boolean violates, byte[] json) {}

  private GeneratedPrices() {}

  /** The headerless nine-column layout of the customer's table, two sizes per product. */
  public static String referenceCsv(int products) {
    return referenceCsv(0, products);
  }

  /** The rows of products {@code from} (inclusive) to {@code to} (exclusive) of {@link #referenceCsv(int)}. */
  public static String referenceCsv(int from, int to) {
    StringBuilder csv = new StringBuilder();
    int row = 1 + from * SIZES.length;
    for (int p = from; p < to; p++) {
      for (String[] size : SIZES) {
        csv.append(row++).append(',').append(product(p)).append(',').append(size[0])
            .append(",**,************,混沌测试用品,****,").append(size[1]).append(',').append(size[2]).append('\n');
      }
    }
    return csv.toString();
  }

  public static int skus(int products) {
    return products * SIZES.length;
  }

  /** {@code count} listings; the i-th is the same for the same arguments, so a run can be repeated. */
  public static List<Listing> listings(String run, int count, int products, int shops) {
    PriceCheck oracle = new PriceCheck(Catalog.of(ReferenceTableParser.parse(referenceCsv(products)).rows()),
        PriceCheckSettings.defaults());
    List<Listing> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String[] size = SIZES[(i / products) % SIZES.length];
      BigDecimal listPrice = new BigDecimal(size[1]);
      BigDecimal floor = new BigDecimal(size[2]);
      Map<String, Object> l = new LinkedHashMap<>();
      String shop = "混沌经销商" + (i % shops);
      String url = "https://chaos.example/" + run + "/" + i;
      l.put("shop_name", shop);
      l.put("item_name", (i % 3 == 0 ? "正品" : "") + product(i % products) + " " + size[0]);
      l.put("item_url", url);
      switch (i % 5) {
        case 0 -> l.put("item_price", floor.subtract(BigDecimal.valueOf(1 + i % 7)));
        case 1 -> {
          l.put("item_price", listPrice);
          l.put("discount_info", "['每满200减20,上不封顶']");
        }
        default -> l.put("item_price", listPrice.add(BigDecimal.valueOf(i % 4)));
      }
      l.put("item_size", size[0]);
      byte[] json = json(l);
      PriceCheckResult verdict = oracle.check(DECODER.decode(json).value());
      if (verdict.sku() == null || (verdict.verdict() != Verdict.OK && verdict.verdict() != Verdict.VIOLATION)) {
        throw new IllegalStateException("generated listing " + i + " is not judged with certainty: " + verdict);
      }
      out.add(new Listing(url, verdict.sku(), shop, verdict.verdict() == Verdict.VIOLATION, json));
    }
    return out;
  }

  private static String product(int p) {
    return "混沌精华" + (100 + p);
  }

  private static byte[] json(Map<String, Object> listing) {
    try {
      return Json.MAPPER.writeValueAsBytes(listing);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
