package actorcrm.pricing;

import actorcrm.platform.Json;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
import java.util.Optional;

/**
 * The price-control read model in SQL: every violation (open and resolved) with its enforcement
 * stage and history, and every listing awaiting review, written by the projection from the journal
 * ({@link PriceControlWrites}) and read here by the HTTP API and the sweeper. Plain SQL that runs
 * on H2 and PostgreSQL.
 */
public final class PriceControlReadModel {
  /** One violation as listed; {@code stage} is none, noticed or escalated. */
  public record ViolationRow(String id, String shop, String sku, String listingUrl, String status, BigDecimal landedPrice,
                             Integer quantity, BigDecimal floor, BigDecimal gapPct, boolean repeat, Instant openedAt,
                             Instant lastSeenAt, Instant resolvedAt, String resolution, JsonNode evidence, String stage,
                             int notices, Instant fixDueAt, Instant escalatedAt) {}

  /** One entry of a violation's history: opened, deepened, noticed, escalated or resolved, with its particulars. */
  public record HistoryEntry(int seq, Instant at, String kind, JsonNode detail) {}

  /** A violation with everything that happened to it, oldest first. */
  public record ViolationDetail(@JsonUnwrapped ViolationRow violation, List<HistoryEntry> history) {}

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
      // Enforcement came later: tables made before get its columns here.
      "ALTER TABLE price_violations ADD COLUMN IF NOT EXISTS stage VARCHAR(16) DEFAULT 'none' NOT NULL",
      "ALTER TABLE price_violations ADD COLUMN IF NOT EXISTS notices INTEGER DEFAULT 0 NOT NULL",
      "ALTER TABLE price_violations ADD COLUMN IF NOT EXISTS fix_due_at TIMESTAMP WITH TIME ZONE",
      "ALTER TABLE price_violations ADD COLUMN IF NOT EXISTS escalated_at TIMESTAMP WITH TIME ZONE",
      "ALTER TABLE price_violations ADD COLUMN IF NOT EXISTS noticed_at TIMESTAMP WITH TIME ZONE",
      """
      CREATE TABLE IF NOT EXISTS price_violation_history (
        violation_id VARCHAR(1024) NOT NULL,
        seq INTEGER NOT NULL,
        at TIMESTAMP WITH TIME ZONE NOT NULL,
        kind VARCHAR(16) NOT NULL,
        detail TEXT,
        PRIMARY KEY (violation_id, seq))""",
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

  /**
   * Creates the tables (the violations and the shop records, the latter filled from the former when
   * new); an error stops the node's start with the database's message.
   */
  public void createSchema() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      for (String ddl : ShopRecords.DDL) {
        s.execute(ddl);
      }
      ShopRecords.backfill(c);
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the price-control read model failed: " + e.getMessage(), e);
    }
  }

  // Reads, for the HTTP API and the sweeper.

  /** How many violations are open, cluster-wide (the metrics gauge). */
  public long openViolations() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM price_violations WHERE status = 'open'");
         ResultSet rs = q.executeQuery()) {
      rs.next();
      long open = rs.getLong(1);
      c.commit();
      return open;
    } catch (SQLException e) {
      throw new IllegalStateException("counting open violations failed: " + e.getMessage(), e);
    }
  }

  /**
   * Violations by status (open, resolved or all), optionally of one shop, SKU and/or enforcement
   * stage (none, noticed, escalated), newest first.
   */
  public List<ViolationRow> violations(String status, String shop, String sku, String stage) {
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
    if (stage != null) {
      sql.append(" AND stage = ?");
      params.add(stage);
    }
    sql.append(" ORDER BY opened_at DESC, id");
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        q.setString(i + 1, params.get(i));
      }
      List<ViolationRow> rows = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(violationRow(rs));
        }
      }
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading violations failed: " + e.getMessage(), e);
    }
  }

  /** One violation with its history, or empty when the read model has no violation {@code id}. */
  public Optional<ViolationDetail> violation(String id) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement row = c.prepareStatement("SELECT * FROM price_violations WHERE id = ?");
         PreparedStatement history = c.prepareStatement(
             "SELECT * FROM price_violation_history WHERE violation_id = ? ORDER BY seq")) {
      row.setString(1, id);
      ViolationRow violation;
      try (ResultSet rs = row.executeQuery()) {
        if (!rs.next()) {
          c.commit();
          return Optional.empty();
        }
        violation = violationRow(rs);
      }
      history.setString(1, id);
      List<HistoryEntry> entries = new ArrayList<>();
      try (ResultSet rs = history.executeQuery()) {
        while (rs.next()) {
          entries.add(new HistoryEntry(rs.getInt("seq"), instant(rs, "at"), rs.getString("kind"),
              tree(rs.getString("detail"))));
        }
      }
      c.commit();
      return Optional.of(new ViolationDetail(violation, entries));
    } catch (SQLException e) {
      throw new IllegalStateException("reading violation " + id + " failed: " + e.getMessage(), e);
    }
  }

  /** SKUs with an open violation whose fix window ended by {@code now} and that is not escalated yet. */
  public List<String> skusWithOverdueFixWindows(Instant now) {
    return skus("SELECT DISTINCT sku FROM price_violations WHERE status = 'open' AND escalated_at IS NULL "
        + "AND fix_due_at <= ?", now, "overdue fix windows");
  }

  /** SKUs with an open violation whose listing was last seen before {@code cutoff}. */
  public List<String> skusWithStaleOpenViolations(Instant cutoff) {
    return skus("SELECT DISTINCT sku FROM price_violations WHERE status = 'open' AND last_seen_at < ?", cutoff,
        "stale violations");
  }

  private List<String> skus(String sql, Instant at, String what) {
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, time(at));
      List<String> skus = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          skus.add(rs.getString(1));
        }
      }
      c.commit();
      return skus;
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + what + " failed: " + e.getMessage(), e);
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

  private static ViolationRow violationRow(ResultSet rs) throws SQLException {
    return new ViolationRow(rs.getString("id"), rs.getString("shop"), rs.getString("sku"),
        rs.getString("listing_url"), rs.getString("status"), rs.getBigDecimal("landed_price"),
        (Integer) rs.getObject("quantity", Integer.class), rs.getBigDecimal("floor_price"), rs.getBigDecimal("gap_pct"),
        rs.getBoolean("repeat_offence"), instant(rs, "opened_at"), instant(rs, "last_seen_at"),
        instant(rs, "resolved_at"), rs.getString("resolution"), tree(rs.getString("evidence")), rs.getString("stage"),
        rs.getInt("notices"), instant(rs, "fix_due_at"), instant(rs, "escalated_at"));
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable: " + value, e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return json == null ? null : Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + json, e);
    }
  }
}
