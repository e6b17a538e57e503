package actorcrm.sales;

import actorcrm.Eventually;
import actorcrm.api.TestHttp;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lead routing as a sales manager and reps use it over HTTP, on one node with short grace and
 * circulation periods. Each test works in a team of its own.
 */
@ExtendWith(LogCapturingExtension.class)
class LeadRoutingTest {
  private static final String ADMIN = TestNodes.ADMIN_TOKEN;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path dataDir;
  static Main.Node node;
  static TestHttp http;

  @BeforeAll
  static void start() {
    node = TestNodes.startSingle(dataDir, Map.of(
        "actorcrm.sales.presence-grace.away", "1500ms",
        "actorcrm.sales.presence-grace.offline", "1500ms",
        "actorcrm.sales.circulation.idle-limit", "3s",
        "actorcrm.sales.circulation.max-recycles", 2));
    http = new TestHttp(node.httpPort());
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  private static String team() {
    return "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void rep(String id, String team, String skills, int leadCapacity, String presence) {
    SalesFloor.rep(http, id, team, skills, leadCapacity, 5, presence);
  }

  private static void presence(String id, String presence) {
    SalesFloor.presence(http, id, presence);
  }

  private static JsonNode lead(String team, String key, String extra) {
    TestHttp.Reply reply = http.post("/api/leads", ADMIN, "{\"idempotency_key\":\"" + key + "\",\"name\":\"客户" + key
        + "\",\"source\":\"web\",\"team\":\"" + team + "\"" + extra + "}");
    assertTrue(reply.status() == 201 || reply.status() == 202, reply.body());
    return reply.json();
  }

  private static JsonNode get(String leadId) {
    return http.get("/api/leads/" + leadId, ADMIN).json();
  }

  private static void stage(String leadId, String stage) {
    TestHttp.Reply reply = http.post("/api/leads/" + leadId + "/stage", ADMIN, "{\"stage\":\"" + stage + "\"}");
    assertEquals(200, reply.status(), reply.body());
  }

  @Test
  void theSameCreateSentThreeTimesWithOneKeyGivesOneLead() {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    List<CompletableFuture<JsonNode>> sends = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sends.add(CompletableFuture.supplyAsync(() -> lead(team, team + "-same", "")));
    }
    Set<String> ids = new HashSet<>();
    sends.forEach(f -> ids.add(f.join().get("lead_id").asText()));
    assertEquals(1, ids.size());
    JsonNode rep = http.get("/api/entities/rep/" + team + "-a", ADMIN).json();
    assertEquals(1, rep.get("items").size(), rep.toString());
    assertEquals(1, rep.get("leads_assigned").asInt());
  }

  @Test
  void whenEveryoneIsFullLeadsQueueAndDrainByPriorityThenAge() {
    String team = team();
    rep(team + "-solo", team, "[]", 1, "online");
    String first = lead(team, team + "-first", "").get("lead_id").asText();
    assertEquals(team + "-solo", get(first).get("owner").asText());
    String olderLow = lead(team, team + "-older-low", ",\"priority\":0").get("lead_id").asText();
    String high = lead(team, team + "-high", ",\"priority\":5").get("lead_id").asText();
    String newerLow = lead(team, team + "-newer-low", ",\"priority\":0").get("lead_id").asText();
    for (String waiting : List.of(olderLow, high, newerLow)) {
      assertEquals("queued", get(waiting).get("status").asText());
    }
    stage(first, "lost");
    Eventually.await(WAIT, () -> assertEquals("assigned", get(high).get("status").asText()));
    assertEquals("queued", get(olderLow).get("status").asText());
    stage(high, "lost");
    Eventually.await(WAIT, () -> assertEquals("assigned", get(olderLow).get("status").asText()));
    assertEquals("queued", get(newerLow).get("status").asText());
  }

