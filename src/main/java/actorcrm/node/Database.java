package actorcrm.node;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/**
 * The connection pool for read models and projection offsets, on the same database as the journal
 * (so a read-model row and its projection offset commit in one transaction).
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;

  public Database(DbSettings db, int maxConnections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.url());
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    config.setPoolName("actorcrm-read-models");
    this.dataSource = new HikariDataSource(config);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
