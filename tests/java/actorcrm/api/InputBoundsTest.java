package actorcrm.api;

import actorcrm.dispatch.DispatcherEntity;
import actorcrm.dispatch.RepEntity;
import actorcrm.Eventually;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.service.TicketEntity;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.cluster.sharding.internal.EventSourcedRememberEntitiesShardStore;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the API takes and refuses at its edge, on one node: ids that no entity could have, text
 * over the one length limit, prices out of range, and the error shape of every refusal, timeouts
 * and unparseable requests included.
 */
@ExtendWith(LogCapturingExtension.class)
class InputBoundsTest {
  private static final String ADMIN = TestNodes.ADMIN_TOKEN;
  private static final String LONG = "x".repeat(10_000);

  @TempDir
  static Path dataDir;
  static String db;
  static Main.Node node;
  static TestHttp http;
  static String viewer;

  @BeforeAll
  static void start() {
    db = TestNodes.memoryDb();
    node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir,
        Map.of("pekko.http.server.request-timeout", "3s")));
    http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
    TestHttp.Reply issued = http.post("/api/tokens", ADMIN, "{\"role\":\"viewer\",\"subject\":\"dashboard\"}");
    assertEquals(200, issued.status(), issued.body());
    viewer = issued.json().get("token").asText();
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  private static String enc(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void assertError(TestHttp.Reply reply, int status, String code, String... inMessage) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(code, reply.json().get("error").asText(), reply.body());
    for (String part : inMessage) {
      assertTrue(reply.json().get("message").asText().contains(part), reply.body());
    }
  }

  private static List<String> entityIds(String type) {
    TestHttp.Reply reply = http.get("/api/shards/" + type, ADMIN);
    assertEquals(200, reply.status(), reply.body());
    List<String> ids = new ArrayList<>();
    for (JsonNode n : reply.json().get("nodes")) {
      n.get("shards").forEach(shard -> shard.get("entities").forEach(id -> ids.add(id.asText())));
    }
    return ids;
  }

  @Test
  void malformedIdsOfEveryEntityTypeAnswer400AndStartNoEntity() {
    Map<String, String> badIds = Map.ofEntries(
        Map.entry("/api/entities/dispatcher/" + enc("../../etc/passwd"),
            "dispatcher id '../../etc/passwd' is invalid: a dispatcher id is team:lead or team:ticket"),
        Map.entry("/api/entities/dispatcher/" + enc("east:sales"), "team:lead or team:ticket"),
        Map.entry("/api/entities/dispatcher/" + enc("a|b:lead"), "contains '|'"),
        Map.entry("/api/entities/rep/" + enc("a|b"), "rep id 'a|b' is invalid: it contains '|'"),
        Map.entry("/api/entities/rep/" + enc(" ann"), "white space"),
        Map.entry("/api/entities/shop/" + enc("../shop"), "contains '/'"),
        Map.entry("/api/entities/shop/" + enc("x\u0001y"), "control character U+0001"),
        Map.entry("/api/entities/product/" + enc("精华油1"), "has no ':'"),
        Map.entry("/api/entities/product/" + enc("精华油1:125ML"), "the same SKU is '精华油1:125ml'"),
        Map.entry("/api/entities/lead/L-123", "L- followed by 20 lower-case hex digits"),
        Map.entry("/api/entities/ticket/T-" + "A".repeat(20), "T- followed by 20 lower-case hex digits"),
        Map.entry("/api/entities/rep/" + "r".repeat(201), "201 characters long; at most 200"),
        Map.entry("/api/leads/" + enc("../../etc/passwd"), "lead id"),
        Map.entry("/api/tickets/nope/explain", "ticket id 'nope'"),
        Map.entry("/api/products/" + enc("../../etc/passwd"), "product id"),
        Map.entry("/api/reps/" + enc("../x") + "/presence", "rep id '../x'"));
    for (Map.Entry<String, String> bad : badIds.entrySet()) {
      boolean post = bad.getKey().endsWith("/presence");
      for (String token : List.of(ADMIN, viewer)) {
        TestHttp.Reply reply = post ? http.post(bad.getKey(), token, "{\"status\":\"online\"}") : http.get(bad.getKey(), token);
        assertEquals(400, reply.status(), bad.getKey() + " " + reply.body());
        assertError(reply, 400, "invalid_id", bad.getValue());
      }
    }
    // Unencoded, the dots never reach a route: Pekko removes dot segments from the path (RFC 3986).
    assertError(http.get("/api/entities/dispatcher/../../etc/passwd", viewer), 404, "not_found");
    for (String type : List.of("dispatcher", "lead", "ticket", "rep")) {
      assertEquals(List.of(), entityIds(type), type);
    }
    assertFalse(entityIds("shop").contains("../shop"));
    assertFalse(entityIds("product").contains("精华油1"));
  }

  /** The remembered ids of one entity type as its shards' remember-entities stores journal them, in order. */
  private static List<String> rememberHistory(String type, String id) {
    var journal = PersistenceQuery.get(node.system().classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    List<String> history = new ArrayList<>();
    List<String> stores = journal.currentPersistenceIds().filter(pid -> pid.startsWith("/sharding/" + type + "Shard/"))
        .runWith(Sink.seq(), node.system()).toCompletableFuture().join();
    for (String store : stores) {
      journal.currentEventsByPersistenceId(store, 0, Long.MAX_VALUE).runWith(Sink.seq(), node.system())
          .toCompletableFuture().join().forEach(envelope -> {
            // Pekko's own events: which entities its shard starts again after a restart.
            if (envelope.event() instanceof EventSourcedRememberEntitiesShardStore.EntitiesStarted started
                && started.entities().contains(id)) {
              history.add("started");
            } else if (envelope.event() instanceof EventSourcedRememberEntitiesShardStore.EntitiesStopped stopped
                && stopped.entities().contains(id)) {
              history.add("stopped");
            }
          });
    }
    return history;
  }

  @Test
  void aRememberedEntityWhoseIdItCannotRunUnderIsForgottenInsteadOfRestarted() {
    // What the API did before it checked ids: it addressed these entities as they came.
    ClusterSharding sharding = ClusterSharding.get(node.system());
    LoggingTestKit.error("dispatcher entity '../../etc/passwd' has an id it cannot run under (a dispatcher id is team:lead")
        .expect(node.system(), () -> {
          sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, "../../etc/passwd").tell(new DispatcherEntity.Withdraw("x"));
          return null;
        });
    sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, "a|b").tell(new RepEntity.Get(node.system().ignoreRef()));
    sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, "a|b").tell(new TicketEntity.Get(node.system().ignoreRef()));
    Eventually.await(Duration.ofSeconds(30), () -> {
      assertEquals(List.of("started", "stopped"), rememberHistory("dispatcher", "../../etc/passwd"));
      assertEquals(List.of("started", "stopped"), rememberHistory("rep", "a|b"));
      assertEquals(List.of("started", "stopped"), rememberHistory("ticket", "a|b"));
    });
  }

  @Test
  void textOverTheLimitAndBadTeamsAreRefusedNamingFieldAndValue() {
    assertError(http.post("/api/leads", ADMIN, "{\"name\":\"" + LONG + "\",\"team\":\"east\"}"), 400, "invalid_field",
        "name is 10000 characters long, over the limit of 1000: 'xxx");
    assertError(http.post("/api/leads", ADMIN, "{\"name\":\"Ann\",\"team\":\"a|b\",\"phone\":\"" + LONG + "\"}"), 400,
        "invalid_field", "phone is 10000 characters long", "team 'a|b' cannot be a name: it contains '|'");
    assertError(http.post("/api/tickets", ADMIN, "{\"customer_tier\":\"vip\",\"complexity\":2,\"team\":\"east\",\"subject\":\""
        + LONG + "\"}"), 400, "invalid_field", "subject is 10000 characters long");
    assertError(http.post("/api/tickets", ADMIN, "{\"customer_tier\":\"vip\",\"complexity\":2,\"team\":\"east\","
        + "\"required_skills\":[\"" + "s".repeat(1001) + "\"]}"), 400, "invalid_field", "required_skills entry is 1001");
    assertError(http.put("/api/reps/ann", ADMIN, "{\"name\":\"" + LONG + "\",\"team\":\"../east\",\"skills\":[],"
        + "\"lead_capacity\":1,\"ticket_capacity\":1}"), 400, "invalid_field", "name is 10000", "team '../east'");
    assertError(http.post("/api/tokens", ADMIN, "{\"role\":\"rep\",\"subject\":\"" + LONG + "\"}"), 400, "invalid_field",
        "subject is 10000");
    for (String type : List.of("lead", "ticket", "rep")) {
      assertEquals(List.of(), entityIds(type), type);
    }
  }

  @Test
  void aBatchStoresItsGoodLinesAndNamesTheFieldAndValueOfEachBadOne() {
    TestHttp.Reply imported = http.post("/api/reference-prices", ADMIN, "product,size,list_price,floor\n"
        + "界限精华,30ml,200,180\n界限精华,50ml,200,1000000000000\n" + "y".repeat(1001) + ",30ml,200,180\n界限精华,100ml,0,0\n");
    assertEquals(200, imported.status(), imported.body());
    assertEquals(1, imported.json().get("imported").asInt(), imported.body());
    JsonNode rows = imported.json().get("rejected");
    assertEquals(3, rows.size(), imported.body());
    assertEquals(3, rows.at("/0/line").asInt());
    assertEquals("floor must be more than 0 and at most 10000000.00, got 1000000000000", rows.at("/0/reason").asText());
    assertTrue(rows.at("/1/reason").asText().startsWith("product is 1001 characters long"), imported.body());
    assertEquals(5, rows.at("/2/line").asInt(), imported.body());

    String listing = "{\"shop_name\":\"经销商9\",\"item_name\":\"界限精华 30ml\",\"item_size\":\"30ml\",\"item_url\":\"https://x/%s\","
        + "\"item_price\":%s%s}";
    String ndjson = String.join("\n",
        String.format(listing, 1, "190", ""),
        String.format(listing, 2, "190", ",\"item_img\":\"" + "i".repeat(1001) + "\""),
        String.format(listing, 3, "1e12", ""),
        String.format(listing, 4, "0", ""),
        String.format(listing, 5, "170", ""));
    TestHttp.Reply posted = http.post("/api/listings", ADMIN, ndjson);
    assertEquals(200, posted.status(), posted.body());
    assertEquals(2, posted.json().get("accepted").asInt(), posted.body());
    JsonNode rejected = posted.json().get("rejected");
    assertEquals(Set.of(2, 3, 4), Set.of(rejected.at("/0/line").asInt(), rejected.at("/1/line").asInt(),
        rejected.at("/2/line").asInt()), posted.body());
    assertTrue(posted.body().contains("item_img is 1001 characters long, over the limit of 1000"), posted.body());
    assertTrue(posted.body().contains("item_price must be more than 0 and at most 10000000.00, got 1E+12"), posted.body());
    assertTrue(posted.body().contains("item_price must be more than 0 and at most 10000000.00, got 0"), posted.body());
    JsonNode product = http.get("/api/products/" + enc("界限精华:30ml"), ADMIN).json();
    assertEquals(Set.of("https://x/1", "https://x/5"), Set.copyOf(iterable(product.get("offers").fieldNames())));
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  void aRequestThatOutlivesTheRequestTimeoutIsAnsweredInTheErrorShape() throws Exception {
    // Exclusive mode pauses every other connection to the node's database, so the read cannot finish
    // before the node's request timeout (3 s here).
    try (Connection exclusive = DriverManager.getConnection(db, "sa", ""); Statement s = exclusive.createStatement()) {
      s.execute("SET EXCLUSIVE 1");
      try {
        assertError(http.get("/api/violations", viewer), 503, "timeout",
            "GET /api/violations did not finish within the request timeout");
      } finally {
        s.execute("SET EXCLUSIVE 0");
      }
    }
    assertEquals(200, http.get("/api/violations", viewer).status());
  }

  @Test
  void aRequestTooMalformedToReachTheRoutesIsAnsweredInTheErrorShape() {
    TestHttp.Reply reply = http.get("/api/entities/rep/" + "r".repeat(3000), ADMIN);
    assertError(reply, 414, "uri_too_long", "URI length exceeds the configured limit");
  }
}
