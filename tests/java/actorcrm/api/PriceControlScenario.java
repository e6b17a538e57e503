package actorcrm.api;

import actorcrm.Eventually;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.pricing.SeedFiles;
import actorcrm.pricing.SeedListings;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Price control as the clerk uses it, on one node: import the customer's table, post the seed's
 * listings, read violations, products, the review list and the CSV export.
 */
@ExtendWith(LogCapturingExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PriceControlScenario {
  private static final String ADMIN = TestNodes.ADMIN_TOKEN;
  private static final Duration PROJECTION = Duration.ofSeconds(20);

  static Main.Node node;
  static TestHttp http;

  static void start(String dbUrl, Path dataDir, Map<String, Object> extra) {
    node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), dbUrl, dataDir, extra));
    http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
    TestHttp.Reply imported = http.post("/api/reference-prices", ADMIN, SeedFiles.text("reference-prices.seed.csv"));
    assertEquals(200, imported.status(), imported.body());
    assertEquals(9, imported.json().get("imported").asInt(), imported.body());
    assertEquals(0, imported.json().get("rejected").size(), imported.body());
    assertTrue(imported.json().get("catalog_up_to_date").asBoolean());
  }

  static void stop() {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  private static String path(String sku) {
    return URLEncoder.encode(sku, StandardCharsets.UTF_8);
  }

  private static JsonNode violations(String query) {
    TestHttp.Reply reply = http.get("/api/violations" + query, ADMIN);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  @Test
  @Order(1)
  void importedRowsWithCommasInTheFreeTextCarryTheirOwnPrices() {
    // Row 6 (沐浴露 500ml) has three unquoted commas in its free text; its prices are 100 and 80.
    JsonNode product = http.get("/api/products/" + path("沐浴露:500ml"), ADMIN).json();
    assertEquals(new BigDecimal("100.00"), product.at("/reference/list_price").decimalValue());
    assertEquals(new BigDecimal("80.00"), product.at("/reference/floor").decimalValue());
  }

  @Test
  @Order(2)
  void badReferenceRowsAreReportedByLineWhileGoodRowsImport() {
    String csv = "product,size,list_price,floor\n新品A,50ml,120,99\n新品B,50ml,abc,99\n,30ml,10,9\n";
    JsonNode reply = http.post("/api/reference-prices", ADMIN, csv).json();
    assertEquals(1, reply.get("imported").asInt(), reply.toString());
    assertEquals(3, reply.at("/rejected/0/line").asInt(), reply.toString());
    assertTrue(reply.at("/rejected/0/reason").asText().contains("abc"), reply.toString());
    assertEquals(4, reply.at("/rejected/1/line").asInt(), reply.toString());
  }

  @Test
  @Order(3)
  void withOneUnitThePriceCheckGivesTheSeedJobsOwnPrices() {
    for (SeedListings.Row row : SeedListings.rows()) {
      JsonNode check = http.post("/api/price-check?max_quantity=1", ADMIN, row.json()).json();
      assertEquals(0, new BigDecimal(row.seedOneUnitPrice()).compareTo(check.get("landed_price").decimalValue()),
          row.json() + " -> " + check);
      assertEquals(1, check.get("quantity").asInt());
      assertEquals("OK", check.get("verdict").asText(), check.toString());
    }
  }

  @Test
  @Order(4)
  void theDryRunExplainsTheWinningQuantity() {
    String listing = "{\"shop_name\":\"经销商1\",\"item_name\":\"精华油1\",\"item_url\":\"u\",\"item_price\":190.00,"
        + "\"discount_info\":\"['每满200减20;上不封顶']\",\"item_size\":\"125ml\"}";
    JsonNode check = http.post("/api/price-check", ADMIN, listing).json();
    assertEquals("VIOLATION", check.get("verdict").asText(), check.toString());
    assertEquals(new BigDecimal("172.00"), check.get("landed_price").decimalValue());
    assertEquals(10, check.get("quantity").asInt());
    assertEquals("精华油1:125ml", check.get("sku").asText());
    assertEquals("field", check.get("size_source").asText());
    assertEquals("every_full_reduction", check.at("/promotions/0/type").asText(), check.toString());
    assertFalse(check.get("steps").isEmpty());
    assertEquals(400, http.post("/api/price-check?max_quantity=0", ADMIN, listing).status());
    TestHttp.Reply broken = http.post("/api/price-check", ADMIN, "{\"shop_name\":\"x\"}");
    assertEquals(400, broken.status());
    assertTrue(broken.json().get("message").asText().contains("item_price is missing"), broken.body());
  }

  @Test
  @Order(5)
  void seedListingsOpenExactlyTheTwoViolationsAOneUnitCheckMissed() {
    String ndjson = SeedListings.ndjson(SeedListings.rows());
    JsonNode posted = http.post("/api/listings", ADMIN, ndjson).json();
    assertEquals(10, posted.get("accepted").asInt(), posted.toString());
    assertEquals(2, posted.at("/verdicts/VIOLATION").asInt(), posted.toString());
    assertEquals(8, posted.at("/verdicts/OK").asInt(), posted.toString());

    Eventually.await(PROJECTION, () -> assertEquals(2, violations("").size()));
    Map<String, JsonNode> bySku = new java.util.HashMap<>();
    violations("").forEach(v -> bySku.put(v.get("sku").asText(), v));
    JsonNode big = bySku.get("精华油1:200ml");
    assertEquals(new BigDecimal("270.00"), big.get("landed_price").decimalValue());
    assertEquals(2, big.get("quantity").asInt());
    assertEquals(new BigDecimal("280.00"), big.get("floor").decimalValue());
    assertEquals("open", big.get("status").asText());
    JsonNode small = bySku.get("精华油1:125ml");
    assertEquals(new BigDecimal("172.00"), small.get("landed_price").decimalValue());
    assertEquals(10, small.get("quantity").asInt());
    assertEquals(new BigDecimal("190.00"), small.at("/evidence/page_price").decimalValue());

    JsonNode again = http.post("/api/listings", ADMIN, ndjson).json();
    assertEquals(10, again.at("/changes/duplicate").asInt(), again.toString());

    Eventually.await(PROJECTION, () -> {
      JsonNode shop = http.get("/api/entities/shop/" + path("经销商1"), ADMIN).json();
      assertEquals(2, shop.get("violations_total").asInt(), shop.toString());
      assertEquals(2, shop.get("open_violation_ids").size(), shop.toString());
    });
  }

  @Test
  @Order(6)
  void violationResolvesWhenPriceReturnsAboveFloor() {
    SeedListings.Row last = SeedListings.rows().get(9);
    Map<String, Object> fixed = new java.util.LinkedHashMap<>(last.listing());
    fixed.put("item_price", new BigDecimal("200.00"));
    fixed.put("discount_info", "[]");
    JsonNode posted = http.post("/api/listings", ADMIN, new SeedListings.Row(fixed, null, null, null).json()).json();
    assertEquals("resolved", posted.at("/changes").fieldNames().next(), posted.toString());
    Eventually.await(PROJECTION, () -> {
      JsonNode resolved = violations("?status=resolved&sku=" + path("精华油1:125ml"));
      assertEquals(1, resolved.size(), resolved.toString());
      assertEquals("price_restored", resolved.get(0).get("resolution").asText());
    });
    assertEquals(1, violations("?status=open").size());
    assertEquals(2, violations("?status=all&shop=" + path("经销商1")).size());
  }

  @Test
  @Order(7)
  void productShowsItsReferenceRowAndEveryListingsOffer() {
    JsonNode product = http.get("/api/products/" + path("精华油1:125ml"), ADMIN).json();
    assertEquals(new BigDecimal("180.00"), product.at("/reference/floor").decimalValue());
    assertEquals(3, product.get("offers").size(), product.toString());
    assertEquals(404, http.get("/api/products/" + path("无此商品:1ml"), ADMIN).status());
  }

  @Test
  @Order(8)
  void violationsExportAsCsvForTheClerksSpreadsheet() {
    TestHttp.Reply csv = http.get("/api/violations?status=all&format=csv", ADMIN);
    assertEquals(200, csv.status());
    List<String> lines = csv.body().lines().toList();
    assertTrue(lines.get(0).startsWith("\uFEFFid,shop,sku,listing_url,status,landed_price"), lines.get(0));
    assertEquals(3, lines.size(), csv.body());
    assertTrue(csv.body().contains("精华油1:200ml#1,经销商1,精华油1:200ml,"), csv.body());
    assertEquals(400, http.get("/api/violations?status=maybe", ADMIN).status());
  }

  @Test
  @Order(9)
  void listingsMatchingNoProductAreKeptForReviewWithCandidates() {
    String unknown = "{\"shop_name\":\"经销商9\",\"item_name\":\"某某牌洗发水 500ml\",\"item_url\":\"https://x/unknown\","
        + "\"item_price\":59.9,\"discount_info\":\"\",\"item_size\":\"500ml\"}";
    JsonNode posted = http.post("/api/listings", ADMIN, unknown).json();
    assertEquals(1, posted.at("/verdicts/UNMATCHED").asInt(), posted.toString());
    Eventually.await(PROJECTION, () -> {
      JsonNode review = http.get("/api/unmatched", ADMIN).json();
      List<String> urls = new ArrayList<>();
      review.forEach(r -> urls.add(r.get("listing_url").asText()));
      assertTrue(urls.contains("https://x/unknown"), review.toString());
    });
    assertEquals(0, violations("?status=all&shop=" + path("经销商9")).size());
  }

  @Test
  @Order(10)
  void badListingLinesAreRejectedByLineWhileTheRestIsTaken() {
    String body = "{\"shop_name\":\"经销商4\",\"item_name\":\"洁面凝胶\",\"item_url\":\"https://x/g1\",\"item_price\":100,"
        + "\"item_size\":\"200ml\"}\n"
        + "{not json\n"
        + "\n"
        + "{\"shop_name\":\"经销商4\",\"item_name\":\"洁面凝胶\",\"item_url\":\"https://x/g2\",\"item_price\":\"abc\"}\n";
    JsonNode posted = http.post("/api/listings", ADMIN, body).json();
    assertEquals(1, posted.get("accepted").asInt(), posted.toString());
    assertEquals(2, posted.at("/rejected/0/line").asInt(), posted.toString());
    assertEquals(4, posted.at("/rejected/1/line").asInt(), posted.toString());
    assertTrue(posted.at("/rejected/1/reason").asText().contains("item_price"), posted.toString());
  }

  @Test
  @Order(11)
  void viewersMayReadButNotImport() {
    String viewer = http.post("/api/tokens", ADMIN, "{\"role\":\"viewer\",\"subject\":\"wall\"}").json().get("token").asText();
    assertEquals(403, http.post("/api/reference-prices", viewer, "a,1ml,1,1").status());
    assertEquals(403, http.post("/api/listings", viewer, "{}").status());
    assertEquals(200, http.get("/api/violations", viewer).status());
    assertEquals(401, http.get("/api/violations", null).status());
  }

  @Test
  @Order(12)
  void tableSavedAsGbkImportsItsChineseNamesAndItsBadRowsComeBackByLine() {
    String csv = "商品名称,容量,主图显示价格,单瓶最低到手价\n新品甲,50ml,120,99\n新品乙,50ml,120,130\n新品甲,50ml,125,99\n新品丙,大瓶,90,80\n";

    JsonNode reply = http.postBytes("/api/reference-prices", ADMIN, csv.getBytes(Charset.forName("GBK"))).json();

    assertEquals(0, reply.get("imported").asInt(), reply.toString());
    assertEquals("GB18030", reply.get("encoding").asText(), reply.toString());
    List<Integer> lines = new ArrayList<>();
    reply.get("rejected").forEach(r -> lines.add(r.get("line").asInt()));
    assertEquals(List.of(2, 3, 4, 5), lines, reply.toString());
    assertTrue(reply.at("/rejected/1/reason").asText().contains("above"), reply.toString());

    String good = "商品名称,容量,主图显示价格,单瓶最低到手价\n新品甲,50ml,120,99\n";
    JsonNode imported = http.postBytes("/api/reference-prices", ADMIN, good.getBytes(Charset.forName("GBK"))).json();
    assertEquals(1, imported.get("imported").asInt(), imported.toString());
    JsonNode product = http.get("/api/products/" + path("新品甲:50ml"), ADMIN).json();
    assertEquals(new BigDecimal("99.00"), product.at("/reference/floor").decimalValue(), product.toString());
  }

  @Test
  @Order(13)
  void tableInNoEncodingItReadsIsRefusedWithTheLineAndImportsNothing() {
    byte[] csv = {'a', ',', '1', 'm', 'l', ',', '2', ',', '1', '\n', 'b', (byte) 0x80, ',', '1', 'm', 'l', ',', '2', ',', '1', '\n'};

    JsonNode reply = http.postBytes("/api/reference-prices", ADMIN, csv).json();

    assertEquals(0, reply.get("imported").asInt(), reply.toString());
    assertEquals(2, reply.at("/rejected/0/line").asInt(), reply.toString());
    assertTrue(reply.at("/rejected/0/reason").asText().contains("neither UTF-8"), reply.toString());
  }

  @Test
  @Order(14)
  void aListingThatMovesToAnotherProductResolvesItsViolationAsMovedAtOnce() {
    String url = "https://x/mover";
    // 精华油2 30ml at 150 against a floor of 180: certain and under it.
    String cheap = "{\"shop_name\":\"经销商7\",\"item_name\":\"精华油2\",\"item_url\":\"" + url + "\","
        + "\"item_price\":150,\"discount_info\":\"\",\"item_size\":\"30ml\"}";
    assertEquals(1, http.post("/api/listings", ADMIN, cheap).json().at("/verdicts/VIOLATION").asInt());
    Eventually.await(PROJECTION, () -> assertEquals(1, violations("?status=open&sku=" + path("精华油2:30ml")).size()));
    // The same listing retitled to 按摩油2 125ml at 300 (floor 280): it sells another product now.
    String retitled = "{\"shop_name\":\"经销商7\",\"item_name\":\"按摩油2\",\"item_url\":\"" + url + "\","
        + "\"item_price\":300,\"discount_info\":\"\",\"item_size\":\"125ml\"}";
    assertEquals(1, http.post("/api/listings", ADMIN, retitled).json().at("/verdicts/OK").asInt());
    Eventually.await(PROJECTION, () -> {
      JsonNode old = violations("?status=all&sku=" + path("精华油2:30ml"));
      assertEquals(1, old.size(), old.toString());
      assertEquals("resolved", old.get(0).get("status").asText(), old.toString());
      assertEquals("moved", old.get(0).get("resolution").asText(), old.toString());
    });
    JsonNode product = http.get("/api/products/" + path("精华油2:30ml"), ADMIN).json();
    assertFalse(product.get("offers").has(url), product.toString());
  }
}
