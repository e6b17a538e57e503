package actorcrm.node;

import actorcrm.platform.FieldLimits;
import actorcrm.platform.Instruments;
import actorcrm.platform.EntitySettings;
import actorcrm.platform.PooledJdbcSession;
import actorcrm.platform.ClusterView;
import actorcrm.platform.EntityKind;
import actorcrm.api.HttpApi;
import actorcrm.api.LeadRoutes;
import actorcrm.api.NodeRoutes;
import actorcrm.api.PricingRoutes;
import actorcrm.api.ShopRoutes;
import actorcrm.api.RepRoutes;
import actorcrm.api.TicketRoutes;
import actorcrm.api.Tokens;
import actorcrm.dispatch.DispatchSettings;
import actorcrm.dispatch.DispatcherEntity;
import actorcrm.dispatch.RepEntity;
import actorcrm.ingest.DeadLetters;
import actorcrm.ingest.IngestSettings;
import actorcrm.ingest.KafkaIngest;
import actorcrm.ingest.KafkaSettings;
import actorcrm.ingest.ListingDecoder;
import actorcrm.ingest.ListingIngest;
import actorcrm.ingest.WorkIngest;
import actorcrm.ops.Health;
import actorcrm.ops.Metrics;
import actorcrm.pricing.CatalogReplica;
import actorcrm.pricing.ImportSettings;
import actorcrm.pricing.PriceControlProjection;
import actorcrm.pricing.PriceControlReadModel;
import actorcrm.pricing.PricingSettings;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ShopRecords;
import actorcrm.pricing.ProductState;
import actorcrm.pricing.ReferenceImport;
import actorcrm.pricing.ViolationSweeper;
import actorcrm.pricing.ViolationTagsUpgrade;
import actorcrm.sales.DedupeIndexEntity;
import actorcrm.sales.LeadEntity;
import actorcrm.sales.LeadState;
import actorcrm.sales.LeaderboardReadModel;
import actorcrm.sales.SalesProjection;
import actorcrm.sales.SalesSettings;
import actorcrm.service.ServiceSettings;
import actorcrm.service.TicketEntity;
import actorcrm.service.TicketState;
import actorcrm.shop.ShopEntity;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Boots one ActorCrm node: schema, actor system, sharded entities, management and the HTTP API. */
public final class Main {
  private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  static {
    // Scala's CompletionStage runs thenApply & co. on the common pool; with one core to spare (2 cores)
    // that pool has parallelism 1 and the JDK then starts a new thread per callback. Must run first.
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "4");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  /** A running node, as tests and operators see it. */
  public record Node(ActorSystem<Void> system, ServerBinding http, String adminToken) {
    public int httpPort() {
      return http.localAddress().getPort();
    }
  }

  private Main() {}

