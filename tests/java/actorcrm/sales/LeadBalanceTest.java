package actorcrm.sales;

import actorcrm.api.TestHttp;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With equal loads, a thousand leads spread evenly over four reps (default settings: no recycling during the test). */
@ExtendWith(LogCapturingExtension.class)
class LeadBalanceTest {
  @TempDir
  static Path dataDir;
  static Main.Node node;
  static TestHttp http;

  @BeforeAll
  static void start() {
    node = TestNodes.startSingle(dataDir, Map.of());
    http = new TestHttp(node.httpPort());
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  @Test
  void equalLoadsSpreadEvenlyOverFourReps() {
    for (String r : List.of("d", "c", "b", "a")) {
      SalesFloor.rep(http, "bal-" + r, "balance", "[]", 300, 5, "online");
    }
    Map<String, Integer> assigned = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      TestHttp.Reply reply = http.post("/api/leads", TestNodes.ADMIN_TOKEN,
          "{\"idempotency_key\":\"bal-" + i + "\",\"name\":\"c" + i + "\",\"team\":\"balance\"}");
      JsonNode created = reply.json();
      assertEquals("assigned", created.get("status").asText(), reply.body());
      assigned.merge(created.get("owner").asText(), 1, Integer::sum);
    }
    assertEquals(4, assigned.size(), assigned.toString());
    int max = assigned.values().stream().max(Integer::compare).orElseThrow();
    int min = assigned.values().stream().min(Integer::compare).orElseThrow();
    assertTrue(max - min <= 1, assigned.toString());
    for (String r : List.of("a", "b", "c", "d")) {
      JsonNode rep = http.get("/api/entities/rep/bal-" + r, TestNodes.ADMIN_TOKEN).json();
      assertEquals(assigned.get("bal-" + r).intValue(), rep.get("items").size(), "the rep holds what it was given");
    }
  }
}