  @Test
  void explainNamesEachExcludedRepWithItsReason() {
    String team = team();
    rep(team + "-offline", team, "[\"vip:5\"]", 10, "offline");
    rep(team + "-novice", team, "[\"vip:1\"]", 10, "online");
    rep(team + "-full", team, "[\"vip:5\"]", 0, "online");
    rep(team + "-gone", team, "[\"vip:5\"]", 10, "online");
    assertEquals(200, http.post("/api/reps/" + team + "-gone/departure", ADMIN, "").status());
    rep(team + "-ok", team, "[\"vip:4\"]", 10, "online");
    JsonNode created = lead(team, team + "-vip", ",\"required_skills\":[\"vip:3\"]");
    assertEquals(team + "-ok", created.get("owner").asText());
    JsonNode explain = http.get("/api/leads/" + created.get("lead_id").asText() + "/explain", ADMIN).json();
    JsonNode decision = explain.at("/decisions/0");
    assertEquals("routing-v1", decision.get("rule_version").asText());
    Map<String, String> reasons = new HashMap<>();
    decision.get("exclusions").forEach(e -> reasons.put(e.get("rep_id").asText(), e.get("reason").asText()));
    assertEquals("not_online", reasons.get(team + "-offline"), explain.toString());
    assertEquals("missing_skill", reasons.get(team + "-novice"), explain.toString());
    assertEquals("at_capacity", reasons.get(team + "-full"), explain.toString());
    assertEquals("departed", reasons.get(team + "-gone"), explain.toString());
    assertEquals(team + "-ok", decision.at("/candidates/0/rep_id").asText());
  }

  @Test
  void departureHandsEverythingBackAndLocksTheRepOut() {
    String team = team();
    rep(team + "-leaving", team, "[]", 10, "online");
    List<String> leads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      leads.add(lead(team, team + "-d" + i, "").get("lead_id").asText());
    }
    leads.forEach(id -> assertEquals(team + "-leaving", get(id).get("owner").asText()));
    String token = http.post("/api/tokens", ADMIN, "{\"role\":\"rep\",\"subject\":\"" + team + "-leaving\"}")
        .json().get("token").asText();
    assertEquals(200, http.get("/api/leads/" + leads.get(0), token).status());
    rep(team + "-staying", team, "[]", 10, "online");

