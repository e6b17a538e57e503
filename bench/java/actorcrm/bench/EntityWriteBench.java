package actorcrm.bench;

import actorcrm.TestClock;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.pricing.LandedPrice;
import actorcrm.pricing.Observation;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ProductState;
import actorcrm.pricing.Verdict;
import actorcrm.sales.RepEntity;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Journal writes per second through sharded entities on one node: one entity at a time (the
 * write latency), then many entities in parallel (the journal's throughput). Args: [writes] [entities].
 */
public final class EntityWriteBench {
  public static void main(String[] args) throws Exception {
    int writes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int entities = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dataDir = Files.createTempDirectory("actorcrm-bench");
    boolean postgres = Boolean.getBoolean("bench.postgres");
    String db = postgres ? TestNodes.freshPostgresDb() : "jdbc:h2:file:" + dataDir.resolve("journal") + ";AUTO_SERVER=TRUE";
    Map<String, Object> extra = postgres ? Map.of("actorcrm.db.user", "postgres") : Map.of();
    Main.Node node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir, extra));
    ClusterSharding sharding = ClusterSharding.get(node.system());
    Duration timeout = Duration.ofSeconds(30);
    for (int e = 0; e < entities; e++) {
      write(sharding, "rep-" + e, 0, timeout).join();
    }
    long start = System.nanoTime();
    for (int i = 1; i <= writes / 10; i++) {
      write(sharding, "rep-0", i, timeout).join();
    }
    double serial = (System.nanoTime() - start) / 1e9;
    System.out.printf("one entity, one write at a time: %.2f ms per write%n", serial * 1000 / (writes / 10));

    start = System.nanoTime();
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    for (int i = 0; i < writes; i++) {
      inFlight.add(write(sharding, "rep-" + (i % entities), 1_000 + i, timeout));
    }
    inFlight.forEach(CompletableFuture::join);
    double parallel = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d entities, all writes in flight: %,.0f writes/s%n", entities, writes / parallel);
    for (int e = 0; e < entities; e++) {
      int n = e;
      sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, "p" + e + ":100ml")
          .<ProductState>askWithStatus(r -> new ProductEntity.SetReference("p" + n, "100ml", new BigDecimal("200"),
              new BigDecimal("180"), r), timeout).toCompletableFuture().join();
    }
    start = System.nanoTime();
    inFlight.clear();
    for (int i = 0; i < writes; i++) {
      int url = i % (entities * 10);
      BigDecimal price = BigDecimal.valueOf(170 + (i / (entities * 10) + url) % 60);
      LandedPrice landed = new LandedPrice(price, 1, price, price, List.of("1 x " + price + " = " + price));
      Observation o = new Observation("https://bench/" + url, "shop" + url % 50, "p" + url % entities, null, price, "[]",
          "100ml", 1, price.compareTo(new BigDecimal("180")) < 0 ? Verdict.VIOLATION : Verdict.OK, true, landed, false,
          List.of(), List.of(), List.of(), BigDecimal.ONE, TestClock.AHEAD.instant());
      inFlight.add(sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, "p" + url % entities + ":100ml")
          .<ProductEntity.OfferOutcome>askWithStatus(r -> new ProductEntity.RecordOffer(o, r), timeout).toCompletableFuture());
    }
    inFlight.forEach(CompletableFuture::join);
    double offers = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d products, all offers in flight: %,.0f offers/s%n", entities, writes / offers);
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
    if (postgres) {
      TestNodes.dropPostgresDb(db);
    }
  }

  private static CompletableFuture<RepEntity.State> write(ClusterSharding sharding, String id, int capacity, Duration t) {
    RepEntity.Profile profile = new RepEntity.Profile("Bench", "bench", Map.of(), capacity, 1);
    return sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, id)
        .<RepEntity.State>askWithStatus(r -> new RepEntity.UpdateProfile(profile, r), t).toCompletableFuture();
  }
}
