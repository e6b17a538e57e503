package actorcrm.node;

import actorcrm.api.TestHttp;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ProductState;
import actorcrm.pricing.Sku;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes in this JVM form one cluster over one journal, exactly as three processes would:
 * products spread over all three, one node leaves gracefully, every product answers from the
 * other two with its state intact.
 */
@ExtendWith(LogCapturingExtension.class)
class ThreeNodeClusterTest {
  private static final Duration ASK = Duration.ofSeconds(10);
  private static final int PRODUCTS = 100;

  @TempDir
  Path dataDir;
  private TestNodes.TestCluster cluster;

  @AfterEach
  void stopAll() {
    cluster.stopAll();
  }

  private static BigDecimal floorOf(int i) {
    return new BigDecimal(100 + i).setScale(2);
  }

  @Test
  void productsSpreadOverThreeNodesAndSurviveOneLeaving() {
    cluster = TestNodes.startCluster(3, dataDir, java.util.Map.of());
    List<Main.Node> nodes = cluster.nodes();
    List<TestHttp> http = cluster.http();

    List<CompletableFuture<ProductState>> created = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      int n = i;
      ClusterSharding sharding = ClusterSharding.get(nodes.get(i % 3).system());
      created.add(sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, sku(i))
          .<ProductState>askWithStatus(r -> new ProductEntity.SetReference("产品" + n, "125ml",
              new BigDecimal("300"), floorOf(n), r), ASK)
          .toCompletableFuture());
    }
    created.forEach(CompletableFuture::join);

    Map<String, Integer> perNode = entitiesPerNode(http.get(1).get("/api/shards/product", TestNodes.ADMIN_TOKEN).json());
    assertEquals(3, perNode.size(), "every node hosts products: " + perNode);
    perNode.values().forEach(count -> assertTrue(count > 0, perNode.toString()));
    assertEquals(PRODUCTS, perNode.values().stream().mapToInt(Integer::intValue).sum());

    Main.Node leaving = nodes.remove(1);
    leaving.system().terminate();
    leaving.system().getWhenTerminated().toCompletableFuture().join();
    awaitMembers(http.get(0), 2);

    ClusterSharding survivor = ClusterSharding.get(nodes.get(0).system());
    for (int i = 0; i < PRODUCTS; i++) {
      ProductState state = survivor.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, sku(i))
          .ask(ProductEntity.Get::new, ASK).toCompletableFuture().join();
      assertEquals(floorOf(i), state.reference().floor(), sku(i));
      assertEquals("产品" + i, state.reference().product());
    }
    JsonNode viaHttp = http.get(2).get("/api/entities/product/" + URLEncoder.encode(sku(42), StandardCharsets.UTF_8),
        TestNodes.ADMIN_TOKEN).json();
    assertEquals(floorOf(42), viaHttp.at("/reference/floor").decimalValue());

    Map<String, Integer> after = entitiesPerNode(http.get(2).get("/api/shards/product", TestNodes.ADMIN_TOKEN).json());
    assertEquals(2, after.size(), after.toString());
    assertEquals(PRODUCTS, after.values().stream().mapToInt(Integer::intValue).sum());
  }

  private static String sku(int i) {
    return Sku.of("产品" + i, "125ml").id();
  }

  private static Map<String, Integer> entitiesPerNode(JsonNode shards) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode node : shards.get("nodes")) {
      int n = 0;
      for (JsonNode shard : node.get("shards")) {
        n += shard.get("entities").size();
      }
      counts.put(node.get("address").asText(), n);
    }
    return counts;
  }

  private static void awaitMembers(TestHttp http, int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = http.get("/api/cluster", TestNodes.ADMIN_TOKEN).json();
      int up = 0;
      for (JsonNode m : last.get("members")) {
        up += m.get("status").asText().equals("up") ? 1 : 0;
      }
      if (up == expected && last.get("members").size() == expected) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("cluster did not reach " + expected + " up members: " + last);
  }
}
