package actorcrm.pricing;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How bulk imports (reference tables, listing batches over HTTP) are paced, read once from
 * {@code actorcrm.pricing.import}: their time grows with their rows, so a large table is never cut
 * off by a fixed request timeout.
 */
public record ImportSettings(int parallelism, Duration timeBase, Duration timePerRow, Duration catalogWait) {

  public static ImportSettings from(Config config) {
    Config c = config.getConfig("actorcrm.pricing.import");
    return new ImportSettings(c.getInt("parallelism"), c.getDuration("time-base"), c.getDuration("time-per-row"),
        c.getDuration("catalog-wait"));
  }

  /** The time {@code rows} rows may take to store. */
  public Duration budget(long rows) {
    return timeBase.plus(timePerRow.multipliedBy(rows));
  }
}
