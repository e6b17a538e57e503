package actorcrm.ingest;

import com.typesafe.config.Config;

import java.time.Duration;

/** Kafka topics and ingest tuning, read once from {@code actorcrm.kafka}; {@code enabled()} when servers are set. */
public record KafkaSettings(String bootstrapServers, KafkaIngest.Topics listings, KafkaIngest.Topics leads,
                           KafkaIngest.Topics tickets, String alertsTopic, int parallelism, Duration restartMinBackoff,
                           Duration restartMaxBackoff, Duration restartResetAfter, int deadLetterMaxBytes) {
  private static final String MAX_REQUEST_SIZE = "pekko.kafka.producer.kafka-clients.max.request.size";
  // kafka-clients' own default for max.request.size.
  private static final long DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

  public static KafkaSettings from(Config config) {
    Config c = config.getConfig("actorcrm.kafka");
    long maxRequestSize = config.hasPath(MAX_REQUEST_SIZE) ? config.getLong(MAX_REQUEST_SIZE) : DEFAULT_MAX_REQUEST_SIZE;
    long deadLetterMaxBytes = c.getBytes("dead-letter-max-bytes");
    // Half leaves room for the key, the headers and the batch overhead, whatever the record.
    if (deadLetterMaxBytes < 0 || deadLetterMaxBytes > maxRequestSize / 2) {
      throw new IllegalArgumentException("actorcrm.kafka.dead-letter-max-bytes must be from 0 to half the producer's "
          + "max.request.size (" + maxRequestSize + " bytes), got " + c.getString("dead-letter-max-bytes"));
    }
    return new KafkaSettings(c.getString("bootstrap-servers"),
        new KafkaIngest.Topics(c.getString("listings-topic"), c.getString("listings-dlq-topic"), c.getString("listings-group")),
        new KafkaIngest.Topics(c.getString("leads-topic"), c.getString("leads-dlq-topic"), c.getString("leads-group")),
        new KafkaIngest.Topics(c.getString("tickets-topic"), c.getString("tickets-dlq-topic"), c.getString("tickets-group")),
        c.getString("alerts-topic"), c.getInt("parallelism"), c.getDuration("restart-min-backoff"),
        c.getDuration("restart-max-backoff"), c.getDuration("restart-reset-after"), (int) deadLetterMaxBytes);
  }

  public boolean enabled() {
    return !bootstrapServers.isBlank();
  }
}
