package actorcrm.pricing;

import actorcrm.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The price-control read model in SQL: every violation (open and resolved) and every listing
 * awaiting review, written by the projection from the journal and read by the HTTP API. Plain SQL
 * that runs on H2 and PostgreSQL.
 */
public final class PriceControlReadModel {
  public record ViolationRow(String id, String shop, String sku, String listingUrl, String status, BigDecimal landedPrice,
                             Integer quantity, BigDecimal floor, BigDecimal gapPct, boolean repeat, Instant openedAt,
                             Instant lastSeenAt, Instant resolvedAt, String resolution, JsonNode evidence) {}

  public record ReviewRow(String listingUrl, String shop, String title, BigDecimal pagePrice, String discountInfo,
                          String itemSize, String verdict, JsonNode candidates, JsonNode notes, Instant seenAt) {}

  private static final String[] DDL = {
      """
      CREATE TABLE IF NOT EXISTS price_violations (
        id VARCHAR(1024) PRIMARY KEY,
        sku VARCHAR(512) NOT NULL,
        shop VARCHAR(512) NOT NULL,
        listing_url VARCHAR(2048) NOT NULL,
        status VARCHAR(16) NOT NULL,
        landed_price NUMERIC(14, 2),
        quantity INTEGER,
        floor_price NUMERIC(14, 2),
        gap_pct NUMERIC(9, 2),
        repeat_offence BOOLEAN NOT NULL,
        opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
        last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
        resolved_at TIMESTAMP WITH TIME ZONE,
        resolution VARCHAR(32),
        evidence TEXT)""",
      "CREATE INDEX IF NOT EXISTS price_violations_status_idx ON price_violations (status, last_seen_at)",
      "CREATE INDEX IF NOT EXISTS price_violations_shop_idx ON price_violations (shop)",
      "CREATE INDEX IF NOT EXISTS price_violations_sku_idx ON price_violations (sku)",
      """
      CREATE TABLE IF NOT EXISTS listing_reviews (
        listing_url VARCHAR(2048) PRIMARY KEY,
        shop VARCHAR(512) NOT NULL,
        title TEXT,
        page_price NUMERIC(14, 2),
        discount_info TEXT,
        item_size VARCHAR(128),
        verdict VARCHAR(16) NOT NULL,
        candidates TEXT,
        notes TEXT,
        seen_at TIMESTAMP WITH TIME ZONE NOT NULL)"""
  };

  private final DataSource dataSource;