    JsonNode departed = http.post("/api/reps/" + team + "-leaving/departure", ADMIN, "").json();
    assertEquals(3, departed.get("handed_back").size(), departed.toString());
    Eventually.await(WAIT, () -> leads.forEach(id -> assertEquals(team + "-staying", get(id).get("owner").asText())));
    assertEquals(401, http.get("/api/leads/" + leads.get(0), token).status());
    String staying = http.post("/api/tokens", ADMIN, "{\"role\":\"rep\",\"subject\":\"" + team + "-other\"}")
        .json().get("token").asText();
    TestHttp.Reply notTheirs = http.post("/api/leads/" + leads.get(0) + "/stage", staying, "{\"stage\":\"lost\"}");
    assertEquals(403, notTheirs.status(), "a rep may not close another rep's lead: " + notTheirs.body());
    assertEquals(401, http.post("/api/reps/" + team + "-leaving/presence", token, "{\"status\":\"online\"}").status());
  }

  @Test
  void anOfflineRepsLeadsMoveAfterTheGracePeriodButNotWhenTheyComeBackInTime() throws Exception {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    String lead = lead(team, team + "-g", "").get("lead_id").asText();
    rep(team + "-b", team, "[]", 10, "online");
    assertEquals(team + "-a", get(lead).get("owner").asText());
    // Calls keep forced circulation (3 s here) out of the way: this test is about presence only.
    call(lead, team + "-a");
    for (int i = 0; i < 10; i++) {
      presence(team + "-a", i % 2 == 0 ? "away" : "online");
      Thread.sleep(100);
    }
    call(lead, team + "-a");
    presence(team + "-a", "offline");
    Thread.sleep(500);
    presence(team + "-a", "online");
    call(lead, team + "-a");
    Thread.sleep(2000);
    assertEquals(team + "-a", get(lead).get("owner").asText(), "flapping and a short absence move nothing");

    call(lead, team + "-a");
    presence(team + "-a", "offline");
    Eventually.await(WAIT, () -> assertEquals(team + "-b", get(lead).get("owner").asText()));
    assertEquals(0, get(lead).get("recycle_count").asInt(), "moved by the grace period, not by circulation");
  }

  private static void call(String lead, String rep) {
    assertEquals(200, http.post("/api/leads/" + lead + "/activities", ADMIN,
        "{\"rep_id\":\"" + rep + "\",\"type\":\"call\"}").status());
  }

  @Test
  void anIdleLeadIsRecycledToAnotherRepAndThenToTheManager() {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    String lead = lead(team, team + "-idle", "").get("lead_id").asText();
    rep(team + "-b", team, "[]", 10, "online");
    assertEquals(team + "-a", get(lead).get("owner").asText());
    TestHttp.Reply viewed = http.post("/api/leads/" + lead + "/activities", ADMIN,
        "{\"rep_id\":\"" + team + "-a\",\"type\":\"view\"}");
    assertEquals(200, viewed.status(), viewed.body());

    Eventually.await(WAIT, () -> assertEquals(team + "-b", get(lead).get("owner").asText()));
    JsonNode recycled = get(lead);
    assertEquals(1, recycled.get("recycle_count").asInt());
    assertTrue(recycled.get("excluded").toString().contains(team + "-a"));

    Eventually.await(WAIT, () -> assertEquals("manager_queue", get(lead).get("status").asText()));
    assertNull(get(lead).get("owner").textValue());
    Eventually.await(WAIT, () -> assertEquals(lead,
        http.get("/api/teams/" + team + "/manager-queue", ADMIN).json().at("/leads/0/lead_id").asText()));
    JsonNode repB = http.get("/api/entities/rep/" + team + "-b", ADMIN).json();
    assertEquals(0, repB.get("items").size(), "the reclaimed lead no longer counts against the rep");
  }

  @Test
  void aLeadEveryRepHasHadGoesToTheManagerQueueWhichTheManagerCanList() {
    String team = team();
    rep(team + "-solo", team, "[]", 10, "online");
    String lead = lead(team, team + "-orphan", "").get("lead_id").asText();
    assertEquals(team + "-solo", get(lead).get("owner").asText());

    // Reclaimed once from the only rep, who is then excluded: nobody is left to take it (max-recycles is 2).
    Eventually.await(WAIT, () -> assertEquals("manager_queue", get(lead).get("status").asText()));
    assertEquals(1, get(lead).get("recycle_count").asInt());
    Eventually.await(WAIT, () -> {
      JsonNode queue = http.get("/api/teams/" + team + "/manager-queue", ADMIN).json();
      assertEquals(1, queue.get("leads").size(), queue.toString());
      assertEquals(lead, queue.at("/leads/0/lead_id").asText());
      assertTrue(queue.at("/leads/0/reason").asText().contains(team + "-solo"), queue.toString());
    });
    JsonNode dispatcher = http.get("/api/entities/dispatcher/" + team + ":lead", ADMIN).json();
    assertEquals(0, dispatcher.get("queue").size(), "it does not also wait in the dispatcher's queue: " + dispatcher);

    stage(lead, "lost");
    Eventually.await(WAIT, () -> assertEquals(0,
        http.get("/api/teams/" + team + "/manager-queue", ADMIN).json().get("leads").size()));
  }

  @Test
  void qualifyingActivityKeepsTheLeadWithItsOwner() throws Exception {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    String lead = lead(team, team + "-busy", "").get("lead_id").asText();
    rep(team + "-b", team, "[]", 10, "online");
    for (int i = 0; i < 4; i++) {
      Thread.sleep(1200);
      assertEquals(200, http.post("/api/leads/" + lead + "/activities", ADMIN,
          "{\"rep_id\":\"" + team + "-a\",\"type\":\"call\"}").status());
    }
    assertEquals(team + "-a", get(lead).get("owner").asText());
  }

  @Test
  void stagesMoveInOrderAndEnteringQuotedCreatesAQuotation() {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    String lead = lead(team, team + "-s", "").get("lead_id").asText();
    TestHttp.Reply skip = http.post("/api/leads/" + lead + "/stage", ADMIN, "{\"stage\":\"quoted\"}");
    assertEquals(422, skip.status());
    assertTrue(skip.json().get("message").asText().contains("new"), skip.body());
    stage(lead, "contacted");
    stage(lead, "qualified");
    stage(lead, "quoted");
    JsonNode quoted = get(lead);
    assertEquals("quoted", quoted.get("stage").asText());
    assertEquals(1, quoted.get("quotations").size());
    stage(lead, "won");
    JsonNode won = get(lead);
    assertEquals("closed", won.get("status").asText());
    Eventually.await(WAIT, () -> assertEquals(0,
        http.get("/api/entities/rep/" + team + "-a", ADMIN).json().get("items").size()));
  }

  @Test
  void theLeaderboardCountsAssignedContactedWonAndConversionPerRep() {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    String first = lead(team, team + "-lb1", "").get("lead_id").asText();
    rep(team + "-b", team, "[]", 10, "online");
    String second = lead(team, team + "-lb2", "").get("lead_id").asText();
    String third = lead(team, team + "-lb3", "").get("lead_id").asText();
    Map<String, String> owners = new HashMap<>();
    for (String id : List.of(first, second, third)) {
      owners.put(id, get(id).get("owner").asText());
    }
    String aLead = owners.entrySet().stream().filter(e -> e.getValue().equals(team + "-a")).findFirst().orElseThrow().getKey();
    String bLead = owners.entrySet().stream().filter(e -> e.getValue().equals(team + "-b")).findFirst().orElseThrow().getKey();
    call(aLead, team + "-a");
    for (String next : List.of("contacted", "qualified", "quoted", "won")) {
      stage(aLead, next);
    }
    stage(bLead, "lost");
    long aAssigned = owners.values().stream().filter(o -> o.equals(team + "-a")).count();
    Eventually.await(WAIT, () -> {
      JsonNode board = http.get("/api/teams/" + team + "/leaderboard", ADMIN).json();
      JsonNode top = board.at("/reps/0");
      assertEquals(team + "-a", top.get("rep_id").asText(), board.toString());
      assertEquals(aAssigned, top.get("assigned").asLong());
      assertEquals(1, top.get("contacted_within_sla").asInt());
      assertEquals(1, top.get("won").asInt());
      assertEquals(new java.math.BigDecimal(100).divide(java.math.BigDecimal.valueOf(aAssigned), 2,
          java.math.RoundingMode.HALF_UP), top.get("conversion_pct").decimalValue());
      assertEquals(1, board.at("/reps/1/lost").asInt(), board.toString());
    });
  }

  @Test
  void aLeadWithTheSamePhoneAsAnOpenLeadIsLinkedNotRoutedAgain() {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    rep(team + "-b", team, "[]", 10, "online");
    JsonNode first = lead(team, team + "-p1", ",\"phone\":\"+86 138-0013-8000\"");
    JsonNode second = lead(team, team + "-p2", ",\"phone\":\"13800138000\"");
    assertEquals("linked", second.get("status").asText(), second.toString());
    assertEquals(first.get("lead_id").asText(), second.get("linked_to").asText());
    assertEquals(first.get("owner").asText(), second.get("owner").asText());
    assertNotEquals(first.get("lead_id").asText(), second.get("lead_id").asText());
  }

  @Test
  void aPhoneStillHeldByALeadThatNeverReachedTheJournalDoesNotStopDedupe() {
    String team = team();
    rep(team + "-a", team, "[]", 10, "online");
    String phone = "139" + String.format("%08d", Math.abs(team.hashCode()) % 100_000_000);
    String key = LeadDedupe.keys(phone, null).get(0);
    String holder = ClusterSharding.get(node.system()).entityRefFor(DedupeIndexEntity.ENTITY_TYPE_KEY, key)
        .<String>askWithStatus(r -> new DedupeIndexEntity.Claim("L-never-journaled", null, r), WAIT)
        .toCompletableFuture().join();
    assertEquals("L-never-journaled", holder);

    JsonNode first = lead(team, team + "-g1", ",\"phone\":\"" + phone + "\"");
    assertEquals("assigned", first.get("status").asText(), first.toString());
    JsonNode second = lead(team, team + "-g2", ",\"phone\":\"" + phone + "\"");
    assertEquals("linked", second.get("status").asText(), second.toString());
    assertEquals(first.get("lead_id").asText(), second.get("linked_to").asText());
  }
}