  public static void main(String[] args) {
    try {
      Node node = start(ConfigFactory.empty());
      log.info("ActorCrm node up: http {} cluster {}", node.http().localAddress(),
          node.system().address());
    } catch (RuntimeException e) {
      log.error("ActorCrm node failed to start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /** Starts a node whose configuration is {@code overrides} over the files and the environment. */
  public static Node start(Config overrides) {
    Config config = NodeConfig.load(overrides);
    return boot(config, machineClock(config));
  }

  /** Starts a node as {@link #start(Config)} does, telling time by {@code clock} (a test that moves time). */
  public static Node start(Config overrides, Clock clock) {
    return boot(NodeConfig.load(overrides), clock);
  }

  private static Node boot(Config config, Clock clock) {
    retrying("journal schema", () -> JournalSchema.apply(DbSettings.from(config)));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM_NAME, config);
    try {
      return init(system, clock);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  private static Clock machineClock(Config config) {
    return Clock.offset(Clock.systemUTC(), config.getDuration("actorcrm.clock-offset"));
  }

  /** Wires one node onto {@code system}: the same for production and for in-JVM cluster tests. */
  public static Node init(ActorSystem<Void> system) {
    return init(system, machineClock(system.settings().config()));
  }

  /** Wires one node onto {@code system} whose every timestamp and deadline comes from {@code clock}. */
  public static Node init(ActorSystem<Void> system, Clock clock) {
    Config config = system.settings().config();
    EntitySettings entities = EntitySettings.from(config, clock);
    PricingSettings pricing = PricingSettings.from(config);
    KafkaSettings kafka = KafkaSettings.from(config);
    IngestSettings ingestSettings = IngestSettings.from(config);
    SalesSettings sales = SalesSettings.from(config);
    DispatchSettings dispatch = DispatchSettings.from(config);
    FieldLimits limits = FieldLimits.from(config);
    ImportSettings imports = ImportSettings.from(config);
    Duration askTimeout = entities.askTimeout();

    Database database = new Database(DbSettings.from(config), config.getInt("actorcrm.db.max-connections"));
    system.getWhenTerminated().thenRun(database::close);
    PriceControlReadModel readModel = new PriceControlReadModel(database.dataSource());
    retrying("read model schema", readModel::createSchema);
    LeaderboardReadModel leaderboard = new LeaderboardReadModel(database.dataSource());
    retrying("leaderboard schema", leaderboard::createSchema);
    retrying("projection offset tables", () -> JdbcProjection.createTablesIfNotExists(
            () -> new PooledJdbcSession(database.dataSource()), system)
        .toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join());

    List<EntityKind<?, ?>> kinds = List.of(
        new EntityKind<>(ProductEntity.ENTITY_TYPE_KEY, ProductEntity.Get::new, ProductState::known),
        new EntityKind<>(ShopEntity.ENTITY_TYPE_KEY, ShopEntity.Get::new, ShopEntity.State::known),
        new EntityKind<>(RepEntity.ENTITY_TYPE_KEY, RepEntity.Get::new, RepEntity.State::known),
        new EntityKind<>(LeadEntity.ENTITY_TYPE_KEY, LeadEntity.Get::new, LeadState::known),
        new EntityKind<>(TicketEntity.ENTITY_TYPE_KEY, TicketEntity.Get::new, TicketState::known),
        new EntityKind<>(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.GetView::new,
            view -> !view.reps().isEmpty() || !view.queue().isEmpty()));
    List<String> entityTypes = Stream.concat(kinds.stream().map(EntityKind::name),
        Stream.of(DedupeIndexEntity.ENTITY_TYPE_KEY.name())).toList();
    Metrics metrics = Metrics.install(system, entityTypes);
    metrics.watchOpenViolations(readModel::openViolations);
    ProductEntity.init(system, entities, pricing);
    ShopEntity.init(system, entities);
    RepEntity.init(system, entities, dispatch);
    DispatcherEntity.init(system, entities, dispatch.retries());
    LeadEntity.init(system, entities, sales, dispatch.retries());
    DedupeIndexEntity.init(system, entities);
    TicketEntity.init(system, entities, ServiceSettings.from(config), dispatch.retries());

    CatalogReplica catalog = new CatalogReplica(system, pricing.check());
    ListingDecoder decoder = new ListingDecoder(limits);
    ListingIngest ingest = new ListingIngest(system, catalog, decoder, ingestSettings, askTimeout, kafka.parallelism());
    ReferenceImport importer = new ReferenceImport(system, catalog, askTimeout, imports, limits);
    SendProducer<String, String> alerts = null;
    if (kafka.enabled()) {
      alerts = new SendProducer<>(ProducerSettings.create(system, new StringSerializer(), new StringSerializer())
          .withBootstrapServers(kafka.bootstrapServers()), system);
      DeadLetters dlq = new DeadLetters(new SendProducer<>(
          ProducerSettings.create(system, new StringSerializer(), new ByteArraySerializer())
              .withBootstrapServers(kafka.bootstrapServers()), system), kafka.deadLetterMaxBytes());
      system.systemActorOf(KafkaIngest.create(kafka, kafka.listings(), ingest.flow(), dlq, metrics), "kafka-listings", Props.empty());
      WorkIngest work = new WorkIngest(system, ingestSettings, sales.createWait(), kafka.parallelism(), limits);
      system.systemActorOf(KafkaIngest.create(kafka, kafka.leads(), work.leads(), dlq, metrics), "kafka-leads", Props.empty());
      system.systemActorOf(KafkaIngest.create(kafka, kafka.tickets(), work.tickets(), dlq, metrics), "kafka-tickets", Props.empty());
    }
    retrying("violation slice tags", () -> {
      int tagged = ViolationTagsUpgrade.apply(database.dataSource(), clock);
      if (tagged > 0) {
        log.info("Gave {} violation events written before slicing their slice tag", tagged);
      }
    });
    PriceControlProjection.init(system, database.dataSource(), askTimeout, alerts, kafka.alertsTopic());
    ViolationSweeper.init(system, readModel, pricing, askTimeout, clock);
    SalesProjection.init(system, database.dataSource());

    List<String> topics = kafka.enabled()
        ? List.of(kafka.listings().topic(), kafka.leads().topic(), kafka.tickets().topic()) : List.of();
    Health health = new Health(system, entityTypes, database.dataSource(), topics, metrics::graphs, kafka.bootstrapServers());
    Instruments.provide(system, Health.class, health);
    PekkoManagement.get(system).start().toCompletableFuture().join();

    String adminToken = AdminToken.resolve(config.getString("actorcrm.http.admin-token"),
        Path.of(config.getString("actorcrm.data-dir")));
    Tokens tokens = new Tokens(adminToken, config.getDuration("actorcrm.http.token-ttl"), clock);
    ClusterView view = new ClusterView(system, config.getDuration("actorcrm.http.shard-query-timeout"));
    ClusterSharding sharding = ClusterSharding.get(system);
    HttpApi api = new HttpApi(tokens,
        repId -> sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId).ask(RepEntity.Get::new, askTimeout)
            .thenApply(rep -> !rep.departed()),
        new NodeRoutes(system, tokens, view, health, kinds, askTimeout,
            limits),
        new RepRoutes(system, tokens, dispatch, askTimeout, limits),
        new LeadRoutes(system, tokens, askTimeout, sales.createWait(), leaderboard, limits),
        new TicketRoutes(system, tokens, askTimeout, sales.createWait(), clock, limits),
        new PricingRoutes(system, tokens, catalog, importer, ingest, decoder, readModel, pricing, imports, askTimeout,
            clock, limits),
        new ShopRoutes(system, tokens, new ShopRecords(database.dataSource())), metrics, metrics::scrape);
    ServerBinding binding = api.bind(system, config.getString("actorcrm.http.host"), config.getInt("actorcrm.http.port"))
        .toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    importReferenceFile(system, importer, pricing.referenceFile());
    return new Node(system, binding, adminToken);
  }

  /**
   * Runs a schema step, retrying a few times: nodes starting together race on CREATE ... IF NOT
   * EXISTS, which PostgreSQL can answer with a duplicate-key error for the loser. The last failure
   * stops the start with the database's message.
   */
  private static void retrying(String what, Runnable step) {
    for (int attempt = 1; ; attempt++) {
      try {
        step.run();
        return;
      } catch (RuntimeException e) {
        if (attempt == 5) {
          throw e;
        }
        log.warn("Creating the {} failed (attempt {} of 5), retrying: {}", what, attempt, e.getMessage());
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static void importReferenceFile(ActorSystem<?> system, ReferenceImport importer, String file) {
    if (file.isBlank()) {
      return;
    }
    byte[] csv;
    try {
      csv = Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the reference table " + file + ": " + e.getMessage(), e);
    }
    importer.run(csv).whenComplete((outcome, failure) -> {
      if (failure != null) {
        system.log().error("Importing {} failed: {}", file, failure.getMessage());
      } else {
        system.log().info("Imported {} reference rows from {}; rejected: {}", outcome.imported(), file, outcome.rejected());
      }
    });
  }
}
