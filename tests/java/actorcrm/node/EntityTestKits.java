package actorcrm.node;

import actorcrm.platform.EntitySettings;
import actorcrm.TestClock;
import actorcrm.dispatch.Retries;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

import java.time.Clock;
import java.time.Duration;

/** Configuration for entity unit tests: the in-memory test journal, with our real serialization. */
public final class EntityTestKits {
  public static final EntitySettings SETTINGS = settings(TestClock.AHEAD);
  /** The protocol's retry timings as the node's configuration has them. */
  public static final Retries RETRIES = Retries.from(config());

  private EntityTestKits() {}

  /** Entity settings whose time is {@code clock}. */
  public static EntitySettings settings(Clock clock) {
    return new EntitySettings(3, Duration.ofSeconds(3), clock);
  }

  public static Config config() {
    return EventSourcedBehaviorTestKit.config()
        .withFallback(ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.persistence.journal.auto-start-journals = []
            pekko.persistence.snapshot-store.auto-start-snapshot-stores = []
            pekko.persistence.snapshot-store.plugin = "pekko.persistence.testkit.snapshotstore.pekkopersistence"
            """))
        .withFallback(ConfigFactory.load());
  }
}
