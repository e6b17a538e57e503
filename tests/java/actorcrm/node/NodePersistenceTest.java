package actorcrm.node;

import actorcrm.api.TestHttp;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ProductState;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node writes through the real SQL journal and a restarted node reads the same state back:
 * on the embedded default (an H2 file with a generated admin token) and on PostgreSQL.
 */
@ExtendWith(LogCapturingExtension.class)
class NodePersistenceTest {
  @TempDir
  Path dataDir;

  @Test
  void stateSurvivesANodeRestartOnTheEmbeddedH2File() throws IOException {
    Map<String, Object> embedded = Map.of("actorcrm.http.admin-token", "", "actorcrm.snapshot-every", 3);
    String token = writeThenRestartAndRead("", embedded);
    assertTrue(Files.exists(dataDir.resolve("journal.mv.db")), "H2 file under the data dir");
    assertEquals(token, Files.readString(dataDir.resolve("admin-token")).trim(), "generated admin token is in the file");
  }

  @Test
  void stateSurvivesANodeRestartOnPostgres() {
    Assumptions.assumeTrue(TestNodes.postgresAnswers(),
        "PostgreSQL does not answer on 127.0.0.1:5432, so the PostgreSQL journal test is skipped");
    // A database of its own: one shared across runs holds remembered entities of older builds.
    String dbUrl = TestNodes.freshPostgresDb();
    try {
      writeThenRestartAndRead(dbUrl, Map.of("actorcrm.db.user", "postgres", "actorcrm.snapshot-every", 3));
    } finally {
      TestNodes.dropPostgresDb(dbUrl);
    }
  }

  /** Writes a product and a rep (with enough events to snapshot), restarts the node, reads both back over HTTP. */
  private String writeThenRestartAndRead(String dbUrl, Map<String, Object> extra) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String sku = "精华油1:125ml-" + suffix;
    String rep = "ann-" + suffix;

    Main.Node first = Main.start(config(dbUrl, extra));
    String token = first.adminToken();
    try {
      TestHttp http = new TestHttp(first.httpPort());
      http.awaitHealthy(Duration.ofSeconds(30));
      ClusterSharding.get(first.system()).entityRefFor(ProductEntity.ENTITY_TYPE_KEY, sku)
          .<ProductState>askWithStatus(r -> new ProductEntity.SetReference("精华油1", "125ml",
              new BigDecimal("200"), new BigDecimal("180"), r), Duration.ofSeconds(10))
          .toCompletableFuture().join();
      assertEquals(200, http.put("/api/reps/" + rep, token,
          "{\"name\":\"Ann\",\"team\":\"east\",\"skills\":[\"vip\"],\"lead_capacity\":20,\"ticket_capacity\":8}").status());
      for (String status : List.of("online", "away", "online", "offline", "online")) {
        assertEquals(200, http.post("/api/reps/" + rep + "/presence", token, "{\"status\":\"" + status + "\"}").status());
      }
    } finally {
      stop(first);
    }

    Main.Node second = Main.start(config(dbUrl, extra));
    try {
      assertEquals(token, second.adminToken(), "the restarted node keeps the admin token");
      TestHttp http = new TestHttp(second.httpPort());
      http.awaitHealthy(Duration.ofSeconds(30));
      JsonNode product = http.get("/api/entities/product/" + encode(sku), token).json();
      assertEquals("180.00", product.at("/reference/floor").decimalValue().toPlainString());
      assertEquals(1, product.at("/reference/version").asInt());
      JsonNode repState = http.get("/api/entities/rep/" + rep, token).json();
      assertEquals("online", repState.get("presence").asText());
      assertEquals(20, repState.at("/profile/lead_capacity").asInt());
    } finally {
      stop(second);
    }
    return token;
  }

  private Config config(String dbUrl, Map<String, Object> extra) {
    return TestNodes.config(TestNodes.freePorts(), List.of(), dbUrl, dataDir, extra);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void stop(Main.Node node) {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }
}