  public PriceControlReadModel(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the tables; an error stops the node's start with the database's message. */
  public void createSchema() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the price-control read model failed: " + e.getMessage(), e);
    }
  }

  // Writes, called by the projection inside its transaction.

  static void violationOpened(Connection c, Violation v) throws SQLException {
    String evidence = json(v.evidence());
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE price_violations SET status = ?, landed_price = ?, quantity = ?, floor_price = ?, gap_pct = ?, "
            + "last_seen_at = ?, resolved_at = NULL, resolution = NULL, evidence = ? WHERE id = ?")) {
      update.setString(1, v.status().wire());
      update.setBigDecimal(2, v.landedPrice());
      update.setInt(3, v.quantity());
      update.setBigDecimal(4, v.floor());
      update.setBigDecimal(5, v.gapPct());
      update.setObject(6, time(v.lastSeenAt()));
      update.setString(7, evidence);
      update.setString(8, v.id());
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO price_violations (id, sku, shop, listing_url, status, landed_price, quantity, floor_price, gap_pct, "
            + "repeat_offence, opened_at, last_seen_at, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, v.id());
      insert.setString(2, v.sku());
      insert.setString(3, v.shop());
      insert.setString(4, v.listingUrl());
      insert.setString(5, v.status().wire());
      insert.setBigDecimal(6, v.landedPrice());
      insert.setInt(7, v.quantity());
      insert.setBigDecimal(8, v.floor());
      insert.setBigDecimal(9, v.gapPct());
      insert.setBoolean(10, v.repeat());
      insert.setObject(11, time(v.openedAt()));
      insert.setObject(12, time(v.lastSeenAt()));
      insert.setString(13, evidence);
      insert.executeUpdate();
    }
  }

  static void violationChanged(Connection c, String id, BigDecimal landed, int quantity, BigDecimal floor,
                               BigDecimal gapPct, Instant at, Violation.Evidence evidence) throws SQLException {
    String set = "UPDATE price_violations SET landed_price = ?, quantity = ?, floor_price = ?, gap_pct = ?, last_seen_at = ?";
    String sql = evidence == null ? set + " WHERE id = ?" : set + ", evidence = ? WHERE id = ?";
    try (PreparedStatement update = c.prepareStatement(sql)) {
      update.setBigDecimal(1, landed);
      update.setInt(2, quantity);
      update.setBigDecimal(3, floor);
      update.setBigDecimal(4, gapPct);
      update.setObject(5, time(at));
      int i = 6;
      if (evidence != null) {
        update.setString(i++, json(evidence));
      }
      update.setString(i, id);
      update.executeUpdate();
    }
  }

  static void violationResolved(Connection c, String id, Violation.Resolution resolution, Instant at) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE price_violations SET status = 'resolved', resolved_at = ?, resolution = ? WHERE id = ?")) {
      update.setObject(1, time(at));
      update.setString(2, resolution.wire());
      update.setString(3, id);
      update.executeUpdate();
    }
  }

  static void queuedForReview(Connection c, ReviewItem item) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM listing_reviews WHERE listing_url = ?")) {
      delete.setString(1, item.listingUrl());
      delete.executeUpdate();
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO listing_reviews (listing_url, shop, title, page_price, discount_info, item_size, verdict, candidates, "
            + "notes, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, item.listingUrl());
      insert.setString(2, item.shop());
      insert.setString(3, item.title());
      insert.setBigDecimal(4, item.pagePrice());
      insert.setString(5, item.discountInfo());
      insert.setString(6, item.itemSize());
      insert.setString(7, item.verdict().name());
      insert.setString(8, json(item.candidates()));
      insert.setString(9, json(item.notes()));
      insert.setObject(10, time(item.seenAt()));
      insert.executeUpdate();
    }
  }

  static void matched(Connection c, String listingUrl) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM listing_reviews WHERE listing_url = ?")) {
      delete.setString(1, listingUrl);
      delete.executeUpdate();
    }
  }

  // Reads, for the HTTP API and the sweeper.

  /** Violations by status (open, resolved or all), optionally of one shop and/or SKU, newest first. */
  public List<ViolationRow> violations(String status, String shop, String sku) {
    StringBuilder sql = new StringBuilder("SELECT * FROM price_violations WHERE 1 = 1");
    List<String> params = new ArrayList<>();
    if (!"all".equals(status)) {
      sql.append(" AND status = ?");
      params.add(status);
    }
    if (shop != null && !shop.isBlank()) {
      sql.append(" AND shop = ?");
      params.add(shop);
    }
    if (sku != null && !sku.isBlank()) {
      sql.append(" AND sku = ?");
      params.add(sku);
    }
    sql.append(" ORDER BY opened_at DESC, id");
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        q.setString(i + 1, params.get(i));
      }
      List<ViolationRow> rows = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(new ViolationRow(rs.getString("id"), rs.getString("shop"), rs.getString("sku"),
              rs.getString("listing_url"), rs.getString("status"), rs.getBigDecimal("landed_price"),
              (Integer) rs.getObject("quantity", Integer.class), rs.getBigDecimal("floor_price"), rs.getBigDecimal("gap_pct"),
              rs.getBoolean("repeat_offence"), instant(rs, "opened_at"), instant(rs, "last_seen_at"),
              instant(rs, "resolved_at"), rs.getString("resolution"), tree(rs.getString("evidence"))));
        }
      }
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading violations failed: " + e.getMessage(), e);
    }
  }

  /** SKUs with an open violation whose listing was last seen before {@code cutoff}. */
  public List<String> skusWithStaleOpenViolations(Instant cutoff) {
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT DISTINCT sku FROM price_violations WHERE status = 'open' AND last_seen_at < ?")) {
      q.setObject(1, time(cutoff));
      List<String> skus = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          skus.add(rs.getString(1));
        }
      }
      c.commit();
      return skus;
    } catch (SQLException e) {
      throw new IllegalStateException("reading stale violations failed: " + e.getMessage(), e);
    }
  }

  public List<ReviewRow> reviews() {
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT * FROM listing_reviews ORDER BY seen_at DESC, listing_url")) {
      List<ReviewRow> rows = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(new ReviewRow(rs.getString("listing_url"), rs.getString("shop"), rs.getString("title"),
              rs.getBigDecimal("page_price"), rs.getString("discount_info"), rs.getString("item_size"),
              rs.getString("verdict"), tree(rs.getString("candidates")), tree(rs.getString("notes")),
              instant(rs, "seen_at")));
        }
      }
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading listings for review failed: " + e.getMessage(), e);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable: " + value, e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return json == null ? null : Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + json, e);
    }
  }
}
