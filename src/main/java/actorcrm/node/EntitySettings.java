package actorcrm.node;

import com.typesafe.config.Config;

import java.time.Duration;

/** How every sharded entity persists: snapshot cadence and the ask timeout callers use. */
public record EntitySettings(int snapshotEvery, Duration askTimeout) {
  public static EntitySettings from(Config config) {
    return new EntitySettings(config.getInt("actorcrm.snapshot-every"), config.getDuration("actorcrm.ask-timeout"));
  }
}
