package actorcrm.bench;

import actorcrm.ingest.KafkaBroker;
import actorcrm.node.Database;
import actorcrm.node.DbSettings;
import actorcrm.node.EntitySettings;
import actorcrm.node.JournalSchema;
import actorcrm.node.NodeConfig;
import actorcrm.node.PooledJdbcSession;
import actorcrm.node.TestNodes;
import actorcrm.pricing.LandedPrice;
import actorcrm.pricing.Observation;
import actorcrm.pricing.PriceAlertHandler;
import actorcrm.pricing.PriceControlProjection;
import actorcrm.pricing.PriceControlProjectionHandler;
import actorcrm.pricing.PriceControlReadModel;
import actorcrm.pricing.PricingSettings;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ProductEvent;
import actorcrm.pricing.ProductState;
import actorcrm.pricing.ShopCounterHandler;
import actorcrm.pricing.Verdict;
import actorcrm.pricing.ViolationTags;
import actorcrm.pricing.ViolationTagsUpgrade;
import actorcrm.shop.ShopEntity;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How long each price-control projection takes to read a journal it has never read from start to
 * end, before and after the change to projections, in one run: each mode fills its own fresh
 * journal the same way (products with violating listings, opened, deepened, resolved round after
 * round) with no projection running, then starts the projections and times each to the journal's
 * end. "before" is the wiring as it was: persistence-jdbc's own read-journal DAO, one projection per
 * name on the single price-control tag. "after" is the node's wiring: the tag-first DAO and the
 * shop-counter and alert projections per violation slice. Alerts go to a real in-JVM Kafka broker.
 * Args: [products] [listings per product] [rounds] [seconds allowed per mode]; -Dbench.postgres=true
 * for PostgreSQL.
 */
public final class ProjectionCatchUpBench {
  private static final String DEFAULT_DAO_JOURNAL = "bench-default-dao-read-journal";
  private static final BigDecimal FLOOR = new BigDecimal("180");
  private static final String[] CYCLE = {"170", "165", "168", "200"};

