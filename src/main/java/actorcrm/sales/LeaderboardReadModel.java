package actorcrm.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import javax.sql.DataSource;

/**
 * Per-rep sales performance of each team in SQL, written by the sales projection and read by the
 * leaderboard: leads assigned, contacted within the contact SLA (and late), won and lost; and each
 * team's manager queue, the open leads that no rep will take any more.
 */
public final class LeaderboardReadModel {
  /** A lead waiting for the team's manager, and why. */
  public record ManagerQueued(String leadId, String reason, Instant since) {}

  /** One row of the leaderboard; conversion is won / assigned in percent. */
  public record Row(String repId, long assigned, long contactedWithinSla, long contactedLate, long won, long lost,
                    BigDecimal conversionPct) {}

  public enum Counter {
    ASSIGNED("assigned"), CONTACTED_WITHIN_SLA("contacted_within_sla"), CONTACTED_LATE("contacted_late"),
    WON("won"), LOST("lost");

    private final String column;

    Counter(String column) {
      this.column = column;
    }
  }

  private final DataSource dataSource;

  public LeaderboardReadModel(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void createSchema() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE IF NOT EXISTS rep_performance (
            team VARCHAR(256) NOT NULL,
            rep_id VARCHAR(256) NOT NULL,
            assigned BIGINT NOT NULL DEFAULT 0,
            contacted_within_sla BIGINT NOT NULL DEFAULT 0,
            contacted_late BIGINT NOT NULL DEFAULT 0,
            won BIGINT NOT NULL DEFAULT 0,
            lost BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (team, rep_id))""");
      s.execute("""
          CREATE TABLE IF NOT EXISTS manager_queue (
            lead_id VARCHAR(64) NOT NULL PRIMARY KEY,
            team VARCHAR(256) NOT NULL,
            reason VARCHAR(2000) NOT NULL,
            since TIMESTAMP WITH TIME ZONE NOT NULL)""");
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the leaderboard read model failed: " + e.getMessage(), e);
    }
  }

  static void increment(Connection c, String team, String repId, Counter counter) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE rep_performance SET " + counter.column + " = " + counter.column + " + 1 WHERE team = ? AND rep_id = ?")) {
      update.setString(1, team);
      update.setString(2, repId);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO rep_performance (team, rep_id, " + counter.column + ") VALUES (?, ?, 1)")) {
      insert.setString(1, team);
      insert.setString(2, repId);
      insert.executeUpdate();
    }
  }

  static void toManager(Connection c, String leadId, String team, String reason, Instant at) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM manager_queue WHERE lead_id = ?");
         PreparedStatement insert = c.prepareStatement(
             "INSERT INTO manager_queue (lead_id, team, reason, since) VALUES (?, ?, ?, ?)")) {
      delete.setString(1, leadId);
      delete.executeUpdate();
      insert.setString(1, leadId);
      insert.setString(2, team);
      insert.setString(3, reason);
      insert.setObject(4, at.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  static void closed(Connection c, String leadId) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM manager_queue WHERE lead_id = ?")) {
      delete.setString(1, leadId);
      delete.executeUpdate();
    }
  }

  /** The team's open leads waiting for the manager, the longest waiting first. */
  public List<ManagerQueued> managerQueue(String team) {
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT lead_id, reason, since FROM manager_queue WHERE team = ? ORDER BY since, lead_id")) {
      q.setString(1, team);
      List<ManagerQueued> rows = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(new ManagerQueued(rs.getString("lead_id"), rs.getString("reason"),
              rs.getObject("since", OffsetDateTime.class).toInstant()));
        }
      }
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the manager queue failed: " + e.getMessage(), e);
    }
  }

  /** The team's reps, most leads won first, then best conversion. */
  public List<Row> leaderboard(String team) {
    try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT * FROM rep_performance WHERE team = ? ORDER BY won DESC, assigned ASC, rep_id")) {
      q.setString(1, team);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long assigned = rs.getLong("assigned");
          long won = rs.getLong("won");
          BigDecimal conversion = assigned == 0 ? BigDecimal.ZERO.setScale(2)
              : BigDecimal.valueOf(won * 100).divide(BigDecimal.valueOf(assigned), 2, RoundingMode.HALF_UP);
          rows.add(new Row(rs.getString("rep_id"), assigned, rs.getLong("contacted_within_sla"),
              rs.getLong("contacted_late"), won, rs.getLong("lost"), conversion));
        }
      }
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the leaderboard failed: " + e.getMessage(), e);
    }
  }
}
