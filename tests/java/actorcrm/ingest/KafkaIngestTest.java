package actorcrm.ingest;

import actorcrm.platform.Json;
import actorcrm.Eventually;
import actorcrm.node.EntityTestKits;
import com.typesafe.config.ConfigFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.kafka.ConsumerMessage;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.FlowWithContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link KafkaIngest} on a real broker with an entity-like target instead of a node: an entity that
 * times out is asked again without restarting the graph, a graph that keeps failing says so at
 * ERROR, and a dead-letter topic too small for the letter still gets one.
 */
@ExtendWith(LogCapturingExtension.class)
class KafkaIngestTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString("""
          pekko.kafka.committer.max-interval = 200ms
          pekko.actor.testkit.typed.filter-leeway = 60s
          """).withFallback(EntityTestKits.config()));
  private static final KafkaBroker broker = KafkaBroker.get();
  private static final SendProducer<String, byte[]> producer = new SendProducer<>(
      ProducerSettings.create(testKit.system(), new StringSerializer(), new ByteArraySerializer())
          .withBootstrapServers(broker.bootstrapServers()), testKit.system());

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final KafkaIngest.Topics topics = new KafkaIngest.Topics("ingest-" + run, "ingest-" + run + "-dlq", "g-" + run);
  private ActorRef<Void> ingest;

  @AfterAll
  static void shutDown() {
    producer.close();
    testKit.shutdownTestKit();
  }

  @AfterEach
  void stopIngest() {
    if (ingest != null) {
      testKit.stop(ingest);
    }
  }

  record Outcome(String id, String problem) implements KafkaIngest.Outcome {}

  private static KafkaSettings settings(KafkaIngest.Topics topics) {
    return new KafkaSettings(broker.bootstrapServers(), topics, topics, topics, "alerts", 2, Duration.ofMillis(100),
        Duration.ofMillis(200), Duration.ofMinutes(5), 64 * 1024);
  }

  private void produce(List<byte[]> values, int maxRequestSize) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize);
    try (KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        kafka.send(new ProducerRecord<>(topics.topic(), null, value)).get();
      }
    }
  }

  private long committed() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = broker.admin().listConsumerGroupOffsets(topics.group())
        .partitionsToOffsetAndMetadata().get();
    return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
  }

  private void awaitCommitted(long offset) {
    Eventually.await(WAIT, () -> {
      try {
        assertEquals(offset, committed());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topics.deadLetterTopic(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
      }
      return records;
    }
  }

  /**
   * A flow asking {@code target} for each record's text; it counts how often the graph is
   * (re)materialized and notes each answer in the order the flow passes it on.
   */
  private static FlowWithContext<Incoming, ConsumerMessage.CommittableMessage<String, byte[]>, Outcome,
      ConsumerMessage.CommittableMessage<String, byte[]>, NotUsed> asking(
      EntityAsk asks, ActorRef<EntityAskTest.Ask> target, AtomicInteger materialized, Queue<String> delivered) {
    return FlowWithContext.fromPairs(
            Flow.<Pair<Incoming, ConsumerMessage.CommittableMessage<String, byte[]>>>create()
                .<NotUsed>watchTermination((notUsed, done) -> {
                  materialized.incrementAndGet();
                  return NotUsed.getInstance();
                }))
        .mapAsync(2, incoming -> {
          String id = new String(incoming.value(), StandardCharsets.UTF_8);
          return asks.ask("thing " + id, () -> AskPattern.<EntityAskTest.Ask, String>askWithStatus(target,
                  r -> new EntityAskTest.Ask(id, r), Duration.ofMillis(300), testKit.scheduler()))
              .thenApply(answer -> new Outcome(answer, null));
        })
        .map(outcome -> {
          delivered.add(outcome.id());
          return outcome;
        });
  }

  @Test
  void anEntityThatTimesOutTwiceIsAskedAgainWithoutRestartingTheGraph() throws Exception {
    broker.createTopic(topics.topic(), 1);
    Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    ActorRef<EntityAskTest.Ask> target = testKit.spawn(EntityAskTest.target(2, asked));
    EntityAsk asks = new EntityAsk(testKit.system(), new EntityAsk.Settings(3, Duration.ofMillis(50), Duration.ofMillis(100)));
    AtomicInteger materialized = new AtomicInteger();
    Queue<String> delivered = new ConcurrentLinkedQueue<>();
    produce(List.of("a".getBytes(StandardCharsets.UTF_8), "flaky-1".getBytes(StandardCharsets.UTF_8),
        "b".getBytes(StandardCharsets.UTF_8)), 1024 * 1024);

    ingest = testKit.spawn(KafkaIngest.create(settings(topics), topics, asking(asks, target, materialized, delivered),
        new DeadLetters(producer, 64 * 1024), IngestMetrics.NONE));

    awaitCommitted(3);
    assertEquals(List.of("a", "flaky-1", "b"), List.copyOf(delivered), "each record once, in order");
    assertEquals(3, asked.get("flaky-1").get(), "asked three times: two timed out");
    assertEquals(1, materialized.get(), "the graph never restarted");
  }

  @Test
  void aGraphThatKeepsFailingWithoutACommitSaysSoAtError() throws Exception {
    broker.createTopic(topics.topic(), 1);
    ActorRef<EntityAskTest.Ask> target = testKit.spawn(EntityAskTest.target(Integer.MAX_VALUE, new ConcurrentHashMap<>()));
    EntityAsk asks = new EntityAsk(testKit.system(), new EntityAsk.Settings(1, Duration.ZERO, Duration.ZERO));
    produce(List.of("flaky-forever".getBytes(StandardCharsets.UTF_8)), 1024 * 1024);

    LoggingTestKit.warn("Kafka ingest of " + topics.topic() + " failed (2 in a row without a commit)").expect(
        testKit.system(), () -> LoggingTestKit.error("Kafka ingest of " + topics.topic() + " failed (3 in a row without a commit)")
            .expect(testKit.system(), () -> {
              ingest = testKit.spawn(KafkaIngest.create(settings(topics), topics,
                  asking(asks, target, new AtomicInteger(), new ConcurrentLinkedQueue<>()), new DeadLetters(producer, 64 * 1024), IngestMetrics.NONE));
              return null;
            }));
  }

  @Test
  void aDeadLetterTopicTooSmallForTheExcerptGetsTheLetterWithoutItsValue() throws Exception {
    broker.createTopic(topics.topic(), 1, Map.of("max.message.bytes", String.valueOf(4 * 1024 * 1024)));
    broker.createTopic(topics.deadLetterTopic(), 1, Map.of("max.message.bytes", String.valueOf(16 * 1024)));
    byte[] huge = new byte[100 * 1024];
    Arrays.fill(huge, (byte) '{');
    produce(List.of(huge, "{not json".getBytes(StandardCharsets.UTF_8)), 4 * 1024 * 1024);
    RecordDecoder<String> decoder = RecordDecoder.jsonObjects(Json.MAPPER, 1024 * 1024, node -> Decoded.of("x"));
    FlowWithContext<Incoming, ConsumerMessage.CommittableMessage<String, byte[]>, Outcome,
        ConsumerMessage.CommittableMessage<String, byte[]>, NotUsed> rejecting =
        FlowWithContext.<Incoming, ConsumerMessage.CommittableMessage<String, byte[]>>create()
            .map(incoming -> new Outcome(null, decoder.decode(incoming.value()).problem()));

    ingest = testKit.spawn(KafkaIngest.create(settings(topics), topics, rejecting, new DeadLetters(producer, 64 * 1024), IngestMetrics.NONE));

    awaitCommitted(2);
    List<ConsumerRecord<String, byte[]>> letters = deadLetters();
    assertEquals(2, letters.size());
    assertEquals(0, letters.get(0).value().length, "the 64 KiB excerpt did not fit the topic: the letter has no value");
    assertEquals(String.valueOf(huge.length), header(letters.get(0), DeadLetters.VALUE_BYTES_HEADER));
    assertEquals("true", header(letters.get(0), DeadLetters.TRUNCATED_HEADER));
    assertEquals(topics.topic() + "-0@0", header(letters.get(0), DeadLetters.SOURCE_HEADER));
    assertEquals("{not json", new String(letters.get(1).value(), StandardCharsets.UTF_8));
    assertEquals("false", header(letters.get(1), DeadLetters.TRUNCATED_HEADER));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
