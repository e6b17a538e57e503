package actorcrm.api;

import actorcrm.Eventually;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin HTTP API of one node, exercised as an operator would with curl. */
@ExtendWith(LogCapturingExtension.class)
class HttpApiTest {
  private static final String ADMIN = TestNodes.ADMIN_TOKEN;
  private static final String ANN = "{\"name\":\"Ann\",\"team\":\"east\",\"skills\":[\"vip\"],\"lead_capacity\":20,\"ticket_capacity\":8}";

  @TempDir
  static Path dataDir;
  static Main.Node node;
  static TestNodes.Ports ports;
  static TestHttp http;

  @BeforeAll
  static void start() {
    ports = TestNodes.freePorts();
    node = Main.start(TestNodes.config(ports, List.of(), TestNodes.memoryDb(), dataDir));
    http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  private static String token(String role, String subject) {
    TestHttp.Reply reply = http.post("/api/tokens", ADMIN, "{\"role\":\"" + role + "\",\"subject\":\"" + subject + "\"}");
    assertEquals(200, reply.status(), reply.body());
    return reply.json().get("token").asText();
  }

  @Test
  void healthSaysUpWithoutAToken() {
    TestHttp.Reply reply = http.get("/health", null);
    assertEquals(200, reply.status());
    assertEquals("up", reply.json().get("status").asText());
  }

  @Test
  void apiWithoutOrWithAForgedTokenIs401() {
    TestHttp.Reply none = http.get("/api/cluster", null);
    assertEquals(401, none.status());
    assertEquals("unauthorized", none.json().get("error").asText());
    assertEquals(401, http.get("/api/cluster", "not-a-token").status());
    String viewer = token("viewer", "dashboard");
    String forged = viewer.substring(0, viewer.length() - 3) + (viewer.endsWith("AAA") ? "BBB" : "AAA");
    assertEquals(401, http.get("/api/cluster", forged).status());
    assertEquals(401, http.put("/api/reps/x", null, ANN).status());
  }

  @Test
  void viewerReadsButMayNotChangeAnything() {
    String viewer = token("viewer", "dashboard");
    assertEquals(200, http.get("/api/cluster", viewer).status());
    TestHttp.Reply put = http.put("/api/reps/v1", viewer, ANN);
    assertEquals(403, put.status());
    assertEquals("forbidden", put.json().get("error").asText());
    assertEquals(403, http.post("/api/reps/v1/presence", viewer, "{\"status\":\"online\"}").status());
    assertEquals(403, http.post("/api/tokens", viewer, "{\"role\":\"admin\",\"subject\":\"me\"}").status());
  }

  @Test
  void operatorManagesRepsButMayNotIssueTokens() {
    String operator = token("operator", "night-shift");
    assertEquals(200, http.put("/api/reps/op1", operator, ANN).status());
    TestHttp.Reply online = http.post("/api/reps/op1/presence", operator, "{\"status\":\"online\"}");
    assertEquals(200, online.status(), online.body());
    assertEquals("online", online.json().get("presence").asText());
    assertEquals(403, http.post("/api/tokens", operator, "{\"role\":\"admin\",\"subject\":\"me\"}").status());
  }

  @Test
  void aRepSetsOnlyTheirOwnPresence() {
    assertEquals(200, http.put("/api/reps/bob", ADMIN, ANN).status());
    assertEquals(200, http.put("/api/reps/carol", ADMIN, ANN).status());
    String bob = token("rep", "bob");
    assertEquals(200, http.post("/api/reps/bob/presence", bob, "{\"status\":\"away\"}").status());
    assertEquals(403, http.post("/api/reps/carol/presence", bob, "{\"status\":\"away\"}").status());
    assertEquals(403, http.put("/api/reps/bob", bob, ANN).status());
  }

  @Test
  void repProfileIsVisibleAsLiveEntityState() {
    assertEquals(200, http.put("/api/reps/ann", ADMIN, ANN).status());
    http.post("/api/reps/ann/presence", ADMIN, "{\"status\":\"online\"}");
    TestHttp.Reply reply = http.get("/api/entities/rep/ann", ADMIN);
    assertEquals(200, reply.status(), reply.body());
    JsonNode state = reply.json();
    assertEquals("Ann", state.at("/profile/name").asText());
    assertEquals(20, state.at("/profile/lead_capacity").asInt());
    assertEquals("online", state.get("presence").asText());
    assertEquals("active", state.get("employment").asText());
  }

  @Test
  void entityThatNeverExistedIs404AndUnknownTypeNamesTheKnownOnes() {
    TestHttp.Reply missing = http.get("/api/entities/rep/nobody", ADMIN);
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.json().get("error").asText());
    TestHttp.Reply unknown = http.get("/api/entities/spaceship/1", ADMIN);
    assertEquals(404, unknown.status());
    assertTrue(unknown.json().get("message").asText().contains("product"), unknown.body());
  }

