package actorcrm.sales;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-rep sales performance of each team in SQL, written by the sales projection and read by the
 * leaderboard: leads assigned, contacted within the contact SLA (and late), won and lost.
 */
public final class LeaderboardReadModel {
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
