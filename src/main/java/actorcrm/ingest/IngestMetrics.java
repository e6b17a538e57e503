package actorcrm.ingest;

import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * What a Kafka ingest graph tells operators: records consumed, dead-lettered and committed per
 * topic, and a probe the node asks on demand whether the graph's consumer is connected and how far
 * behind it is.
 */
public interface IngestMetrics {
  IngestMetrics NONE = new IngestMetrics() {
    @Override
    public void consumed(String topic) {
    }

    @Override
    public void deadLettered(String topic) {
    }

    @Override
    public void committed(String topic, long records) {
    }

    @Override
    public void graph(String topic, Probe probe) {
    }
  };

  /** Asked when an operator looks (a scrape, a readiness check), never on a timer. */
  interface Probe {
    /** Whether the graph's current consumer holds a connection to a broker. */
    CompletionStage<Boolean> connected();

    /** Records in the topic not yet consumed by this node's consumer, summed over its partitions; empty before it knows. */
    CompletionStage<OptionalLong> lag();
  }

  void consumed(String topic);

  void deadLettered(String topic);

  void committed(String topic, long records);

  /** The graph reading {@code topic} started: its probe. */
  void graph(String topic, Probe probe);
}
