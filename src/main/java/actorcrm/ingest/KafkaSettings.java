package actorcrm.ingest;

import com.typesafe.config.Config;

import java.time.Duration;

/** Kafka topics and ingest tuning, read once from {@code actorcrm.kafka}; {@code enabled()} when servers are set. */
public record KafkaSettings(String bootstrapServers, KafkaIngest.Topics listings, KafkaIngest.Topics leads,
                           KafkaIngest.Topics tickets, String alertsTopic, int parallelism, Duration restartMinBackoff,
                           Duration restartMaxBackoff) {

  public static KafkaSettings from(Config config) {
    Config c = config.getConfig("actorcrm.kafka");
    return new KafkaSettings(c.getString("bootstrap-servers"),
        new KafkaIngest.Topics(c.getString("listings-topic"), c.getString("listings-dlq-topic"), c.getString("listings-group")),
        new KafkaIngest.Topics(c.getString("leads-topic"), c.getString("leads-dlq-topic"), c.getString("leads-group")),
        new KafkaIngest.Topics(c.getString("tickets-topic"), c.getString("tickets-dlq-topic"), c.getString("tickets-group")),
        c.getString("alerts-topic"), c.getInt("parallelism"), c.getDuration("restart-min-backoff"),
        c.getDuration("restart-max-backoff"));
  }

  public boolean enabled() {
    return !bootstrapServers.isBlank();
  }
}
