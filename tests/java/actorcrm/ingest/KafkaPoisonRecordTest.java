package actorcrm.ingest;

import actorcrm.platform.Json;
import actorcrm.dispatch.WorkKind;
import actorcrm.Eventually;
import actorcrm.api.TestHttp;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.pricing.SeedFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Poison records on every topic of one node (listings, leads, tickets) against a real broker: a
 * tombstone, bytes that are not JSON, a JSON array under a huge key, a record over the record limit
 * and one over Kafka's default 1 MiB request size are each dead-lettered with their reason, origin
 * and size, while the good records after them are taken and every offset is committed.
 */
@ExtendWith(LogCapturingExtension.class)
class KafkaPoisonRecordTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int BIG = 4 * 1024 * 1024;
  private static final int DLQ_CAP = 64 * 1024;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final KafkaBroker broker = KafkaBroker.get();

  @TempDir
  static Path dataDir;
  private static Main.Node node;
  private static TestHttp http;

  private static String topic(String name) {
    return name + "-" + RUN;
  }

  @BeforeAll
  static void start() {
    for (String name : List.of("listings", "leads", "tickets")) {
      // The poison record over 1 MiB must be producible at all, so the source topics take 4 MiB.
      broker.createTopic(topic(name), 1, Map.of("max.message.bytes", String.valueOf(BIG)));
      broker.createTopic(topic(name) + "-dlq", 1);
    }
    Map<String, Object> kafka = new java.util.HashMap<>(Map.of(
        "actorcrm.kafka.bootstrap-servers", broker.bootstrapServers(),
        "actorcrm.kafka.alerts-topic", topic("alerts"),
        "pekko.kafka.committer.max-interval", "500ms"));
    for (String name : List.of("listings", "leads", "tickets")) {
      kafka.put("actorcrm.kafka." + name + "-topic", topic(name));
      kafka.put("actorcrm.kafka." + name + "-dlq-topic", topic(name) + "-dlq");
      kafka.put("actorcrm.kafka." + name + "-group", topic(name) + "-group");
    }
    node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), TestNodes.memoryDb(), dataDir, kafka));
    http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  /** {@code valid} with a field of padding, so the record is {@code size} bytes; valid but for its size. */
  private static byte[] padded(String valid, int size) {
    try {
      ObjectNode object = (ObjectNode) Json.MAPPER.readTree(valid);
      object.put("note", "");
      int rest = size - Json.MAPPER.writeValueAsBytes(object).length;
      object.put("note", "x".repeat(rest));
      return Json.MAPPER.writeValueAsBytes(object);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The five poison records of a topic whose valid records look like {@code valid}, then {@code good}. */
  private static void produce(String topic, String valid, List<String> good) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BIG);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      List<ProducerRecord<String, byte[]>> records = new ArrayList<>(List.of(
          new ProducerRecord<>(topic, null, null),
          new ProducerRecord<>(topic, null, "{not json".getBytes(StandardCharsets.UTF_8)),
          new ProducerRecord<>(topic, "k".repeat(10_000), "[1,2,3]".getBytes(StandardCharsets.UTF_8)),
          new ProducerRecord<>(topic, null, padded(valid, 100 * 1024)),
          new ProducerRecord<>(topic, null, padded(valid, 1536 * 1024))));
      for (String value : good) {
        records.add(new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8)));
      }
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record).get();
      }
    }
  }

  private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, int expected) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (letters.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
      }
      consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
      return letters;
    }
  }

  private static void awaitCommitted(String topic, long offset) {
    Eventually.await(WAIT, () -> {
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets = broker.admin().listConsumerGroupOffsets(topic + "-group")
            .partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata committed = offsets.get(new TopicPartition(topic, 0));
        assertEquals(offset, committed == null ? 0 : committed.offset(), "committed offset of " + topic);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  private static String header(ConsumerRecord<String, byte[]> letter, String name) {
    Header header = letter.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The five letters of {@link #produce}, in order, each with its reason, origin, size and cut. */
  private static void assertPoisonDeadLettered(String topic) {
    List<ConsumerRecord<String, byte[]>> letters = deadLetters(topic + "-dlq", 5);
    assertEquals(5, letters.size(), "one letter per poison record, none for the good ones");
    List<String> reasons = letters.stream().map(l -> header(l, DeadLetters.REASON_HEADER)).toList();
    assertEquals("no value (a null record, e.g. a tombstone)", reasons.get(0));
    assertTrue(reasons.get(1).startsWith("not JSON: "), reasons.get(1));
    assertEquals("expected a JSON object, got array", reasons.get(2));
    assertEquals("record is " + 100 * 1024 + " bytes, over the limit of 65536 bytes", reasons.get(3));
    assertEquals("record is " + 1536 * 1024 + " bytes, over the limit of 65536 bytes", reasons.get(4));
    IntFunction<String> sizes = i -> header(letters.get(i), DeadLetters.VALUE_BYTES_HEADER);
    for (int i = 0; i < 5; i++) {
      ConsumerRecord<String, byte[]> letter = letters.get(i);
      assertEquals(topic + "-0@" + i, header(letter, DeadLetters.SOURCE_HEADER));
      assertEquals(topic, header(letter, DeadLetters.TOPIC_HEADER));
      assertEquals("0", header(letter, DeadLetters.PARTITION_HEADER));
      assertEquals(String.valueOf(i), header(letter, DeadLetters.OFFSET_HEADER));
      assertEquals(String.valueOf(i >= 2), header(letter, DeadLetters.TRUNCATED_HEADER), "truncated flag of letter " + i);
    }
    assertNull(letters.get(0).value());
    assertNull(sizes.apply(0));
    assertEquals("{not json", new String(letters.get(1).value(), StandardCharsets.UTF_8));
    assertEquals("[1,2,3]", new String(letters.get(2).value(), StandardCharsets.UTF_8));
    assertEquals("k".repeat(DeadLetters.MAX_KEY_BYTES), letters.get(2).key());
    assertEquals("10000", header(letters.get(2), DeadLetters.KEY_BYTES_HEADER));
    for (int i = 3; i < 5; i++) {
      assertEquals(DLQ_CAP, letters.get(i).value().length, "letter " + i + " holds the first 64 KiB");
      assertTrue(new String(letters.get(i).value(), StandardCharsets.UTF_8).startsWith("{"));
    }
    assertEquals(String.valueOf(100 * 1024), sizes.apply(3));
    assertEquals(String.valueOf(1536 * 1024), sizes.apply(4));
  }

  @Test
  void poisonListingsAreDeadLetteredAndTheListingsAfterThemAreTaken() throws Exception {
    assertEquals(200, http.post("/api/reference-prices", TestNodes.ADMIN_TOKEN,
        SeedFiles.text("reference-prices.seed.csv")).status());
    String topic = topic("listings");
    List<String> good = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      good.add(listing("https://p.example/" + RUN + "/" + i));
    }
    produce(topic, listing("https://p.example/" + RUN + "/big"), good);

    awaitCommitted(topic, 5 + good.size());
    assertPoisonDeadLettered(topic);
    String product = http.get("/api/products/" + URLEncoder.encode("精华油1:125ml", StandardCharsets.UTF_8),
        TestNodes.ADMIN_TOKEN).body();
    for (int i = 0; i < 3; i++) {
      assertTrue(product.contains("https://p.example/" + RUN + "/" + i), product);
    }
    assertTrue(!product.contains("/big"), "the oversized listing was not taken");
  }

  private static String listing(String url) {
    return "{\"shop_name\":\"经销商P\",\"item_name\":\"精华油1\",\"item_url\":\"" + url
        + "\",\"item_price\":200,\"discount_info\":\"[]\",\"item_size\":\"125ml\"}";
  }

  @Test
  void poisonLeadsAreDeadLetteredAndTheLeadsAfterThemAreCreated() throws Exception {
    String topic = topic("leads");
    IntFunction<String> lead = i -> "{\"idempotency_key\":\"pl-" + RUN + "-" + i + "\",\"name\":\"客户" + i
        + "\",\"team\":\"pq\"}";
    produce(topic, lead.apply(99), List.of(lead.apply(1), lead.apply(2), lead.apply(3)));

    awaitCommitted(topic, 8);
    assertPoisonDeadLettered(topic);
    for (int i = 1; i <= 3; i++) {
      TestHttp.Reply reply = http.get("/api/leads/" + WorkKind.LEAD.idFor("pl-" + RUN + "-" + i), TestNodes.ADMIN_TOKEN);
      assertEquals(200, reply.status(), reply.body());
      assertEquals("queued", reply.json().get("status").asText(), "no rep in team pq: the lead waits in its queue");
    }
    assertEquals(404, http.get("/api/leads/" + WorkKind.LEAD.idFor("pl-" + RUN + "-99"), TestNodes.ADMIN_TOKEN).status(),
        "the oversized lead was not created");
  }

  @Test
  void poisonTicketsAreDeadLetteredAndTheTicketsAfterThemAreCreated() throws Exception {
    String topic = topic("tickets");
    IntFunction<String> ticket = i -> "{\"idempotency_key\":\"pt-" + RUN + "-" + i
        + "\",\"customer_tier\":\"standard\",\"complexity\":1,\"team\":\"pq\"}";
    produce(topic, ticket.apply(99), List.of(ticket.apply(1), ticket.apply(2), ticket.apply(3)));

    awaitCommitted(topic, 8);
    assertPoisonDeadLettered(topic);
    for (int i = 1; i <= 3; i++) {
      TestHttp.Reply reply = http.get("/api/tickets/" + WorkKind.TICKET.idFor("pt-" + RUN + "-" + i), TestNodes.ADMIN_TOKEN);
      assertEquals(200, reply.status(), reply.body());
      assertEquals("queued", reply.json().get("routing").asText());
    }
  }
}
