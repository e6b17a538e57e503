package actorcrm.service;

import actorcrm.Eventually;
import actorcrm.TestClock;
import actorcrm.api.TestHttp;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.sales.SalesFloor;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tickets as the service desk uses them over HTTP, with SLA targets of seconds. */
@ExtendWith(LogCapturingExtension.class)
class TicketRoutingTest {
  private static final String ADMIN = TestNodes.ADMIN_TOKEN;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path dataDir;
  static Main.Node node;
  static TestHttp http;

  @BeforeAll
  static void start() {
    node = TestNodes.startSingle(dataDir, TicketSla.shortTargets());
    http = new TestHttp(node.httpPort());
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  private static String team() {
    return "s" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void agent(String id, String team, int ticketCapacity) {
    SalesFloor.rep(http, id, team, "[\"billing:3\"]", 5, ticketCapacity, "online");
  }

  static JsonNode ticket(TestHttp http, String team, String key, String tier, int complexity) {
    TestHttp.Reply reply = http.post("/api/tickets", ADMIN, "{\"idempotency_key\":\"" + key + "\",\"customer_id\":\"c-" + key
        + "\",\"customer_tier\":\"" + tier + "\",\"complexity\":" + complexity + ",\"required_skills\":[\"billing\"],"
        + "\"subject\":\"发票有误\",\"team\":\"" + team + "\"}");
    assertTrue(reply.status() == 201 || reply.status() == 202, reply.body());
    return reply.json();
  }

  private static JsonNode get(String id) {
    return http.get("/api/tickets/" + id, ADMIN).json();
  }

  private static void status(String id, String status) {
    TestHttp.Reply reply = http.post("/api/tickets/" + id + "/status", ADMIN, "{\"status\":\"" + status + "\"}");
    assertEquals(200, reply.status(), reply.body());
  }

  @Test
  void aVipTicketIsServedBeforeOlderStandardTickets() {
    String team = team();
    agent(team + "-agent", team, 3);
    JsonNode busy = ticket(http, team, team + "-busy", "standard", 3);
    assertEquals(team + "-agent", busy.get("owner").asText(), busy.toString());
    JsonNode older = ticket(http, team, team + "-older", "standard", 2);
    JsonNode vip = ticket(http, team, team + "-vip", "vip", 2);
    assertEquals("queued", older.get("status").asText());
    assertEquals("queued", vip.get("status").asText());
    assertEquals("p2", vip.get("priority").asText());
    assertEquals("p4", older.get("priority").asText());

    status(busy.get("ticket_id").asText(), "resolved");
    Eventually.await(WAIT, () -> assertEquals("assigned", get(vip.get("ticket_id").asText()).get("routing").asText()));
    assertEquals("queued", get(older.get("ticket_id").asText()).get("routing").asText());
  }

  @Test
  void slaWarningAndBreachEachFireExactlyOnceAndTheBreachEscalates() throws Exception {
    String team = team();
    JsonNode created = ticket(http, team, team + "-late", "standard", 1);
    String id = created.get("ticket_id").asText();
    assertEquals("queued", created.get("status").asText(), "nobody on this team: it waits");
    Instant due = Instant.parse(created.at("/sla/first_response_due").asText());
    assertTrue(Duration.between(TestClock.AHEAD.instant(), due).toMillis() <= 2_000, "due " + due);

    Eventually.await(WAIT, () -> assertEquals(List.of("first_response:breach", "first_response:warning"),
        alerts(get(id)).stream().filter(a -> a.startsWith("first_response")).sorted().toList()));
    Thread.sleep(1000);
    JsonNode later = get(id);
    assertEquals(2, alerts(later).stream().filter(a -> a.startsWith("first_response")).count(), later.toString());
    assertTrue(later.get("escalated").asBoolean());
    JsonNode explain = http.get("/api/tickets/" + id + "/explain", ADMIN).json();
    assertTrue(explain.get("escalated").asBoolean());
  }

  @Test
  void waitingOnTheCustomerPausesTheResolutionClock() throws Exception {
    String team = team();
    agent(team + "-agent", team, 5);
    JsonNode created = ticket(http, team, team + "-pause", "standard", 1);
    String id = created.get("ticket_id").asText();
    Instant before = Instant.parse(created.at("/sla/resolution_due").asText());
    status(id, "waiting_on_customer");
    Thread.sleep(1500);
    status(id, "open");
    Thread.sleep(1000);
    JsonNode after = get(id);
    assertTrue(alerts(after).stream().noneMatch(a -> a.startsWith("first_response")), "the reply met the first response");
    Instant deadline = Instant.parse(after.at("/sla/resolution_due").asText());
    assertTrue(Duration.between(before, deadline).toMillis() >= 1400, before + " -> " + deadline);
  }

  static List<String> alerts(JsonNode ticket) {
    List<String> alerts = new ArrayList<>();
    ticket.get("sla_events").forEach(e -> alerts.add(e.at("/event/timer").asText().toLowerCase() + ":"
        + e.at("/event/alert").asText().toLowerCase()));
    return alerts;
  }

  /** SLA targets of seconds for every priority: first response 2 s, resolution 6 s, warning at half time. */
  static final class TicketSla {
    static Map<String, Object> shortTargets() {
      Map<String, Object> sla = new java.util.HashMap<>();
      for (String p : List.of("p1", "p2", "p3", "p4")) {
        sla.put("actorcrm.service.sla." + p + ".first-response", "2s");
        sla.put("actorcrm.service.sla." + p + ".resolution", "6s");
      }
      sla.put("actorcrm.service.sla.warning-percent-left", 50);
      return sla;
    }
  }
}
