package actorcrm.dispatch;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How long the assignment protocol waits before it tries again, read once from
 * {@code actorcrm.sales.retry}: a queued item asks its dispatcher again ({@code queueRecheck}), an
 * unanswered route or reservation is repeated, a refused item is routed again, an unconfirmed
 * hand-back is repeated, a rep snapshot the dispatcher could not get is asked again, and a rep or
 * dispatcher asked about but never created leaves.
 */
public record Retries(Duration queueRecheck, Duration route, Duration reserve, Duration afterRefusal,
                      Duration handBack, Duration snapshot, Duration unknownStays) {

  public static Retries from(Config config) {
    Config c = config.getConfig("actorcrm.sales.retry");
    return new Retries(c.getDuration("queue-recheck"), c.getDuration("route"), c.getDuration("reserve"),
        c.getDuration("after-refusal"), c.getDuration("hand-back"), c.getDuration("snapshot"),
        c.getDuration("unknown-stays"));
  }
}
