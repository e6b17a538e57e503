package actorcrm.service;

import com.typesafe.config.Config;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Service-desk settings, read once from {@code actorcrm.service}: the SLA policy per ticket priority. */
public record ServiceSettings(SlaPolicy sla) {

  public static ServiceSettings from(Config config) {
    Config c = config.getConfig("actorcrm.service.sla");
    Map<TicketPriority, SlaTargets> targets = new EnumMap<>(TicketPriority.class);
    for (TicketPriority p : TicketPriority.values()) {
      Config t = c.getConfig(p.name().toLowerCase(Locale.ROOT));
      targets.put(p, new SlaTargets(t.getDuration("first-response"), t.getDuration("resolution")));
    }
    return new ServiceSettings(new SlaPolicy(targets, c.getInt("warning-percent-left")));
  }
}