  @Test
  void readingARepOrDispatcherThatNeverExistedAnswers404AndLeavesNothingRunning() {
    assertEquals(404, http.get("/api/entities/rep/ghost", ADMIN).status());
    assertEquals(404, http.get("/api/entities/dispatcher/ghost-team:lead", ADMIN).status());
    Eventually.await(Duration.ofSeconds(10), () -> {
      assertFalse(runningEntities("rep").contains("ghost"), "an unknown rep leaves once read");
      assertFalse(runningEntities("dispatcher").contains("ghost-team:lead"), "an empty dispatcher leaves once read");
    });
  }

  private List<String> runningEntities(String type) {
    List<String> ids = new ArrayList<>();
    for (JsonNode node : http.get("/api/shards/" + type, ADMIN).json().get("nodes")) {
      for (JsonNode shard : node.get("shards")) {
        shard.get("entities").forEach(id -> ids.add(id.asText()));
      }
    }
    return ids;
  }

  @Test
  void clusterListsThisNodeAsUpAndLeader() {
    JsonNode cluster = http.get("/api/cluster", ADMIN).json();
    String self = "pekko://ActorCrm@127.0.0.1:" + ports.cluster();
    assertEquals(self, cluster.get("self").asText());
    assertEquals(self, cluster.get("leader").asText());
    assertEquals("up", cluster.at("/members/0/status").asText());
  }

  @Test
  void shardsShowWhichNodeHoldsWhichEntity() {
    assertEquals(200, http.put("/api/reps/shard-probe", ADMIN, ANN).status());
    JsonNode shards = http.get("/api/shards/rep", ADMIN).json();
    assertEquals("rep", shards.get("entity_type").asText());
    JsonNode nodeShards = shards.at("/nodes/0");
    assertEquals("pekko://ActorCrm@127.0.0.1:" + ports.cluster(), nodeShards.get("address").asText());
    boolean found = false;
    for (JsonNode shard : nodeShards.get("shards")) {
      for (JsonNode id : shard.get("entities")) {
        found |= id.asText().equals("shard-probe");
      }
    }
    assertTrue(found, shards.toString());
  }

  @Test
  void badInputAnswers4xxNamingTheProblem() {
    TestHttp.Reply badJson = http.put("/api/reps/x", ADMIN, "{\"name\":");
    assertEquals(400, badJson.status());
    assertEquals("bad_json", badJson.json().get("error").asText());
    TestHttp.Reply badStatus = http.post("/api/reps/x/presence", ADMIN, "{\"status\":\"sleeping\"}");
    assertEquals(400, badStatus.status());
    assertTrue(badStatus.json().get("message").asText().contains("sleeping"));
    TestHttp.Reply negative = http.put("/api/reps/x", ADMIN,
        "{\"name\":\"X\",\"team\":\"t\",\"skills\":[],\"lead_capacity\":-2,\"ticket_capacity\":1}");
    assertEquals(422, negative.status());
    assertTrue(negative.json().get("message").asText().contains("lead_capacity"));
    TestHttp.Reply missing = http.put("/api/reps/x", ADMIN, "{\"name\":\"X\",\"team\":\"t\"}");
    assertEquals(400, missing.status());
  }

  @Test
  void aWrongMethodIs405InTheApiErrorShape() {
    TestHttp.Reply reply = http.post("/api/cluster", ADMIN, "{}");
    assertEquals(405, reply.status(), reply.body());
    assertEquals("method_not_allowed", reply.json().get("error").asText());
  }

  @Test
  void managementRoutesAnswerOnTheManagementPort() {
    TestHttp.Reply members = new TestHttp(ports.management()).get("/cluster/members", null);
    assertEquals(200, members.status());
    assertTrue(members.body().contains("127.0.0.1:" + ports.cluster()), members.body());
  }
}
