package actorcrm.sales;

import actorcrm.Eventually;
import actorcrm.api.TestHttp;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.RepEntity;
import actorcrm.dispatch.WorkKind;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten thousand leads created at once from three nodes over fifty reps with room for 7,500: every
 * lead has exactly one owner or waits in the queue, and replaying every rep's event log shows no
 * rep over capacity at any point.
 */
@ExtendWith(LogCapturingExtension.class)
class LeadClusterTest {
  private static final int REPS = 50;
  private static final int CAPACITY = 150;
  private static final int LEADS = 10_000;
  private static final Duration ASK = Duration.ofSeconds(60);

  @TempDir
  Path dataDir;
  private TestNodes.TestCluster cluster;

  @AfterEach
  void stop() {
    cluster.stopAll();
  }

  @Test
  void tenThousandConcurrentLeadsGetExactlyOneOwnerAndNoRepIsEverOverCapacity() throws Exception {
    cluster = TestNodes.startCluster(3, dataDir, Map.of());
    List<Main.Node> nodes = cluster.nodes();
    List<TestHttp> http = cluster.http();

    for (int r = 0; r < REPS; r++) {
      TestHttp h = http.get(r % 3);
      assertEquals(200, h.put("/api/reps/floor-" + r, TestNodes.ADMIN_TOKEN, "{\"name\":\"r" + r
          + "\",\"team\":\"floor\",\"skills\":[],\"lead_capacity\":" + CAPACITY + ",\"ticket_capacity\":5}").status());
      assertEquals(200, h.post("/api/reps/floor-" + r + "/presence", TestNodes.ADMIN_TOKEN, "{\"status\":\"online\"}").status());
    }
    Eventually.await(Duration.ofSeconds(30), () -> {
      JsonNode view = http.get(1).get("/api/entities/dispatcher/floor:lead", TestNodes.ADMIN_TOKEN).json();
      int online = 0;
      for (JsonNode rep : view.get("reps")) {
        online += rep.get("presence").asText().equals("online") ? 1 : 0;
      }
      assertEquals(REPS, online, view.toString());
    });

    Semaphore inFlight = new Semaphore(1000);
    List<CompletableFuture<LeadState>> creates = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      inFlight.acquire();
      LeadInfo info = new LeadInfo("cluster-" + i, "客户" + i, null, null, "web", "floor",
          Map.of(), i % 3);
      ClusterSharding sharding = ClusterSharding.get(nodes.get(i % 3).system());
      creates.add(sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, WorkKind.LEAD.idFor(info.idempotencyKey()))
          .<LeadState>askWithStatus(r -> new LeadEntity.Create(info, r), ASK)
          .whenComplete((s, e) -> inFlight.release())
          .toCompletableFuture());
    }
    List<String> leadIds = new ArrayList<>();
    for (CompletableFuture<LeadState> f : creates) {
      LeadState lead = f.join();
      assertTrue(lead.status() == LeadStatus.ASSIGNED || lead.status() == LeadStatus.QUEUED,
          lead.leadId() + " is " + lead.status());
      leadIds.add(lead.leadId());
    }

    // A lead routed on a moment-old view may be answered "queued" while a seat frees; the queue then
    // drains within moments, so the end state is checked once the floor has settled.
    ClusterSharding sharding = ClusterSharding.get(nodes.get(2).system());
    Eventually.await(Duration.ofSeconds(30), () -> {
      Map<String, String> ownerOf = new HashMap<>();
      int queued = 0;
      for (String leadId : leadIds) {
        LeadState lead = sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, leadId)
            .ask(LeadEntity.Get::new, ASK).toCompletableFuture().join();
        if (lead.status() == LeadStatus.ASSIGNED) {
          ownerOf.put(lead.leadId(), lead.owner());
        } else {
          assertEquals(LeadStatus.QUEUED, lead.status(), lead.leadId());
          queued++;
        }
      }
      assertEquals(REPS * CAPACITY, ownerOf.size(), "every seat is taken");
      assertEquals(LEADS - REPS * CAPACITY, queued, "the rest waits");

      Set<String> held = new HashSet<>();
      for (int r = 0; r < REPS; r++) {
        RepEntity.State rep = sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, "floor-" + r)
            .ask(RepEntity.Get::new, ASK).toCompletableFuture().join();
        for (String leadId : rep.items().keySet()) {
          assertTrue(held.add(leadId), leadId + " is held by two reps");
          assertEquals("floor-" + r, ownerOf.get(leadId), "the rep holding " + leadId + " is its owner");
        }
      }
      assertEquals(ownerOf.keySet(), held);
    });

    JdbcReadJournal journal = PersistenceQuery.get(nodes.get(0).system().classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    for (int r = 0; r < REPS; r++) {
      List<EventEnvelope> events = journal.currentEventsByPersistenceId("rep|floor-" + r, 0, Long.MAX_VALUE)
          .runWith(Sink.seq(), nodes.get(0).system()).toCompletableFuture().join();
      Map<String, Integer> items = new HashMap<>();
      int maxLoad = 0;
      for (EventEnvelope envelope : events) {
        if (envelope.event() instanceof RepEntity.ItemReserved e) {
          items.put(e.itemId(), e.weight());
        } else if (envelope.event() instanceof RepEntity.ItemReleased e) {
          items.remove(e.itemId());
        } else if (envelope.event() instanceof RepEntity.ItemsHandedBack e) {
          e.items().keySet().forEach(items::remove);
        }
        int load = items.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(load <= CAPACITY, "floor-" + r + " at " + load + " after event " + envelope.sequenceNr());
        maxLoad = Math.max(maxLoad, load);
      }
      assertEquals(CAPACITY, maxLoad, "floor-" + r + " filled up exactly to its capacity");
    }
  }

  @Test
  void leadsWhoseNodeLeftAreStillRecycledWhenTheirOwnersStayIdle() throws Exception {
    cluster = TestNodes.startCluster(3, dataDir, Map.of(
        "actorcrm.sales.circulation.idle-limit", "4s",
        "actorcrm.sales.verify-interval", "1s"));
    List<Main.Node> nodes = cluster.nodes();
    TestHttp http = cluster.http().get(0);
    for (int r = 0; r < 3; r++) {
      SalesFloor.rep(http, "idle-" + r, "idle", "[]", 50, 5, "online");
    }
    List<String> leadIds = new ArrayList<>();
    Map<String, String> ownerOf = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      TestHttp.Reply reply = http.post("/api/leads", TestNodes.ADMIN_TOKEN, "{\"idempotency_key\":\"idle-" + i
          + "\",\"name\":\"客户" + i + "\",\"source\":\"web\",\"team\":\"idle\"}");
      assertEquals(201, reply.status(), reply.body());
      assertEquals("assigned", reply.json().get("status").asText(), reply.body());
      leadIds.add(reply.json().get("lead_id").asText());
      ownerOf.put(reply.json().get("lead_id").asText(), reply.json().get("owner").asText());
    }

    // Stop a node hosting leads whose owners live elsewhere: nothing restarts those leads but their
    // owners' periodic check (the owners do not move, so their own recovery does not wake them).
    Main.Node leaving = null;
    for (Main.Node candidate : nodes.subList(1, 3)) {
      Set<String> reps = entitiesOn(candidate, RepEntity.ENTITY_TYPE_KEY);
      if (entitiesOn(candidate, LeadEntity.ENTITY_TYPE_KEY).stream().anyMatch(id -> !reps.contains(ownerOf.get(id)))) {
        leaving = candidate;
        break;
      }
    }
    assertTrue(leaving != null, "no node hosts a lead whose owner lives elsewhere");
    TestNodes.stop(leaving);

    // Read from the journal, not from the leads: a read would wake a lead and prove nothing.
    JdbcReadJournal journal = PersistenceQuery.get(nodes.get(0).system().classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    Eventually.await(Duration.ofSeconds(40), () -> {
      for (String leadId : leadIds) {
        List<EventEnvelope> events = journal.currentEventsByPersistenceId("lead|" + leadId, 0, Long.MAX_VALUE)
            .runWith(Sink.seq(), nodes.get(0).system()).toCompletableFuture().join();
        assertTrue(events.stream().anyMatch(e -> e.event() instanceof AssignmentEvent.Unassigned u && u.recycled()),
            leadId + " was not recycled: " + events.stream().map(e -> e.event().getClass().getSimpleName()).toList());
      }
    });
  }

  private static <T> Set<String> entitiesOn(Main.Node node, EntityTypeKey<T> key) {
    ShardRegion.CurrentShardRegionState state = AskPattern.<ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
            ClusterSharding.get(node.system()).shardState(), r -> new GetShardRegionState(key, r), ASK, node.system().scheduler())
        .toCompletableFuture().join();
    Set<String> ids = new HashSet<>();
    state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
    return ids;
  }
}
