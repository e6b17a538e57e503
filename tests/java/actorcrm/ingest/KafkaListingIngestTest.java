package actorcrm.ingest;

import actorcrm.Eventually;
import actorcrm.TestClock;
import actorcrm.api.TestHttp;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.platform.Json;
import actorcrm.pricing.SeedFiles;
import actorcrm.pricing.SeedListings;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listings graph against a real Kafka broker: every listing gets a verdict, bad records land in
 * the DLQ with their reason while the rest flow, offsets are committed, a stopped and restarted
 * node resumes without loss, and a violating listing delivered three times alerts once; a
 * violation left open past its fix window is escalated once on the alert topic.
 */
@ExtendWith(LogCapturingExtension.class)
class KafkaListingIngestTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dataDir;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String listings = "listings-" + run;
  private final String dlq = "listings-dlq-" + run;
  private final String alerts = "price-alerts-" + run;
  private final String group = "actorcrm-" + run;
  private final String db = TestNodes.memoryDb();
  private final KafkaBroker broker = KafkaBroker.get();
  private final List<Main.Node> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(KafkaListingIngestTest::terminate);
  }

  private Main.Node startNode() {
    return startNode(Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir, kafka())));
  }

  private Map<String, Object> kafka() {
    return Map.of(
        "actorcrm.kafka.bootstrap-servers", broker.bootstrapServers(),
        "actorcrm.kafka.listings-topic", listings,
        "actorcrm.kafka.listings-dlq-topic", dlq,
        "actorcrm.kafka.alerts-topic", alerts,
        "actorcrm.kafka.listings-group", group);
  }

  private Main.Node startNode(Main.Node node) {
    nodes.add(node);
    new TestHttp(node.httpPort()).awaitHealthy(Duration.ofSeconds(30));
    return node;
  }

  private static void terminate(Main.Node node) {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  private static String listing(String url, String product, String size, String price, String discount) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("shop_name", "经销商K");
    l.put("item_name", product);
    l.put("item_url", url);
    l.put("item_price", new BigDecimal(price));
    l.put("discount_info", discount);
    l.put("item_size", size);
    return new SeedListings.Row(l, null, null, null).json();
  }

  private void produce(List<byte[]> values) throws Exception {
    // Stamped in the node's time: the record's timestamp is when the listing was seen.
    broker.produce(listings, values, TestClock.AHEAD.millis());
  }

  private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
      }
      return records;
    }
  }

  private long committed() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        broker.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(listings))
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  private static Set<String> offerUrls(TestHttp http, String token, List<String> skus) {
    Set<String> urls = new HashSet<>();
    for (String sku : skus) {
      TestHttp.Reply reply = http.get("/api/products/" + URLEncoder.encode(sku, StandardCharsets.UTF_8), token);
      if (reply.status() == 200) {
        reply.json().get("offers").fieldNames().forEachRemaining(urls::add);
      }
    }
    return urls;
  }

  @Test
  void listingsFlowBadRecordsGoToTheDlqAndARestartedNodeResumesWithoutLoss() throws Exception {
    broker.createTopic(listings, 3);
    broker.createTopic(dlq, 1);
    broker.createTopic(alerts, 1);
    Main.Node first = startNode();
    TestHttp http = new TestHttp(first.httpPort());
    String token = first.adminToken();
    assertEquals(200, http.post("/api/reference-prices", token, SeedFiles.text("reference-prices.seed.csv")).status());
    List<String> skus = List.of("精华油1:125ml", "精华油1:200ml", "精华油2:30ml", "按摩油1:125ml");

    List<byte[]> batch = new ArrayList<>();
    Set<String> expectedUrls = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      String url = "https://k.example/" + run + "/" + i;
      expectedUrls.add(url);
      String[][] variants = {{"精华油1", "125ml", "200"}, {"精华油1", "200ml", "300"}, {"精华油2", "30ml", "195"},
          {"按摩油1", "125ml", "210"}};
      String[] v = variants[i % variants.length];
      batch.add(listing(url, v[0], v[1], v[2], "[]").getBytes(StandardCharsets.UTF_8));
    }
    batch.add("{not json".getBytes(StandardCharsets.UTF_8));
    batch.add("{\"shop_name\":\"x\",\"item_name\":\"精华油1\",\"item_url\":\"https://k/bad\"}".getBytes(StandardCharsets.UTF_8));
    batch.add("[1,2,3]".getBytes(StandardCharsets.UTF_8));
    String violating = "https://k.example/" + run + "/violating";
    expectedUrls.add(violating);
    for (int i = 0; i < 3; i++) {
      batch.add(listing(violating, "精华油1", "125ml", "190.00", "['每满200减20,上不封顶']").getBytes(StandardCharsets.UTF_8));
    }
    produce(batch);

    Eventually.await(WAIT, () -> assertEquals(expectedUrls, offerUrls(http, token, skus)));
    Eventually.await(WAIT, () -> {
      try {
        assertEquals(batch.size(), committed());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });

    List<ConsumerRecord<String, byte[]>> dead = readAll(dlq);
    assertEquals(3, dead.size());
    List<String> reasons = dead.stream()
        .map(r -> new String(r.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
        .toList();
    assertTrue(reasons.get(0).startsWith("not JSON"), reasons.toString());
    assertTrue(reasons.get(1).contains("item_price is missing"), reasons.toString());
    assertTrue(reasons.get(2).contains("expected a JSON object"), reasons.toString());
    assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8));

    Eventually.await(WAIT, () -> {
      List<JsonNode> opened = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : readAll(alerts)) {
        JsonNode alert = json(r.value());
        if (alert.get("listing_url").asText().equals(violating) && alert.get("type").asText().equals("opened")) {
          opened.add(alert);
          assertEquals("精华油1:125ml", r.key());
        }
      }
      assertEquals(1, opened.size(), "one opened alert for three deliveries of the same violating listing");
      assertEquals(new BigDecimal("172.00"), opened.get(0).get("landed_price").decimalValue());
    });

    terminate(nodes.remove(0));
    List<byte[]> whileDown = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String url = "https://k.example/" + run + "/later-" + i;
      expectedUrls.add(url);
      whileDown.add(listing(url, "精华油2", "30ml", "199", "[]").getBytes(StandardCharsets.UTF_8));
    }
    produce(whileDown);

    Main.Node second = startNode();
    TestHttp http2 = new TestHttp(second.httpPort());
    Eventually.await(WAIT, () -> assertEquals(expectedUrls, offerUrls(http2, token, skus)));
    Eventually.await(WAIT, () -> {
      try {
        assertEquals(batch.size() + whileDown.size(), committed());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aViolationLeftOpenPastItsFixWindowIsEscalatedOnceOnTheAlertTopic() throws Exception {
    broker.createTopic(listings, 1);
    broker.createTopic(dlq, 1);
    broker.createTopic(alerts, 1);
    TestClock clock = TestClock.at(Instant.parse("2027-03-01T08:00:00Z"));
    Map<String, Object> settings = new HashMap<>(kafka());
    settings.put("actorcrm.pricing.sweep-interval", "200ms");
    Main.Node node = startNode(Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir, settings), clock));
    TestHttp http = new TestHttp(node.httpPort());
    String token = node.adminToken();
    assertEquals(200, http.post("/api/reference-prices", token, SeedFiles.text("reference-prices.seed.csv")).status());
    String url = "https://k.example/" + run + "/ignored-notice";
    assertEquals(1, http.post("/api/listings", token, listing(url, "精华油2", "30ml", "150", "[]")).json()
        .at("/verdicts/VIOLATION").asInt());
    String id = URLEncoder.encode("精华油2:30ml#1", StandardCharsets.UTF_8);
    Eventually.await(WAIT, () -> assertEquals(200, http.get("/api/violations/" + id, token).status()));
    assertEquals(200, http.post("/api/violations/" + id + "/notice", token,
        "{\"channel\":\"email\",\"by\":\"小李\",\"text\":\"请恢复价格\"}").status());

    clock.advance(Duration.ofHours(49));
    Eventually.await(WAIT, () -> assertEquals(1, alerts("escalated").size()));
    clock.advance(Duration.ofHours(1));
    http.post("/api/listings", token, listing(url, "精华油2", "30ml", "200", "[]"));
    Eventually.await(WAIT, () -> assertEquals(1, alerts("resolved").size()));

    // Many sweeps ran between the escalation and the resolution: still one escalation.
    List<JsonNode> escalated = alerts("escalated");
    assertEquals(1, escalated.size(), escalated.toString());
    assertEquals("2027-03-03T08:00:00Z", escalated.get(0).get("fix_due_at").asText());
    assertEquals(1, escalated.get(0).get("notices").asInt());
    assertEquals(new BigDecimal("150.00"), escalated.get(0).get("landed_price").decimalValue());
    JsonNode resolved = alerts("resolved").get(0);
    assertEquals(new BigDecimal("200.00"), resolved.get("landed_price").decimalValue());
    assertEquals(new BigDecimal("180.00"), resolved.get("floor").decimalValue());
    assertEquals("the landed price is back at or above the floor (landed price 200.00, floor 180.00)",
        resolved.get("reason").asText());
  }

  private List<JsonNode> alerts(String type) {
    List<JsonNode> found = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : readAll(alerts)) {
      JsonNode alert = json(r.value());
      if (alert.get("type").asText().equals(type)) {
        found.add(alert);
      }
    }
    return found;
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
