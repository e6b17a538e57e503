package actorcrm.api;

import actorcrm.Eventually;
import actorcrm.TestClock;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.pricing.SeedFiles;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clerk's enforcement workflow end to end on one node with the embedded H2 and a clock the test
 * moves: a violation is noticed, the fix window passes, it escalates exactly once, the shop restores
 * the price, and the resolved violation shows its whole history.
 */
@ExtendWith(LogCapturingExtension.class)
class EnforcementOnH2Test {
  private static final String ADMIN = TestNodes.ADMIN_TOKEN;
  private static final Duration PROJECTION = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2027-03-01T08:00:00Z");
  private static final String SHOP = "经销商8";
  private static final String URL = "https://x/enforced";
  private static final String ID = "精华油2:30ml#1";

  @TempDir
  static Path dataDir;

  private static final TestClock clock = TestClock.at(T0);
  private static Main.Node node;
  private static TestHttp http;

  @BeforeAll
  static void startNode() {
    // The sweeper looks every 200 ms, so a window the clock has moved past is found at once.
    node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), TestNodes.memoryDb(), dataDir,
        Map.of("actorcrm.pricing.sweep-interval", "200ms")), clock);
    http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
    assertEquals(200, http.post("/api/reference-prices", ADMIN, SeedFiles.text("reference-prices.seed.csv")).status());
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static String listing(String price) {
    return "{\"shop_name\":\"" + SHOP + "\",\"item_name\":\"精华油2\",\"item_url\":\"" + URL + "\",\"item_img\":"
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
    // 精华油2 30ml at 150 against a floor of 180: a certain violation.
    assertEquals(1, http.post("/api/listings", ADMIN, listing("150")).json().at("/verdicts/VIOLATION").asInt());
    Eventually.await(PROJECTION, () -> assertEquals("open", violation().get("status").asText()));

    clock.advance(Duration.ofHours(1));
    String notice = "{\"channel\":\"wangwang\",\"by\":\"小李\",\"text\":\"请于48小时内恢复到180元以上\"}";
    TestHttp.Reply noticed = http.post("/api/violations/" + path(ID) + "/notice", ADMIN, notice);
    assertEquals(200, noticed.status(), noticed.body());
    // Noticed at T0 + 1 h with a 48 h window: due at T0 + 49 h.
    assertEquals("2027-03-03T09:00:00Z", noticed.json().at("/enforcement/fix_due_at").asText(), noticed.body());
    Eventually.await(PROJECTION, () -> assertEquals("noticed", violation().get("stage").asText()));

    clock.advance(Duration.ofHours(49));
    Eventually.await(PROJECTION, () -> assertEquals("escalated", violation().get("stage").asText()));

    clock.advance(Duration.ofHours(1));
    JsonNode restored = http.post("/api/listings", ADMIN, listing("200")).json();
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
    assertEquals("2027-03-03T09:00:00Z", escalation.at("/detail/fix_due_at").asText());
    assertTrue(Instant.parse(escalation.get("at").asText()).isAfter(Instant.parse("2027-03-03T09:00:00Z")));
    JsonNode resolution = v.at("/history/3/detail");
    assertEquals(new BigDecimal("200.00"), resolution.get("landed_price").decimalValue());
    assertEquals(new BigDecimal("180.00"), resolution.get("floor").decimalValue());
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
