package actorcrm.pricing;

import com.typesafe.config.Config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Price-control settings, read once from {@code actorcrm.pricing}; {@code fixWindow} is the time a
 * shop has from the first notice of a violation to fix it before the violation escalates.
 */
public record PricingSettings(PriceCheckSettings check, Duration seenRefresh, Duration listingTtl, Duration sweepInterval,
                              String referenceFile, Duration fixWindow) {

  public static PricingSettings from(Config config) {
    Config c = config.getConfig("actorcrm.pricing");
    String stacking = c.getString("stacking").toUpperCase(Locale.ROOT);
    PriceCheckSettings check = new PriceCheckSettings(c.getInt("max-quantity"),
        new BigDecimal(c.getString("match-threshold")), c.getBoolean("infer-size-from-price-band"),
        new BigDecimal(c.getString("pricing-error-fraction")), StackingMode.valueOf(stacking));
    return new PricingSettings(check, c.getDuration("seen-refresh"), c.getDuration("listing-ttl"),
        c.getDuration("sweep-interval"), c.getString("reference-file"), c.getDuration("fix-window"));
  }
}
