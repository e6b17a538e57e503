package actorcrm.ops;

import actorcrm.Eventually;
import actorcrm.api.TestHttp;
import actorcrm.ingest.KafkaBroker;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /health and /ready tell the truth: a node whose Kafka or database is down says degraded with the
 * reason (and is not ready) while it keeps serving; /alive stays up. The suite's broker comes back
 * on a new port, so recovery is shown as "up before, degraded after": a node on a dead Kafka
 * address, a node whose broker stops, a node whose PostgreSQL database is dropped.
 */
@ExtendWith(LogCapturingExtension.class)
class HealthTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ANN = "{\"name\":\"Ann\",\"team\":\"east\",\"skills\":[],\"lead_capacity\":2,\"ticket_capacity\":1}";

  @TempDir
  Path dataDir;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private Main.Node node;
  private String postgres;

  @AfterEach
  void stop() {
    if (node != null) {
      node.system().terminate();
      node.system().getWhenTerminated().toCompletableFuture().join();
    }
    if (postgres != null) {
      TestNodes.dropPostgresDb(postgres);
    }
  }

  private Map<String, Object> kafka(String bootstrap) {
    Map<String, Object> kafka = new HashMap<>();
    for (String graph : List.of("listings", "leads", "tickets")) {
      kafka.put("actorcrm.kafka." + graph + "-topic", graph + "-" + run);
      kafka.put("actorcrm.kafka." + graph + "-dlq-topic", graph + "-dlq-" + run);
      kafka.put("actorcrm.kafka." + graph + "-group", "actorcrm-" + graph + "-" + run);
    }
    kafka.put("actorcrm.kafka.alerts-topic", "price-alerts-" + run);
    kafka.put("actorcrm.kafka.bootstrap-servers", bootstrap);
    return kafka;
  }

  private TestNodes.Ports start(String db, Map<String, Object> extra) {
    TestNodes.Ports ports = TestNodes.freePorts();
    node = Main.start(TestNodes.config(ports, List.of(), db, dataDir, extra));
    new TestHttp(node.httpPort()).awaitHealthy(Duration.ofSeconds(30));
    return ports;
  }

  @Test
  void aNodeWhoseKafkaIsUnreachableIsDegradedNotReadyAndServes() {
    String nobody = "127.0.0.1:" + TestNodes.freePort();
    TestNodes.Ports ports = start(TestNodes.memoryDb(), kafka(nobody));
    TestHttp http = new TestHttp(node.httpPort());

    JsonNode health = http.get("/health", null).json();
    assertEquals("degraded", health.get("status").asText());
    assertEquals(List.of(
        "kafka: the leads-" + run + " ingest graph has no connection to " + nobody,
        "kafka: the listings-" + run + " ingest graph has no connection to " + nobody,
        "kafka: the tickets-" + run + " ingest graph has no connection to " + nobody), texts(health.get("reasons")));
    assertNotEquals(200, management(ports, "/ready").statusCode());
    assertEquals(200, management(ports, "/alive").statusCode());
    assertEquals(200, http.put("/api/reps/ann", TestNodes.ADMIN_TOKEN, ANN).status(), "the node still serves");
  }

  @Test
  void aNodeWhoseBrokerStopsTurnsFromUpToDegraded() {
    KafkaBroker broker = KafkaBroker.get();
    for (String graph : List.of("listings", "leads", "tickets")) {
      broker.createTopic(graph + "-" + run, 1);
      broker.createTopic(graph + "-dlq-" + run, 1);
    }
    broker.createTopic("price-alerts-" + run, 1);
    TestNodes.Ports ports = start(TestNodes.memoryDb(), kafka(broker.bootstrapServers()));
    TestHttp http = new TestHttp(node.httpPort());
    Eventually.await(WAIT, () -> assertEquals("up", http.get("/health", null).json().get("status").asText()));
    Eventually.await(WAIT, () -> assertEquals(200, management(ports, "/ready").statusCode()));

    broker.close(); // the next KafkaBroker.get() starts a fresh broker for later tests

    Eventually.await(WAIT, () -> {
      JsonNode health = http.get("/health", null).json();
      assertEquals("degraded", health.get("status").asText());
      assertEquals(3, health.get("reasons").size(), health.toString());
    });
    assertNotEquals(200, management(ports, "/ready").statusCode());
    assertEquals(200, http.put("/api/reps/ann", TestNodes.ADMIN_TOKEN, ANN).status(), "the node still serves");
  }

  @Test
  void aNodeWhoseDatabaseIsDroppedIsDegradedNotReadyAndAnswersWhatItCan() {
    postgres = TestNodes.freshPostgresDb("actorcrm_health");
    TestNodes.Ports ports = start(postgres, Map.of("actorcrm.db.user", "postgres"));
    TestHttp http = new TestHttp(node.httpPort());
    Eventually.await(WAIT, () -> assertEquals("up", http.get("/health", null).json().get("status").asText()));
    assertEquals(200, management(ports, "/ready").statusCode());

    TestNodes.dropPostgresDb(postgres);
    postgres = null;

    Eventually.await(WAIT, () -> {
      JsonNode health = http.get("/health", null).json();
      assertEquals("degraded", health.get("status").asText());
      assertEquals(1, health.get("reasons").size(), health.toString());
      assertTrue(health.get("reasons").get(0).asText().startsWith("database: "), health.toString());
    });
    assertNotEquals(200, management(ports, "/ready").statusCode());
    assertEquals(200, management(ports, "/alive").statusCode());
    assertEquals(200, http.get("/api/cluster", TestNodes.ADMIN_TOKEN).status(), "what needs no database still answers");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(item -> out.add(item.asText()));
    return out;
  }

  private static HttpResponse<String> management(TestNodes.Ports ports, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.management() + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
