package actorcrm.sales;

import com.typesafe.config.Config;

import java.time.Duration;

/** Settings of the leads, read once from {@code actorcrm.sales}. */
public record SalesSettings(CirculationRule circulation, Duration contactSla, Duration createWait) {

  public static SalesSettings from(Config config) {
    Config c = config.getConfig("actorcrm.sales");
    return new SalesSettings(
        new CirculationRule(c.getDuration("circulation.idle-limit"), c.getInt("circulation.max-recycles")),
        c.getDuration("contact-sla"), c.getDuration("create-wait"));
  }
}
