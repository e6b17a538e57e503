package actorcrm.service;

import actorcrm.Eventually;
import actorcrm.api.TestHttp;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The node holding a ticket stops before its SLA falls due: the ticket is restarted on another
 * node (remembered entity), re-arms its timer from the journal, and warning and breach each fire
 * exactly once.
 */
@ExtendWith(LogCapturingExtension.class)
class TicketFailoverTest {
  @TempDir
  Path dataDir;
  private TestNodes.TestCluster cluster;

  @AfterEach
  void stop() {
    cluster.stopAll();
  }

  @Test
  void slaAlertsFireOnceWhenTheOwningNodeStopsAndTheTicketRecoversElsewhere() {
    Map<String, Object> sla = new java.util.HashMap<>(TicketRoutingTest.TicketSla.shortTargets());
    for (String p : List.of("p1", "p2", "p3", "p4")) {
      sla.put("actorcrm.service.sla." + p + ".first-response", "4s");
      sla.put("actorcrm.service.sla." + p + ".resolution", "60s");
    }
    cluster = TestNodes.startCluster(3, dataDir, sla);
    List<Main.Node> nodes = cluster.nodes();
    List<TestNodes.Ports> ports = cluster.ports();
    List<TestHttp> http = cluster.http();

    String id = TicketRoutingTest.ticket(http.get(0), "nobody-home", "failover-1", "vip", 5).get("ticket_id").asText();
    int holder = holderOf(http.get(0), id, ports);
    Main.Node stopping = nodes.remove(holder);
    stopping.system().terminate();
    stopping.system().getWhenTerminated().toCompletableFuture().join();
    TestHttp survivor = http.get(holder == 0 ? 1 : 0);

    Eventually.await(Duration.ofSeconds(30), () -> assertEquals(
        List.of("first_response:breach", "first_response:warning"),
        TicketRoutingTest.alerts(survivor.get("/api/tickets/" + id, TestNodes.ADMIN_TOKEN).json()).stream().sorted().toList()));
    JsonNode ticket = survivor.get("/api/tickets/" + id, TestNodes.ADMIN_TOKEN).json();
    assertEquals(2, ticket.get("sla_events").size(), ticket.toString());
  }

  private static int holderOf(TestHttp http, String ticketId, List<TestNodes.Ports> ports) {
    JsonNode shards = http.get("/api/shards/ticket", TestNodes.ADMIN_TOKEN).json();
    Integer holder = null;
    for (JsonNode node : shards.get("nodes")) {
      for (JsonNode shard : node.get("shards")) {
        for (JsonNode entity : shard.get("entities")) {
          if (entity.asText().equals(ticketId)) {
            String address = node.get("address").asText();
            for (int i = 0; i < ports.size(); i++) {
              if (address.endsWith(":" + ports.get(i).cluster())) {
                holder = i;
              }
            }
          }
        }
      }
    }
    assertNotNull(holder, shards.toString());
    return holder;
  }
}
