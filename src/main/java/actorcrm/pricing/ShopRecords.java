package actorcrm.pricing;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static actorcrm.pricing.PriceControlReadModel.instant;
import static actorcrm.pricing.PriceControlReadModel.time;

/**
 * Each distributor shop's price-control record as a read model: violations, open ones, repeat
 * offences, notices, escalations and how long fixing took, one row per shop in
 * {@code distributor_shops}, kept by the price-control projection in the same transaction as the
 * violations (so exactly once), and read to rank shops and to show one shop's record.
 */
public final class ShopRecords {
  /** How {@code GET /api/shops?role=distributor} may be sorted, and the order each means. */
  public enum Sort {
    OFFENCES("violations_total DESC, repeat_offences DESC, escalations DESC"),
    ESCALATIONS("escalations DESC, violations_total DESC"),
    REPEAT_OFFENCES("repeat_offences DESC, violations_total DESC");

    private final String orderBy;

    Sort(String orderBy) {
      this.orderBy = orderBy;
    }
  }

  /**
   * One shop's record. {@code fixed} counts violations the shop resolved by restoring its price;
   * the hours to fix are averaged over them, from opening and, for those noticed, from the first notice.
   */
  public record ShopRecord(String shop, int violationsTotal, int openViolations, int repeatOffences, int notices,
                           int escalations, int fixed, BigDecimal avgHoursToFix, int fixedAfterNotice,
                           BigDecimal avgHoursToFixAfterNotice, Instant firstViolationAt, Instant lastViolationAt) {}

  /** A shop's record with its violations counted per month of opening (UTC), oldest first. */
  public record ShopHistory(String shop, ShopRecord record, Map<String, Integer> violationsByMonth) {}

  static final String[] DDL = {
      """
      CREATE TABLE IF NOT EXISTS distributor_shops (
        shop VARCHAR(512) PRIMARY KEY,
        violations_total INTEGER NOT NULL,
        open_violations INTEGER NOT NULL,
        repeat_offences INTEGER NOT NULL,
        notices INTEGER NOT NULL,
        escalations INTEGER NOT NULL,
        fixed INTEGER NOT NULL,
        fix_seconds BIGINT NOT NULL,
        fixed_after_notice INTEGER NOT NULL,
        fix_after_notice_seconds BIGINT NOT NULL,
        first_violation_at TIMESTAMP WITH TIME ZONE,
        last_violation_at TIMESTAMP WITH TIME ZONE)"""
  };

  private static final BigDecimal HOUR = BigDecimal.valueOf(3600);

  private final DataSource dataSource;

