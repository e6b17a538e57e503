package actorcrm.sales;

import com.typesafe.config.Config;

import java.time.Duration;

/** Sales-floor settings, read once from {@code actorcrm.sales}. */
public record SalesSettings(int defaultSkillLevel, PresenceGrace grace, CirculationRule circulation, Duration contactSla,
                            Duration createWait, Duration verifyInterval) {

  public static SalesSettings from(Config config) {
    Config c = config.getConfig("actorcrm.sales");
    return new SalesSettings(c.getInt("default-skill-level"),
        new PresenceGrace(c.getDuration("presence-grace.away"), c.getDuration("presence-grace.offline")),
        new CirculationRule(c.getDuration("circulation.idle-limit"), c.getInt("circulation.max-recycles")),
        c.getDuration("contact-sla"), c.getDuration("create-wait"),
        c.getDuration("verify-interval"));
  }
}
