package actorcrm.node;

import com.typesafe.config.Config;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Duration;

/** How every sharded entity persists: snapshot cadence and the ask timeout callers use. */
public record EntitySettings(int snapshotEvery, Duration askTimeout) {

  /** A snapshot every {@code snapshotEvery} events, keeping the last two. */
  public RetentionCriteria retention() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  public static EntitySettings from(Config config) {
    return new EntitySettings(config.getInt("actorcrm.snapshot-every"), config.getDuration("actorcrm.ask-timeout"));
  }
}
