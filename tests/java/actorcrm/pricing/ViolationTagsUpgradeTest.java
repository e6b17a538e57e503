package actorcrm.pricing;

import actorcrm.platform.EntitySettings;
import actorcrm.platform.PooledJdbcSession;
import actorcrm.node.Database;
import actorcrm.node.DbSettings;
import actorcrm.node.JournalSchema;
import actorcrm.node.NodeConfig;
import actorcrm.node.TestNodes;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal written before violation events carried slice tags (only {@code price-control}) is
 * upgraded at start: the events the old shop-counter and alert projections had not reached get
 * exactly the slice tags the entity now writes, and each slice projection starts where its old
 * projection stopped, so nothing is handled twice or skipped. A second start changes nothing.
 */
@ExtendWith(LogCapturingExtension.class)
class ViolationTagsUpgradeTest {
  private static final BigDecimal FLOOR = new BigDecimal("180.00");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);

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
  void eventsTheOldProjectionsHadNotReachedGetTheirSliceTagsAndOffsetsCarryOver() throws Exception {
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of(
        "actorcrm.db.url", TestNodes.memoryDb(), "pekko.actor.provider", "local",
        "pekko.coordinated-shutdown.exit-jvm", "off")));
    JournalSchema.apply(DbSettings.from(config));
    kit = ActorTestKit.create("violation-tags-upgrade", config);
    database = new Database(DbSettings.from(config), 2);
    JdbcProjection.createTablesIfNotExists(() -> new PooledJdbcSession(database.dataSource()), kit.system())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    writeViolations(EntitySettings.from(config, CLOCK), PricingSettings.from(config));

    Map<Long, String> written = sliceTags();
    assertTrue(written.size() >= 30, "violation events were written with slice tags: " + written.size());
    long middle = new TreeSet<>(written.keySet()).stream().skip(written.size() / 2).findFirst().orElseThrow();

    // As the old version left it: no slice tags; shop counters had reached the middle, alerts never ran.
    sql("DELETE FROM \"event_tag\" WHERE \"tag\" LIKE 'violations-%'");
    storeOffset(PriceControlProjection.SHOP_COUNTERS, ProductEvent.TAG, middle);
    assertEquals(written.size(), ViolationTagsUpgrade.apply(database.dataSource(), CLOCK));
    assertEquals(written, sliceTags(), "the alert projection never ran, so every violation event is sliced");
    assertEquals(Map.of(PriceControlProjection.SHOP_COUNTERS, middle, PriceControlProjection.PRICE_ALERTS, 0L),
        sliceOffsets());
    assertEquals(0, ViolationTagsUpgrade.apply(database.dataSource(), CLOCK), "a second start has nothing to do");
    assertEquals(written, sliceTags());

    // Both old projections had reached the middle: only the events after it need slice tags.
    sql("DELETE FROM \"event_tag\" WHERE \"tag\" LIKE 'violations-%'");
    sql("DELETE FROM \"pekko_projection_offset_store\" WHERE \"projection_key\" LIKE 'violations-%'");
    storeOffset(PriceControlProjection.PRICE_ALERTS, ProductEvent.TAG, middle);
    Map<Long, String> afterMiddle = new TreeMap<>(written);
    afterMiddle.keySet().removeIf(id -> id <= middle);
    assertEquals(afterMiddle.size(), ViolationTagsUpgrade.apply(database.dataSource(), CLOCK));
    assertEquals(afterMiddle, sliceTags());
    assertEquals(Map.of(PriceControlProjection.SHOP_COUNTERS, middle, PriceControlProjection.PRICE_ALERTS, middle),
        sliceOffsets());
  }

  /** Five products in different slices, four violating listings each, one of them resolved and opened again. */
  private void writeViolations(EntitySettings entities, PricingSettings pricing) {
    for (String sku : List.of("精华油1:125ml", "精华油2:30ml", "沐浴露:500ml", "洗发水:400ml", "面霜:50ml")) {
      String product = sku.substring(0, sku.indexOf(':'));
      String size = sku.substring(sku.indexOf(':') + 1);
      ActorRef<ProductEntity.Command> entity = kit.spawn(ProductEntity.create(sku, entities, pricing));
      this.<ProductState>ask(entity, r -> new ProductEntity.SetReference(product, size, new BigDecimal("200.00"), FLOOR, r));
      for (int listing = 0; listing < 4; listing++) {
        String url = "https://shop.example/" + sku + "/" + listing;
        for (String price : listing == 0 ? List.of("170.00", "160.00", "199.00", "150.00") : List.of("170.00")) {
          this.<ProductEntity.OfferOutcome>ask(entity, r -> new ProductEntity.RecordOffer(sighting(url, sku, price), r));
        }
      }
    }
  }

  private static Observation sighting(String url, String sku, String price) {
    BigDecimal p = new BigDecimal(price);
    LandedPrice landed = new LandedPrice(p, 1, p, p, List.of("1 x " + p + " = " + p));
    return new Observation(url, "经销商A", sku.substring(0, sku.indexOf(':')), null, p, "[]", sku.substring(sku.indexOf(':') + 1),
        1, p.compareTo(FLOOR) < 0 ? Verdict.VIOLATION : Verdict.OK, true, landed, false, List.of(), List.of(), List.of(),
        BigDecimal.ONE, CLOCK.instant());
  }

  private <R> void ask(ActorRef<ProductEntity.Command> entity, Function<ActorRef<StatusReply<R>>, ProductEntity.Command> command) {
    AskPattern.askWithStatus(entity, command::apply, Duration.ofSeconds(10), kit.system().scheduler())
        .toCompletableFuture().join();
  }

  private Map<Long, String> sliceTags() throws SQLException {
    Map<Long, String> tags = new TreeMap<>();
    try (Connection c = database.dataSource().getConnection();
         var rs = c.createStatement().executeQuery(
             "SELECT \"event_id\", \"tag\" FROM \"event_tag\" WHERE \"tag\" LIKE 'violations-%'")) {
      while (rs.next()) {
        assertEquals(null, tags.put(rs.getLong(1), rs.getString(2)), "one slice tag per event");
      }
      c.commit();
    }
    return tags;
  }

  /** Each sliced projection's offset, which must be the same for all its slices. */
  private Map<String, Long> sliceOffsets() throws SQLException {
    Map<String, Long> offsets = new TreeMap<>();
    try (Connection c = database.dataSource().getConnection();
         var rs = c.createStatement().executeQuery("SELECT \"projection_name\", \"projection_key\", \"current_offset\""
             + " FROM \"pekko_projection_offset_store\" WHERE \"projection_key\" LIKE 'violations-%'")) {
      Map<String, Integer> slices = new TreeMap<>();
      while (rs.next()) {
        Long before = offsets.put(rs.getString(1), Long.parseLong(rs.getString(3)));
        assertTrue(before == null || before == Long.parseLong(rs.getString(3)), "slices of " + rs.getString(1) + " agree");
        slices.merge(rs.getString(1), 1, Integer::sum);
      }
      c.commit();
      slices.values().forEach(n -> assertEquals(ViolationTags.SLICES, n));
    }
    return offsets;
  }

  private void storeOffset(String projection, String key, long offset) throws SQLException {
    sql("INSERT INTO \"pekko_projection_offset_store\" (\"projection_name\", \"projection_key\", \"current_offset\","
        + " \"manifest\", \"mergeable\", \"last_updated\") VALUES ('" + projection + "', '" + key + "', '" + offset
        + "', 'SEQ', FALSE, 0)");
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = database.dataSource().getConnection()) {
      c.createStatement().executeUpdate(statement);
      c.commit();
    }
  }
}
