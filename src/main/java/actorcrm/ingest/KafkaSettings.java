package actorcrm.ingest;

import com.typesafe.config.Config;

import java.time.Duration;

/** Kafka topics and ingest tuning, read once from {@code actorcrm.kafka}; {@code enabled()} when servers are set. */
public record KafkaSettings(String bootstrapServers, String listingsTopic, String listingsDlqTopic, String alertsTopic,
                           String listingsGroup, int parallelism, Duration restartMinBackoff, Duration restartMaxBackoff) {

  public static KafkaSettings from(Config config) {
    Config c = config.getConfig("actorcrm.kafka");
    return new KafkaSettings(c.getString("bootstrap-servers"), c.getString("listings-topic"),
        c.getString("listings-dlq-topic"), c.getString("alerts-topic"), c.getString("listings-group"),
        c.getInt("parallelism"), c.getDuration("restart-min-backoff"), c.getDuration("restart-max-backoff"));
  }

  public boolean enabled() {
    return !bootstrapServers.isBlank();
  }
}
