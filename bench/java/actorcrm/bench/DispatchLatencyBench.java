package actorcrm.bench;

import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.sales.LeadEntity;
import actorcrm.sales.LeadState;
import actorcrm.sales.Presence;
import actorcrm.sales.RepEntity;
import actorcrm.sales.WorkKind;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency from creating a lead to its assignment being journaled (the create is answered only
 * then), at a fixed arrival rate on one node with the embedded H2 journal. A warm-up at the same
 * rate runs first and is waited for, unmeasured, so the JIT and the journal's connections are warm.
 * Args: [leads per second (default 1000)] [seconds (default 60)] [reps (default 50)]
 * [warm-up seconds (default 10)].
 */
public final class DispatchLatencyBench {
  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Path dataDir = Files.createTempDirectory("actorcrm-bench");
    boolean postgres = Boolean.getBoolean("bench.postgres");
    String db = postgres ? TestNodes.freshPostgresDb() : "jdbc:h2:file:" + dataDir.resolve("journal") + ";AUTO_SERVER=TRUE";
    System.out.println("journal: " + db);
    Main.Node node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir,
        postgres ? Map.of("actorcrm.db.user", "postgres") : Map.of()));
    ClusterSharding sharding = ClusterSharding.get(node.system());
    Duration timeout = Duration.ofSeconds(30);
    int capacity = rate * (seconds + warmup) / reps + 10;
    for (int r = 0; r < reps; r++) {
      var ref = sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, "bench-" + r);
      RepEntity.Profile profile = new RepEntity.Profile("r" + r, "bench", Map.of(), capacity, 1);
      ref.<RepEntity.State>askWithStatus(x -> new RepEntity.UpdateProfile(profile, x), timeout).toCompletableFuture().join();
      ref.<RepEntity.State>askWithStatus(x -> new RepEntity.SetPresence(Presence.ONLINE, x), timeout)
          .toCompletableFuture().join();
    }
    Thread.sleep(2000);

    send(sharding, "warmup-", rate, rate * warmup, timeout, new AtomicLongArray(rate * warmup)).join();
    int total = rate * seconds;
    AtomicLongArray latencies = new AtomicLongArray(total);
    long start = System.nanoTime();
    send(sharding, "bench-", rate, total, timeout, latencies).join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = new long[total];
    for (int i = 0; i < total; i++) {
      sorted[i] = latencies.get(i);
    }
    Arrays.sort(sorted);
    long failed = Arrays.stream(sorted).filter(l -> l == Long.MAX_VALUE).count();
    System.out.printf("failed (no answer in %s): %,d%n", timeout, failed);
    System.out.printf("%,d leads at %,d/s offered over %.1f s (achieved %,.0f/s)%n", total, rate, elapsed, total / elapsed);
    System.out.printf("create -> persisted assignment: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
        sorted[total / 2] / 1e6, sorted[(int) (total * 0.99)] / 1e6, sorted[(int) (total * 0.999)] / 1e6,
        sorted[total - 1] / 1e6);
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
    if (postgres) {
      TestNodes.dropPostgresDb(db);
    }
    System.exit(0);
  }

  /** Sends {@code count} creates at {@code rate} per second; completes once every one is answered or timed out. */
  private static CompletableFuture<Void> send(ClusterSharding sharding, String prefix, int rate, int count,
                                              Duration timeout, AtomicLongArray latencies) {
    List<CompletableFuture<?>> done = new ArrayList<>(count);
    long start = System.nanoTime();
    long intervalNanos = 1_000_000_000L / rate;
    for (int i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int n = i;
      LeadEntity.LeadInfo info = new LeadEntity.LeadInfo(prefix + i, "c" + i, null, null, "bench", "bench", Map.of(), 0);
      long sent = System.nanoTime();
      done.add(sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, WorkKind.LEAD.idFor(info.idempotencyKey()))
          .<LeadState>askWithStatus(x -> new LeadEntity.Create(info, x), timeout)
          .handle((s, failure) -> {
            latencies.set(n, failure == null ? System.nanoTime() - sent : Long.MAX_VALUE);
            return null;
          })
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
  }
}
