package actorcrm.api;

import actorcrm.Eventually;
import actorcrm.TestClock;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.pricing.SeedFiles;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clerk's enforcement workflow end to end on one node with a clock the test moves: a violation
 * is noticed, the fix window passes, it escalates exactly once, the shop restores the price, and the
 * resolved violation shows its whole history; distributor shops are ranked by their record.
 */
@ExtendWith(LogCapturingExtension.class)
abstract class EnforcementScenario {
  private static final String ADMIN = TestNodes.ADMIN_TOKEN;
  private static final Duration PROJECTION = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2027-03-01T08:00:00Z");
  private static final String SHOP = "经销商8";
  private static final String URL = "https://x/enforced";
  private static final String ID = "精华油2:30ml#1";

  private static TestClock clock;
  private static Main.Node node;
  private static TestHttp http;

  static void start(String dbUrl, Path dataDir, Map<String, Object> extra) {
    clock = TestClock.at(T0);
    Map<String, Object> settings = new HashMap<>(extra);
    // The sweeper looks every 200 ms, so a window the clock has moved past is found at once.
    settings.put("actorcrm.pricing.sweep-interval", "200ms");
    node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), dbUrl, dataDir, settings), clock);
    http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
    assertEquals(200, http.post("/api/reference-prices", ADMIN, SeedFiles.text("reference-prices.seed.csv")).status());
  }

  static void stop() {
    TestNodes.stop(node);
  }

  private static String listing(String url, String price) {
    return "{\"shop_name\":\"" + SHOP + "\",\"item_name\":\"精华油2\",\"item_url\":\"" + url + "\",\"item_img\":"
        + "\"https://img/enforced.jpg\",\"item_price\":" + price + ",\"discount_info\":\"\",\"item_size\":\"30ml\"}";
  }

  private static String path(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static JsonNode violation() {
    TestHttp.Reply reply = http.get("/api/violations/" + path(ID), ADMIN);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static List<String> kinds(JsonNode violation) {
    List<String> kinds = new ArrayList<>();
    violation.get("history").forEach(h -> kinds.add(h.get("kind").asText()));
    return kinds;
  }

  @Test
  void noticeThenTheWindowPassesThenOneEscalationThenThePriceIsRestoredWithHistory() {
    Instant start = clock.instant();
    // 精华油2 30ml at 150 against a floor of 180: a certain violation.
    assertEquals(1, http.post("/api/listings", ADMIN, listing(URL, "150")).json().at("/verdicts/VIOLATION").asInt());
    Eventually.await(PROJECTION, () -> assertEquals("open", violation().get("status").asText()));

    clock.advance(Duration.ofHours(1));
    String notice = "{\"channel\":\"wangwang\",\"by\":\"小李\",\"text\":\"请于48小时内恢复到180元以上\"}";
    TestHttp.Reply noticed = http.post("/api/violations/" + path(ID) + "/notice", ADMIN, notice);
    assertEquals(200, noticed.status(), noticed.body());
    // Noticed 1 h after opening with a 48 h window: due 49 h after opening.
    Instant due = start.plus(Duration.ofHours(49));
    assertEquals(due.toString(), noticed.json().at("/enforcement/fix_due_at").asText(), noticed.body());
    Eventually.await(PROJECTION, () -> assertEquals("noticed", violation().get("stage").asText()));

    clock.advance(Duration.ofHours(49));
    Eventually.await(PROJECTION, () -> assertEquals("escalated", violation().get("stage").asText()));
    JsonNode escalatedList = http.get("/api/violations?status=open&stage=escalated&shop=" + path(SHOP), ADMIN).json();
    assertEquals(1, escalatedList.size(), escalatedList.toString());
    assertEquals(ID, escalatedList.get(0).get("id").asText());
    assertEquals(400, http.get("/api/violations?stage=angry", ADMIN).status());

    clock.advance(Duration.ofHours(1));
    JsonNode restored = http.post("/api/listings", ADMIN, listing(URL, "200")).json();
    assertEquals(1, restored.at("/changes/resolved").asInt(), restored.toString());
    Eventually.await(PROJECTION, () -> assertEquals("resolved", violation().get("status").asText()));

    JsonNode v = violation();
    assertEquals(List.of("opened", "noticed", "escalated", "resolved"), kinds(v), v.toString());
    assertEquals("price_restored", v.get("resolution").asText());
    assertEquals("escalated", v.get("stage").asText(), "a resolved violation keeps its enforcement");
    assertEquals(1, v.get("notices").asInt());
    JsonNode noticeEntry = v.at("/history/1/detail");
    assertEquals("wangwang", noticeEntry.get("channel").asText());
    assertEquals("小李", noticeEntry.get("by").asText());
    assertEquals("admin:admin", noticeEntry.get("recorded_by").asText());
    JsonNode escalation = v.at("/history/2");
    assertEquals(due.toString(), escalation.at("/detail/fix_due_at").asText());
    assertTrue(Instant.parse(escalation.get("at").asText()).isAfter(due));
    JsonNode evidence = v.get("evidence");
    assertEquals(URL, evidence.get("listing_url").asText(), evidence.toString());
    assertEquals("https://img/enforced.jpg", evidence.get("image_url").asText());
    assertEquals(new BigDecimal("150"), evidence.get("page_price").decimalValue());
    assertEquals(new BigDecimal("150.00"), evidence.get("landed_price").decimalValue());
    assertEquals(1, evidence.get("quantity").asInt());
    assertEquals(start.toString(), evidence.get("observed_at").asText());
    assertEquals(1, evidence.get("price_history").size(), "the one sighting before it opened");
    JsonNode resolution = v.at("/history/3/detail");
    assertEquals(new BigDecimal("200.00"), resolution.get("landed_price").decimalValue());
    assertEquals(new BigDecimal("180.00"), resolution.get("floor").decimalValue());

    JsonNode shop = http.get("/api/shops/" + path(SHOP) + "/enforcement", ADMIN).json();
    assertEquals(1, shop.at("/record/violations_total").asInt(), shop.toString());
    assertEquals(0, shop.at("/record/open_violations").asInt(), shop.toString());
    assertEquals(1, shop.at("/record/notices").asInt(), shop.toString());
    assertEquals(1, shop.at("/record/escalations").asInt(), shop.toString());
    assertEquals(1, shop.at("/record/fixed").asInt(), shop.toString());
    // Opened at start, noticed at +1 h, restored at +51 h: 51 h to fix, 50 h after the notice.
    assertEquals(new BigDecimal("51.0"), shop.at("/record/avg_hours_to_fix").decimalValue(), shop.toString());
    assertEquals(new BigDecimal("50.0"), shop.at("/record/avg_hours_to_fix_after_notice").decimalValue());
  }

  @Test
  void distributorShopsAreRankedByTheirOffences() {
    // 经销商R: 洁面凝胶 at 70 (floor 80), restored at 90 two hours later, cut to 60 again (a repeat
    // offence); 沐浴露 at 70 (floor 80). 经销商S: 沐浴露 at 75. R has 3 violations, S has 1.
    String r1 = "https://x/r1";
    post("经销商R", "洁面凝胶", "200ml", r1, "70");
    post("经销商R", "沐浴露", "500ml", "https://x/r2", "70");
    post("经销商S", "沐浴露", "500ml", "https://x/s1", "75");
    clock.advance(Duration.ofHours(2));
    post("经销商R", "洁面凝胶", "200ml", r1, "90");
    clock.advance(Duration.ofMinutes(5));
    post("经销商R", "洁面凝胶", "200ml", r1, "60");
    String month = clock.instant().toString().substring(0, 7);

    Eventually.await(PROJECTION, () -> {
      JsonNode r = http.get("/api/shops/" + path("经销商R") + "/enforcement", ADMIN).json();
      assertEquals(3, r.at("/record/violations_total").asInt(), r.toString());
      assertEquals(2, r.at("/record/open_violations").asInt(), r.toString());
      assertEquals(1, r.at("/record/repeat_offences").asInt(), r.toString());
      assertEquals(1, r.at("/record/fixed").asInt(), r.toString());
      assertEquals(new BigDecimal("2.0"), r.at("/record/avg_hours_to_fix").decimalValue(), r.toString());
      assertEquals(3, r.at("/violations_by_month/" + month).asInt(), r.toString());
      assertEquals(1, http.get("/api/shops/" + path("经销商S") + "/enforcement", ADMIN).json()
          .at("/record/violations_total").asInt());
    });
    TestHttp.Reply ranked = http.get("/api/shops?role=distributor&sort=offences", ADMIN);
    assertEquals(200, ranked.status(), ranked.body());
    List<String> order = new ArrayList<>();
    ranked.json().forEach(s -> order.add(s.get("shop").asText()));
    assertTrue(order.indexOf("经销商R") < order.indexOf("经销商S"), order.toString());
    assertEquals(400, http.get("/api/shops?role=distributor&sort=loudest", ADMIN).status());
    assertEquals(404, http.get("/api/shops/" + path("经销商无") + "/enforcement", ADMIN).status());
  }

  private static void post(String shop, String title, String size, String url, String price) {
    String listing = "{\"shop_name\":\"" + shop + "\",\"item_name\":\"" + title + "\",\"item_url\":\"" + url
        + "\",\"item_price\":" + price + ",\"discount_info\":\"\",\"item_size\":\"" + size + "\"}";
    TestHttp.Reply reply = http.post("/api/listings", ADMIN, listing);
    assertEquals(1, reply.json().get("accepted").asInt(), reply.body());
  }

  @Test
  void aNoticeIsRefusedWithTheReasonWhenItCannotBeRecorded() {
    String good = "{\"channel\":\"email\",\"by\":\"小李\",\"text\":\"x\"}";
    TestHttp.Reply badChannel = http.post("/api/violations/" + path(ID) + "/notice", ADMIN,
        "{\"channel\":\"fax\",\"by\":\"小李\"}");
    assertEquals(400, badChannel.status());
    assertTrue(badChannel.body().contains("channel must be email, wangwang or phone; got \\\"fax\\\""), badChannel.body());
    TestHttp.Reply noBy = http.post("/api/violations/" + path(ID) + "/notice", ADMIN, "{\"channel\":\"phone\"}");
    assertEquals(400, noBy.status());
    assertTrue(noBy.body().contains("by is required"), noBy.body());
    assertEquals(400, http.post("/api/violations/" + path("精华油2:30ml") + "/notice", ADMIN, good).status());
    assertEquals(422, http.post("/api/violations/" + path("精华油2:30ml#77") + "/notice", ADMIN, good).status());
    assertEquals(404, http.get("/api/violations/" + path("精华油2:30ml#77"), ADMIN).status());
    String viewer = http.post("/api/tokens", ADMIN, "{\"role\":\"viewer\",\"subject\":\"wall\"}").json().get("token").asText();
    assertEquals(403, http.post("/api/violations/" + path(ID) + "/notice", viewer, good).status());
  }
}
