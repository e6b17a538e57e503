package actorcrm.pricing;

import actorcrm.node.Database;
import actorcrm.node.DbSettings;
import actorcrm.node.NodeConfig;
import actorcrm.node.TestNodes;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Shop records made for a read model that already held violations before shop records existed. */
class ShopRecordsTest {
  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

  private Database database;

  @BeforeEach
  void open() {
    database = new Database(DbSettings.from(NodeConfig.load(ConfigFactory.parseMap(
        Map.of("actorcrm.db.url", TestNodes.memoryDb())))), 2);
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** The violations table as it was before enforcement, with one row. */
  private void oldRow(Connection c, String id, String shop, boolean repeat, Instant openedAt, Instant resolvedAt,
                      String resolution) throws Exception {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO price_violations (id, sku, shop, listing_url, status, repeat_offence, opened_at, last_seen_at, "
            + "resolved_at, resolution) VALUES (?, 'a:1ml', ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, shop);
      insert.setString(3, "https://x/" + id);
      insert.setString(4, resolution == null ? "open" : "resolved");
      insert.setBoolean(5, repeat);
      insert.setObject(6, openedAt.atOffset(ZoneOffset.UTC));
      insert.setObject(7, openedAt.atOffset(ZoneOffset.UTC));
      insert.setObject(8, resolvedAt == null ? null : resolvedAt.atOffset(ZoneOffset.UTC));
      insert.setString(9, resolution);
      insert.executeUpdate();
    }
  }

  @Test
  void shopRecordsAreFilledFromTheViolationsAlreadyThereOnce() throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE price_violations (id VARCHAR(1024) PRIMARY KEY, sku VARCHAR(512) NOT NULL,
            shop VARCHAR(512) NOT NULL, listing_url VARCHAR(2048) NOT NULL, status VARCHAR(16) NOT NULL,
            landed_price NUMERIC(14, 2), quantity INTEGER, floor_price NUMERIC(14, 2), gap_pct NUMERIC(9, 2),
            repeat_offence BOOLEAN NOT NULL, opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
            last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL, resolved_at TIMESTAMP WITH TIME ZONE,
            resolution VARCHAR(32), evidence TEXT)""");
      // A: one fixed in 3 h, one open repeat offence; B: one that resolved by going away (not a fix).
      oldRow(c, "a:1ml#1", "A", false, T0, T0.plusSeconds(3 * 3600), "price_restored");
      oldRow(c, "a:1ml#2", "A", true, T0.plusSeconds(4 * 3600), null, null);
      oldRow(c, "a:1ml#3", "B", false, T0, T0.plusSeconds(72 * 3600), "listing_gone");
      c.commit();
    }
    PriceControlReadModel readModel = new PriceControlReadModel(database.dataSource());
    readModel.createSchema();
    readModel.createSchema();

    List<ShopRecords.ShopRecord> ranked = new ShopRecords(database.dataSource()).ranked(ShopRecords.Sort.OFFENCES);
    assertEquals(List.of("A", "B"), ranked.stream().map(ShopRecords.ShopRecord::shop).toList());
    ShopRecords.ShopRecord a = ranked.get(0);
    assertEquals(2, a.violationsTotal());
    assertEquals(1, a.openViolations());
    assertEquals(1, a.repeatOffences());
    assertEquals(1, a.fixed());
    assertEquals(new BigDecimal("3.0"), a.avgHoursToFix());
    assertEquals(T0.plusSeconds(4 * 3600), a.lastViolationAt());
    ShopRecords.ShopRecord b = ranked.get(1);
    assertEquals(0, b.openViolations());
    assertEquals(0, b.fixed());
    assertNull(b.avgHoursToFix());
    assertEquals("none", readModel.violations("all", "A", null, null).get(0).stage(), "old violations were never noticed");
  }
}
