package actorcrm.chaos;

import actorcrm.dispatch.WorkKind;
import actorcrm.api.TestHttp;
import actorcrm.ingest.KafkaBroker;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Leads created concurrently over HTTP on three node processes while one is killed with SIGKILL
 * and restarted. A client whose request fails (the node is gone, or answers 5xx) sends the same
 * idempotency key to the next node, as a load balancer would. Afterwards every lead has exactly one
 * owner or waits in the queue, no seat is free while leads wait, and no rep was ever seen over
 * capacity (GET /api/entities/rep/{id}, watched throughout).
 */
@ExtendWith(KafkaBroker.Extension.class)
class ChaosLeadsTest {
  private static final int KILLED = 2;
  /** How long a client keeps sending a create nobody answers before it gives up. */
  private static final Duration GIVE_UP = Duration.ofMinutes(2);
  private static final String TEAM = "chaos";

  /** The floor as read over HTTP at one moment. */
  private record Floor(int assigned, int queued, Map<String, Integer> otherStatuses, List<String> problems) {}

  @Test
  void leadsCreatedWhileANodeIsKilledEachGetOneOwnerOrWaitAndNoRepGoesOverCapacity(KafkaBroker broker) throws Exception {
    ChaosScale scale = ChaosScale.current();
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path dir = Files.createDirectories(Path.of("target", "chaos", "leads-" + run));
    NodeCluster.Journal journal = NodeCluster.Journal.fresh();
    ChaosReport report = new ChaosReport("leads: " + scale.leads() + " concurrent creates, node " + KILLED
        + " of 3 killed with SIGKILL partway", scale, journal);
    report.add("node logs", dir);
    int seats = scale.reps() * scale.repCapacity();
    report.add("reps x lead capacity = seats", scale.reps() + " x " + scale.repCapacity() + " = " + seats);
    // No Kafka ingest in this scenario: the nodes' topics are this run's own, and nothing is produced to them.
    ChaosKafka.RunTopics topics = new ChaosKafka.RunTopics(run);

    ExecutorService clients = Executors.newFixedThreadPool(scale.leadConcurrency());
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    try (NodeCluster cluster = new NodeCluster(3, dir, journal, broker.bootstrapServers(),
        topics.nodeProperties(), scale)) {
      cluster.startAll();
      TestHttp http = cluster.http(0);
      for (int r = 0; r < scale.reps(); r++) {
        String rep = "chaos-rep-" + r;
        TestHttp.Reply put = http.put("/api/reps/" + rep, NodeCluster.TOKEN, "{\"name\":\"" + rep + "\",\"team\":\"" + TEAM
            + "\",\"skills\":[],\"lead_capacity\":" + scale.repCapacity() + ",\"ticket_capacity\":1}");
        assertEquals(200, put.status(), put.body());
        TestHttp.Reply online = http.post("/api/reps/" + rep + "/presence", NodeCluster.TOKEN, "{\"status\":\"online\"}");
        assertEquals(200, online.status(), online.body());
      }
      assertNotNull(Converge.within(scale.settle(), System.nanoTime(), () -> onlineReps(http) == scale.reps()),
          "every rep online in the dispatcher's view");

      Map<String, Integer> maxLoad = new ConcurrentHashMap<>();
      watcher.scheduleWithFixedDelay(() -> watchLoads(cluster, scale.reps(), maxLoad), 0, 500, TimeUnit.MILLISECONDS);

      Map<String, String> answers = new ConcurrentHashMap<>();
      AtomicInteger retried = new AtomicInteger();
      Map<String, String> failed = new ConcurrentHashMap<>();
      long start = System.nanoTime();
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < scale.leads(); i++) {
        int lead = i;
        creates.add(clients.submit(() -> create(cluster, run, lead, answers, retried, failed)));
      }
      Converge.within(scale.settle(), start, () -> answers.size() + failed.size() >= scale.leads() * 2 / 5);
      long killedAt = System.nanoTime();
      int exit = cluster.kill(KILLED);
      report.add("answered when killed", answers.size() + " of " + scale.leads());
      report.add("killed node's exit code (137 = SIGKILL)", exit);
      Thread.sleep(scale.restartDelay().toMillis());
      cluster.restart(KILLED);
      report.seconds("killed node serving again (/health), after the kill", since(killedAt));
      cluster.awaitMembersUp(0, 3);
      report.seconds("three members Up again, after the kill", since(killedAt));
      for (Future<?> f : creates) {
        f.get(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS);
      }
      long createsDone = System.nanoTime();
      report.seconds("all creates answered", Duration.ofNanos(createsDone - start));
      report.add("creates answered / retried on another node / never answered", answers.size() + " / " + retried.get()
          + " / " + failed.size());
      Map<String, Integer> byAnswer = new TreeMap<>();
      answers.values().forEach(a -> byAnswer.merge(a, 1, Integer::sum));
      report.add("create answers (status, lead status)", byAnswer);

      Duration settled = Converge.within(scale.settle(), createsDone,
          () -> floor(cluster.http(1), run, scale, seats, answers).problems().isEmpty());
      watcher.shutdownNow();
      report.seconds("floor settled (every lead owned once or queued), after the last answer", settled);
      Floor end = floor(cluster.http(1), run, scale, seats, answers);
      List<String> overCapacity = new ArrayList<>();
      maxLoad.forEach((rep, load) -> {
        if (load > scale.repCapacity()) {
          overCapacity.add(rep + " held " + load);
        }
      });
      report.add("assigned / queued / other statuses", end.assigned() + " / " + end.queued() + " / " + end.otherStatuses());
      report.add("problems", end.problems().isEmpty() ? "none" : end.problems().size() + ", first: "
          + end.problems().subList(0, Math.min(5, end.problems().size())));
      report.add("highest rep load seen", maxLoad.values().stream().mapToInt(Integer::intValue).max().orElse(0)
          + " (capacity " + scale.repCapacity() + ")");

      assertAll(
          () -> assertEquals(NodeCluster.SIGKILL_EXIT, exit, "the node was killed by SIGKILL"),
          () -> assertEquals(Map.of(), failed, "creates no node answered within " + GIVE_UP),
          () -> assertEquals(List.of(), end.problems(), "leads without exactly one owner or a place in the queue"),
          () -> assertEquals(List.of(), overCapacity, "reps seen over capacity"));
    } finally {
      watcher.shutdownNow();
      clients.shutdownNow();
      report.write();
    }
  }

  /** Creates one lead, moving to the next node while a node fails to answer, for at most {@link #GIVE_UP}. */
  private static void create(NodeCluster cluster, String run, int lead, Map<String, String> answers,
                             AtomicInteger retried, Map<String, String> failed) {
    String body = "{\"idempotency_key\":\"" + key(run, lead) + "\",\"name\":\"客户" + lead + "\",\"source\":\"web\",\"team\":\""
        + TEAM + "\",\"priority\":" + (lead % 3) + "}";
    String last = null;
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      try {
        TestHttp.Reply reply = cluster.http((lead + attempt) % cluster.size()).post("/api/leads", NodeCluster.TOKEN, body);
        if (reply.status() == 201 || reply.status() == 202) {
          answers.put(key(run, lead), reply.status() + " " + reply.json().get("status").asText());
          if (attempt > 0) {
            retried.incrementAndGet();
          }
          return;
        }
        last = reply.status() + " " + reply.body();
        if (reply.status() < 500) {
          break;
        }
      } catch (AssertionError connectionFailed) {
        last = connectionFailed.getMessage();
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    failed.put(key(run, lead), String.valueOf(last));
  }

  /**
   * Reads every lead and every rep: a lead is assigned with an owner that holds it, or queued; no
   * lead is held by two reps or by a rep that is not its owner; no seat is free while leads wait.
   */
  private static Floor floor(TestHttp http, String run, ChaosScale scale, int seats, Map<String, String> answers) {
    Map<String, String> ownerOf = new HashMap<>();
    Map<String, Integer> other = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int queued = 0;
    for (int i = 0; i < scale.leads(); i++) {
      String id = WorkKind.LEAD.idFor(key(run, i));
      TestHttp.Reply reply = http.get("/api/leads/" + id, NodeCluster.TOKEN);
      if (reply.status() != 200) {
        problems.add(id + " answers " + reply.status() + " (its create was answered " + answers.get(key(run, i)) + ")");
        continue;
      }
      JsonNode lead = reply.json();
      String status = lead.get("status").asText();
      if (status.equals("assigned") && !lead.get("owner").isNull()) {
        ownerOf.put(id, lead.get("owner").asText());
      } else if (status.equals("queued")) {
        queued++;
      } else {
        other.merge(status, 1, Integer::sum);
        problems.add(id + " is " + status + " (owner " + lead.get("owner") + ")");
      }
    }
    Map<String, String> holderOf = new HashMap<>();
    for (int r = 0; r < scale.reps(); r++) {
      String rep = "chaos-rep-" + r;
      JsonNode items = http.get("/api/entities/rep/" + rep, NodeCluster.TOKEN).json().get("items");
      items.fieldNames().forEachRemaining(item -> {
        String before = holderOf.put(item, rep);
        if (before != null) {
          problems.add(item + " is held by " + before + " and " + rep);
        }
        if (!rep.equals(ownerOf.get(item))) {
          problems.add(item + " is held by " + rep + " but its owner is " + ownerOf.get(item));
        }
      });
    }
    ownerOf.forEach((lead, owner) -> {
      if (!owner.equals(holderOf.get(lead))) {
        problems.add(lead + " is owned by " + owner + " who does not hold it");
      }
    });
    if (queued > 0 && ownerOf.size() < seats) {
      problems.add(queued + " leads wait while " + (seats - ownerOf.size()) + " seats are free");
    }
    return new Floor(ownerOf.size(), queued, other, problems);
  }

  /** Remembers the highest lead load seen on each rep, read from whichever node answers. */
  private static void watchLoads(NodeCluster cluster, int reps, Map<String, Integer> maxLoad) {
    for (int r = 0; r < reps; r++) {
      String rep = "chaos-rep-" + r;
      try {
        TestHttp.Reply reply = cluster.http(r % 2).get("/api/entities/rep/" + rep, NodeCluster.TOKEN);
        if (reply.status() == 200) {
          int load = 0;
          for (JsonNode held : reply.json().get("items")) {
            load += held.get("kind").asText().equals("lead") ? held.get("weight").asInt() : 0;
          }
          maxLoad.merge(rep, load, Math::max);
        }
      } catch (AssertionError unanswered) {
        // a node busy or restarting: the next round reads it again
      }
    }
  }

  private static int onlineReps(TestHttp http) {
    int online = 0;
    for (JsonNode rep : http.get("/api/entities/dispatcher/" + TEAM + ":lead", NodeCluster.TOKEN).json().get("reps")) {
      online += rep.get("presence").asText().equals("online") ? 1 : 0;
    }
    return online;
  }

  private static String key(String run, int lead) {
    return "chaos-" + run + "-" + lead;
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }
}