  public ShopRecords(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  // Writes, called by the projection inside its transaction.

  static void opened(Connection c, Violation v) throws SQLException {
    ensure(c, v.shop());
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE distributor_shops SET violations_total = violations_total + 1, open_violations = open_violations + 1, "
            + "repeat_offences = repeat_offences + ?, first_violation_at = COALESCE(first_violation_at, ?), "
            + "last_violation_at = ? WHERE shop = ?")) {
      update.setInt(1, v.repeat() ? 1 : 0);
      update.setObject(2, time(v.openedAt()));
      update.setObject(3, time(v.openedAt()));
      update.setString(4, v.shop());
      update.executeUpdate();
    }
  }

  static void noticed(Connection c, String shop) throws SQLException {
    add(c, shop, "notices", 1);
  }

  static void escalated(Connection c, String shop) throws SQLException {
    add(c, shop, "escalations", 1);
  }

  /** Counts a resolution; call before the violation's row is marked resolved (a replayed one is skipped). */
  static void resolved(Connection c, ProductEvent.ViolationResolved e) throws SQLException {
    Instant openedAt;
    Instant noticedAt;
    try (PreparedStatement q = c.prepareStatement(
        "SELECT opened_at, noticed_at FROM price_violations WHERE id = ? AND status = 'open'")) {
      q.setString(1, e.id());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        openedAt = instant(rs, "opened_at");
        noticedAt = instant(rs, "noticed_at");
      }
    }
    countResolution(c, e.shop(), e.resolution(), openedAt, noticedAt, e.at());
  }

  private static void countResolution(Connection c, String shop, Violation.Resolution resolution, Instant openedAt,
                                      Instant noticedAt, Instant at) throws SQLException {
    boolean fixed = resolution == Violation.Resolution.PRICE_RESTORED;
    boolean afterNotice = fixed && noticedAt != null;
    ensure(c, shop);
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE distributor_shops SET open_violations = open_violations - 1, fixed = fixed + ?, "
            + "fix_seconds = fix_seconds + ?, fixed_after_notice = fixed_after_notice + ?, "
            + "fix_after_notice_seconds = fix_after_notice_seconds + ? WHERE shop = ?")) {
      update.setInt(1, fixed ? 1 : 0);
      update.setLong(2, fixed ? Duration.between(openedAt, at).toSeconds() : 0);
      update.setInt(3, afterNotice ? 1 : 0);
      update.setLong(4, afterNotice ? Duration.between(noticedAt, at).toSeconds() : 0);
      update.setString(5, shop);
      update.executeUpdate();
    }
  }

  private static void add(Connection c, String shop, String column, int n) throws SQLException {
    ensure(c, shop);
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE distributor_shops SET " + column + " = " + column + " + ? WHERE shop = ?")) {
      update.setInt(1, n);
      update.setString(2, shop);
      update.executeUpdate();
    }
  }

  private static void ensure(Connection c, String shop) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM distributor_shops WHERE shop = ?")) {
      q.setString(1, shop);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO distributor_shops (shop, violations_total, open_violations, repeat_offences, notices, escalations, "
            + "fixed, fix_seconds, fixed_after_notice, fix_after_notice_seconds) VALUES (?, 0, 0, 0, 0, 0, 0, 0, 0, 0)")) {
      insert.setString(1, shop);
      insert.executeUpdate();
    }
  }

  /**
   * Fills an empty {@code distributor_shops} from the violations already in the read model (a read
   * model made before shop records existed); does nothing once any shop has a record.
   */
  static void backfill(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM distributor_shops")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        return;
      }
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT * FROM price_violations ORDER BY opened_at, id")) {
      while (rs.next()) {
        String shop = rs.getString("shop");
        Instant openedAt = instant(rs, "opened_at");
        opened(c, new Violation(rs.getString("id"), rs.getString("sku"), rs.getString("listing_url"), shop,
            Violation.Status.OPEN, null, 0, null, null, null, rs.getBoolean("repeat_offence"), openedAt, openedAt, null,
            null, null, null));
        add(c, shop, "notices", rs.getInt("notices"));
        add(c, shop, "escalations", rs.getObject("escalated_at") == null ? 0 : 1);
        String resolution = rs.getString("resolution");
        if (resolution != null) {
          countResolution(c, shop, Violation.Resolution.valueOf(resolution.toUpperCase(Locale.ROOT)), openedAt,
              instant(rs, "noticed_at"), instant(rs, "resolved_at"));
        }
      }
    }
  }

  // Reads, for the HTTP API.

  /** Every distributor shop with a violation, ranked by {@code sort}, ties by name. */
  public List<ShopRecord> ranked(Sort sort) {
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT * FROM distributor_shops ORDER BY " + sort.orderBy + ", shop")) {
      List<ShopRecord> records = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          records.add(record(rs));
        }
      }
      c.commit();
      return records;
    } catch (SQLException e) {
      throw new IllegalStateException("reading shop records failed: " + e.getMessage(), e);
    }
  }

  /** One shop's record with its violations per month, or empty when it never had a violation. */
  public Optional<ShopHistory> history(String shop) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement row = c.prepareStatement("SELECT * FROM distributor_shops WHERE shop = ?");
         PreparedStatement opened = c.prepareStatement("SELECT opened_at FROM price_violations WHERE shop = ?")) {
      row.setString(1, shop);
      ShopRecord record;
      try (ResultSet rs = row.executeQuery()) {
        if (!rs.next()) {
          c.commit();
          return Optional.empty();
        }
        record = record(rs);
      }
      opened.setString(1, shop);
      Map<String, Integer> byMonth = new TreeMap<>();
      try (ResultSet rs = opened.executeQuery()) {
        while (rs.next()) {
          String month = instant(rs, "opened_at").atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
          byMonth.merge(month, 1, Integer::sum);
        }
      }
      c.commit();
      return Optional.of(new ShopHistory(shop, record, byMonth));
    } catch (SQLException e) {
      throw new IllegalStateException("reading the record of shop " + shop + " failed: " + e.getMessage(), e);
    }
  }

  private static ShopRecord record(ResultSet rs) throws SQLException {
    int fixed = rs.getInt("fixed");
    int afterNotice = rs.getInt("fixed_after_notice");
    return new ShopRecord(rs.getString("shop"), rs.getInt("violations_total"), rs.getInt("open_violations"),
        rs.getInt("repeat_offences"), rs.getInt("notices"), rs.getInt("escalations"), fixed,
        hours(rs.getLong("fix_seconds"), fixed), afterNotice, hours(rs.getLong("fix_after_notice_seconds"), afterNotice),
        instant(rs, "first_violation_at"), instant(rs, "last_violation_at"));
  }

  private static BigDecimal hours(long seconds, int count) {
    return count == 0 ? null : BigDecimal.valueOf(seconds).divide(HOUR.multiply(BigDecimal.valueOf(count)), 1,
        RoundingMode.HALF_UP);
  }
}
