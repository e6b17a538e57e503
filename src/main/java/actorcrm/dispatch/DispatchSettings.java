package actorcrm.dispatch;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * Settings of the floor's reps, read once from {@code actorcrm.sales} (one block for the floor:
 * the same reps take leads and tickets).
 */
public record DispatchSettings(int defaultSkillLevel, PresenceGrace grace, Duration verifyInterval, Retries retries) {

  public static DispatchSettings from(Config config) {
    Config c = config.getConfig("actorcrm.sales");
    return new DispatchSettings(c.getInt("default-skill-level"),
        new PresenceGrace(c.getDuration("presence-grace.away"), c.getDuration("presence-grace.offline")),
        c.getDuration("verify-interval"), Retries.from(config));
  }
}
