package actorcrm.pricing;

import actorcrm.platform.EntitySettings;
import actorcrm.platform.PooledJdbcSession;
import actorcrm.Eventually;
import actorcrm.TestClock;
import actorcrm.node.Database;
import actorcrm.node.DbSettings;
import actorcrm.node.JournalSchema;
import actorcrm.node.NodeConfig;
import actorcrm.node.TestNodes;
import actorcrm.shop.ShopEntity;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shop-counter projections, wired as the cluster runs them (one per violation slice), against
 * a real H2 journal fed by real product entities: shops that do not answer at first — more asks
 * than one envelope's retries, so the projection also fails and restarts — are counted correctly
 * once they answer, instead of the projection stopping for good.
 */
@ExtendWith(LogCapturingExtension.class)
class ShopCounterProjectionTest {
  private static final BigDecimal FLOOR = new BigDecimal("180.00");
  private static final int SILENT_ASKS = 8;

  private ActorTestKit kit;
  private Database database;

  @AfterEach
  void stop() {
    if (kit != null) {
      kit.shutdownTestKit();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void shopCountersCatchUpAfterShopsThatDidNotAnswer() throws Exception {
    String url = TestNodes.memoryDb();
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of(
        "actorcrm.db.url", url, "pekko.actor.provider", "local", "pekko.coordinated-shutdown.exit-jvm", "off")));
    DbSettings db = DbSettings.from(config);
    JournalSchema.apply(db);
    kit = ActorTestKit.create("shop-counters", config);
    database = new Database(db, 4);
    JdbcProjection.createTablesIfNotExists(() -> new PooledJdbcSession(database.dataSource()), kit.system())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    EntitySettings entities = EntitySettings.from(config, TestClock.AHEAD);

    List<String> skus = List.of("精华油1:125ml", "精华油2:30ml", "沐浴露:500ml", "洗发水:400ml", "面霜:50ml");
    assertEquals(ViolationTags.SLICES, skus.stream().map(ViolationTags::forSku).distinct().count(),
        "the products fall into every slice");
    List<String> shopNames = List.of("经销商A", "经销商B");
    for (String sku : skus) {
      ActorRef<ProductEntity.Command> product = kit.spawn(ProductEntity.create(sku, entities, PricingSettings.from(config)));
      this.<ProductState>ask(product, r -> new ProductEntity.SetReference(sku.substring(0, sku.indexOf(':')), sku.substring(sku.indexOf(':') + 1),
          new BigDecimal("200.00"), FLOOR, r));
      for (int listing = 0; listing < 4; listing++) {
        String shop = shopNames.get(listing % 2);
        String listingUrl = "https://shop.example/" + sku + "/" + listing;
        this.<ProductEntity.OfferOutcome>ask(product, r -> new ProductEntity.RecordOffer(sighting(listingUrl, shop, sku, "170.00"), r));
        if (listing == 3) {
          this.<ProductEntity.OfferOutcome>ask(product, r -> new ProductEntity.RecordOffer(sighting(listingUrl, shop, sku, "199.00"), r));
        }
      }
    }

    TestProbe<ShopEntity.Command> silent = kit.createTestProbe();
    AtomicInteger unanswered = new AtomicInteger(SILENT_ASKS);
    Map<String, ActorRef<ShopEntity.Command>> shops = new ConcurrentHashMap<>();
    Function<String, RecipientRef<ShopEntity.Command>> shopRefs = shop -> unanswered.getAndDecrement() > 0
        ? silent.getRef() : shops.computeIfAbsent(shop, id -> kit.spawn(ShopEntity.create(id, entities)));
    ShopCounterHandler.Retry retry = new ShopCounterHandler.Retry(Duration.ofMillis(300), 3, Duration.ofMillis(50),
        Duration.ofMillis(200));
    for (String slice : ViolationTags.all()) {
      kit.spawn(ProjectionBehavior.create(PriceControlProjection.shopCounters(kit.system(),
          () -> new PooledJdbcSession(database.dataSource()), slice,
          () -> new ShopCounterHandler(kit.system(), shopRefs, retry))));
    }

    for (int i = 0; i < SILENT_ASKS; i++) {
      silent.expectMessageClass(ShopEntity.Command.class, Duration.ofSeconds(30));
    }
    // Each shop has two violating listings per product, one of which was resolved again.
    Eventually.await(Duration.ofSeconds(60), () -> {
      for (String shop : shopNames) {
        ActorRef<ShopEntity.Command> ref = shops.get(shop);
        assertEquals(true, ref != null, shop + " was asked");
        ShopEntity.State state = AskPattern.<ShopEntity.Command, ShopEntity.State>ask(ref, ShopEntity.Get::new,
            Duration.ofSeconds(5), kit.system().scheduler()).toCompletableFuture().join();
        assertEquals(2L * skus.size(), state.violationsTotal(), shop + " counted every violation once");
        assertEquals(shop.equals("经销商A") ? 2 * skus.size() : skus.size(), state.openViolations(), shop + " open violations");
      }
    });
  }

  private static Observation sighting(String listingUrl, String shop, String sku, String price) {
    BigDecimal p = new BigDecimal(price);
    LandedPrice landed = new LandedPrice(p, 1, p, p, List.of("1 x " + p + " = " + p));
    return new Observation(listingUrl, shop, sku.substring(0, sku.indexOf(':')), null, p, "[]", sku.substring(sku.indexOf(':') + 1),
        1, p.compareTo(FLOOR) < 0 ? Verdict.VIOLATION : Verdict.OK, true, landed, false, List.of(), List.of(), List.of(),
        BigDecimal.ONE, TestClock.AHEAD.instant());
  }

  private <R> void ask(ActorRef<ProductEntity.Command> product,
                       Function<ActorRef<org.apache.pekko.pattern.StatusReply<R>>, ProductEntity.Command> command) {
    AskPattern.askWithStatus(product, command::apply, Duration.ofSeconds(10), kit.system().scheduler())
        .toCompletableFuture().join();
  }
}