  public static void main(String[] args) throws Exception {
    int products = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int listings = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    Duration allowed = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 600);
    boolean postgres = Boolean.getBoolean("bench.postgres");
    KafkaBroker broker = KafkaBroker.get();
    for (String mode : List.of("before", "after")) {
      Path dataDir = Files.createTempDirectory("actorcrm-catchup");
      String db = postgres ? TestNodes.freshPostgresDb() : "jdbc:h2:file:" + dataDir.resolve("journal") + ";AUTO_SERVER=TRUE";
      Map<String, Object> extra = postgres ? Map.of("actorcrm.db.user", "postgres") : Map.of();
      Config config = NodeConfig.load(ConfigFactory.parseString(DEFAULT_DAO_JOURNAL + " = ${jdbc-read-journal}\n"
              + DEFAULT_DAO_JOURNAL + ".dao = \"" + DefaultReadJournalDao.class.getName() + "\"")
          .withFallback(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir, extra)));
      JournalSchema.apply(DbSettings.from(config));
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM_NAME, config);
      Database database = new Database(DbSettings.from(config), config.getInt("actorcrm.db.max-connections"));
      try {
        new PriceControlReadModel(database.dataSource()).createSchema();
        JdbcProjection.createTablesIfNotExists(() -> new PooledJdbcSession(database.dataSource()), system)
            .toCompletableFuture().join();
        while (Cluster.get(system).selfMember().status() != MemberStatus.up()) {
          Thread.sleep(100);
        }
        EntitySettings entities = EntitySettings.from(config, Clock.systemUTC());
        ProductEntity.init(system, entities, PricingSettings.from(config));
        ShopEntity.init(system, entities);
        long fillStart = System.nanoTime();
        int sightings = fill(system, products, listings, rounds);
        System.out.printf("%s (%s): %,d sightings journaled in %.0f s; events per tag: %s%n", mode,
            postgres ? "PostgreSQL" : "H2", sightings, (System.nanoTime() - fillStart) / 1e9, tagCounts(database.dataSource()));

        String topic = "bench-alerts-" + mode + "-" + System.nanoTime();
        broker.createTopic(topic, 4);
        SendProducer<String, String> producer = new SendProducer<>(ProducerSettings.create(system, new StringSerializer(),
            new StringSerializer()).withBootstrapServers(broker.bootstrapServers()), system);
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("price-read-model", List.of(ProductEvent.TAG));
        long start = System.nanoTime();
        if (mode.equals("before")) {
          startAsBefore(system, database.dataSource(), entities.askTimeout(), producer, topic);
          keys.put(PriceControlProjection.SHOP_COUNTERS, List.of(ProductEvent.TAG));
          keys.put(PriceControlProjection.PRICE_ALERTS, List.of(ProductEvent.TAG));
        } else {
          ViolationTagsUpgrade.apply(database.dataSource(), Clock.systemUTC());
          PriceControlProjection.init(system, database.dataSource(), entities.askTimeout(), producer, topic);
          keys.put(PriceControlProjection.SHOP_COUNTERS, ViolationTags.all());
          keys.put(PriceControlProjection.PRICE_ALERTS, ViolationTags.all());
        }
        awaitEnd(database.dataSource(), keys, start, allowed, mode);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        database.close();
        if (postgres) {
          TestNodes.dropPostgresDb(db);
        }
      }
    }
    System.exit(0);
  }

  /** Every listing cycles opened, deepened, seen, resolved; all listings of a round are in flight at once. */
  private static int fill(ActorSystem<?> system, int products, int listings, int rounds) {
    ClusterSharding sharding = ClusterSharding.get(system);
    Duration timeout = Duration.ofSeconds(60);
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    for (int p = 0; p < products; p++) {
      int n = p;
      inFlight.add(sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, "p" + p + ":100ml")
          .<ProductState>askWithStatus(r -> new ProductEntity.SetReference("p" + n, "100ml", new BigDecimal("200"), FLOOR, r),
              timeout).toCompletableFuture());
    }
    inFlight.forEach(CompletableFuture::join);
    int sightings = 0;
    for (int round = 0; round < rounds; round++) {
      inFlight.clear();
      for (int p = 0; p < products; p++) {
        for (int l = 0; l < listings; l++) {
          BigDecimal price = new BigDecimal(CYCLE[(round + l) % CYCLE.length]);
          LandedPrice landed = new LandedPrice(price, 1, price, price, List.of("1 x " + price + " = " + price));
          Observation o = new Observation("https://bench/p" + p + "/" + l, "shop" + (p * listings + l) % 50, "p" + p, null,
              price, "[]", "100ml", 1, price.compareTo(FLOOR) < 0 ? Verdict.VIOLATION : Verdict.OK, true, landed, false,
              List.of(), List.of(), List.of(), BigDecimal.ONE, Clock.systemUTC().instant());
          inFlight.add(sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, "p" + p + ":100ml")
              .<ProductEntity.OfferOutcome>askWithStatus(r -> new ProductEntity.RecordOffer(o, r), timeout)
              .toCompletableFuture());
          sightings++;
        }
      }
      inFlight.forEach(CompletableFuture::join);
    }
    return sightings;
  }

  /** The projections as they were wired before this change. */
  private static void startAsBefore(ActorSystem<?> system, DataSource dataSource, Duration askTimeout,
                                    SendProducer<String, String> producer, String topic) {
    Supplier<PooledJdbcSession> sessions = () -> new PooledJdbcSession(dataSource);
    var source = EventSourcedProvider.<Object>eventsByTag(system, DEFAULT_DAO_JOURNAL, ProductEvent.TAG);
    ClusterSharding sharding = ClusterSharding.get(system);
    ShopCounterHandler.Retry once = new ShopCounterHandler.Retry(askTimeout, 1, Duration.ZERO, Duration.ZERO);
    spawn(system, JdbcProjection.groupedWithin(ProjectionId.of("price-read-model", ProductEvent.TAG), source, sessions,
        PriceControlProjectionHandler::new, system).withGroup(500, Duration.ofMillis(200)));
    spawn(system, JdbcProjection.atLeastOnceAsync(ProjectionId.of(PriceControlProjection.SHOP_COUNTERS, ProductEvent.TAG),
        source, sessions, () -> new ShopCounterHandler(system,
            shop -> sharding.entityRefFor(ShopEntity.ENTITY_TYPE_KEY, shop), once), system));
    spawn(system, JdbcProjection.atLeastOnceAsync(ProjectionId.of(PriceControlProjection.PRICE_ALERTS, ProductEvent.TAG),
        source, sessions, () -> new PriceAlertHandler(producer, topic), system));
  }

  private static void spawn(ActorSystem<?> system, Projection<EventEnvelope<Object>> projection) {
    system.systemActorOf(ProjectionBehavior.create(projection), projection.projectionId().name(), Props.empty());
  }

  /** Polls the offset store until every projection's offsets reach the last event of its tags; prints each time. */
  private static void awaitEnd(DataSource dataSource, Map<String, List<String>> keys, long start, Duration allowed,
                               String mode) throws Exception {
    Map<String, Long> lastOfTag = lastEventPerTag(dataSource);
    Map<String, Long> eventsOfTag = tagCounts(dataSource);
    Map<String, Double> finished = new LinkedHashMap<>();
    long nextReport = start + 30_000_000_000L;
    while (finished.size() < keys.size()) {
      Map<String, Long> offsets = offsets(dataSource);
      double seconds = (System.nanoTime() - start) / 1e9;
      for (Map.Entry<String, List<String>> e : keys.entrySet()) {
        boolean done = e.getValue().stream().allMatch(tag ->
            offsets.getOrDefault(e.getKey() + "/" + tag, 0L) >= lastOfTag.getOrDefault(tag, 0L));
        if (done && !finished.containsKey(e.getKey())) {
          finished.put(e.getKey(), seconds);
          long events = e.getValue().stream().mapToLong(tag -> eventsOfTag.getOrDefault(tag, 0L)).sum();
          System.out.printf("%s: %s reached the end in %.1f s (%,d events, %,.0f events/s)%n", mode, e.getKey(), seconds,
              events, events / seconds);
        }
      }
      if (System.nanoTime() > nextReport || seconds > allowed.toSeconds()) {
        System.out.printf("%s: after %.0f s, offsets %s of last %s%n", mode, seconds, offsets, lastOfTag);
        nextReport += 30_000_000_000L;
        if (seconds > allowed.toSeconds()) {
          System.out.printf("%s: gave up after %d s; not at the end: %s%n", mode, allowed.toSeconds(),
              keys.keySet().stream().filter(k -> !finished.containsKey(k)).toList());
          return;
        }
      }
      Thread.sleep(100);
    }
  }

  private static Map<String, Long> offsets(DataSource dataSource) throws SQLException {
    return query(dataSource, "SELECT \"projection_name\" || '/' || \"projection_key\", CAST(\"current_offset\" AS BIGINT)"
        + " FROM \"pekko_projection_offset_store\"");
  }

  private static Map<String, Long> lastEventPerTag(DataSource dataSource) throws SQLException {
    return query(dataSource, "SELECT \"tag\", MAX(\"event_id\") FROM \"event_tag\" GROUP BY \"tag\" ORDER BY \"tag\"");
  }

  private static Map<String, Long> tagCounts(DataSource dataSource) throws SQLException {
    return query(dataSource, "SELECT \"tag\", COUNT(*) FROM \"event_tag\" GROUP BY \"tag\" ORDER BY \"tag\"");
  }

  private static Map<String, Long> query(DataSource dataSource, String sql) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getLong(2));
      }
      c.commit();
    }
    return rows;
  }
}
