package actorcrm.chaos;

import actorcrm.ingest.KafkaBroker;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Kafka side of a fault scenario, seen from outside the nodes: producing, a consumer group's lag, reading a topic. */
public final class ChaosKafka {
  private final KafkaBroker broker;

  /**
   * The topics and consumer groups of one run, named after it ({@code listings-<run>},
   * {@code actorcrm-listings-<run>}, ...) so a run never reads what another left on the shared
   * broker; the nodes get them as {@code -D} settings, as topic names have no environment variable.
   */
  public record RunTopics(String run) {
    public String topic(String kind) {
      return kind + "-" + run;
    }

    public String deadLetters(String kind) {
      return kind + "-dlq-" + run;
    }

    public String group(String kind) {
      return "actorcrm-" + kind + "-" + run;
    }

    public String alerts() {
      return "price-alerts-" + run;
    }

    public Map<String, String> nodeProperties() {
      Map<String, String> p = new java.util.TreeMap<>();
      for (String kind : List.of("listings", "leads", "tickets")) {
        p.put("actorcrm.kafka." + kind + "-topic", topic(kind));
        p.put("actorcrm.kafka." + kind + "-dlq-topic", deadLetters(kind));
        p.put("actorcrm.kafka." + kind + "-group", group(kind));
      }
      p.put("actorcrm.kafka.alerts-topic", alerts());
      return p;
    }
  }

  public ChaosKafka(KafkaBroker broker) {
    this.broker = broker;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public void createTopic(String name, int partitions, Map<String, String> configs) {
    broker.createTopic(name, partitions, configs);
  }

  /** A producer that waits for the broker's acknowledgement of every record; {@code maxRequestBytes} bounds one record. */
  public KafkaProducer<String, byte[]> producer(int maxRequestBytes) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(maxRequestBytes));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(Math.max(32L << 20, 4L * maxRequestBytes)));
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * How many records of {@code topic} the group has not committed yet: the sum over partitions of
   * the end offset less the committed one (a partition with no commit counts from offset 0).
   */
  public long lag(String group, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = broker.admin().listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream()
          .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
      long lag = 0;
      for (var end : broker.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue().offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException("lag of " + group + " on " + topic, e);
    }
  }

  private List<TopicPartition> partitions(String topic) {
    try {
      return broker.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    } catch (Exception e) {
      throw new IllegalStateException("partitions of " + topic, e);
    }
  }

  /** Reads a topic from the beginning on demand; each {@link #poll()} adds what arrived since the last. */
  public TopicReader reader(String topic) {
    return new TopicReader(topic);
  }

  public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    private TopicReader(String topic) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 << 20));
      consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> all = partitions(topic);
      consumer.assign(all);
      consumer.seekToBeginning(all);
    }

    /** Reads until a poll brings nothing new (at most 50 polls), and returns every record read so far. */
    public List<ConsumerRecord<String, byte[]>> poll() {
      for (int i = 0; i < 50; i++) {
        var batch = consumer.poll(Duration.ofMillis(300));
        if (batch.isEmpty()) {
          break;
        }
        batch.forEach(records::add);
      }
      return List.copyOf(records);
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
