package actorcrm.platform;

import com.typesafe.config.Config;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Clock;
import java.time.Duration;

/**
 * How every sharded entity persists and tells time: snapshot cadence, the ask timeout callers use,
 * and the node's one clock (every timestamp an entity journals and every deadline it arms).
 */
public record EntitySettings(int snapshotEvery, Duration askTimeout, Clock clock) {

  /** A snapshot every {@code snapshotEvery} events, keeping the last two. */
  public RetentionCriteria retention() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  public static EntitySettings from(Config config, Clock clock) {
    return new EntitySettings(config.getInt("actorcrm.snapshot-every"), config.getDuration("actorcrm.ask-timeout"), clock);
  }
}
