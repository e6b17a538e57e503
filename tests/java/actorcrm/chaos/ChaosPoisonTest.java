package actorcrm.chaos;

import actorcrm.dispatch.WorkKind;
import actorcrm.api.TestHttp;
import actorcrm.ingest.KafkaBroker;
import actorcrm.ingest.DeadLetters;
import actorcrm.pricing.SeedFiles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Poison records on every ingest topic of a node process — a null value, bytes that are not JSON,
 * a JSON array, and a record over 1 MiB (a JSON object with one huge text field) — each followed by
 * good records: every poison record lands once on the topic's dead-letter topic with its reason
 * (and nothing else does), the good records after it are taken, and the consumer group's lag
 * reaches 0.
 */
@ExtendWith(KafkaBroker.Extension.class)
class ChaosPoisonTest {
  private static final int MIB = 1 << 20;
  private static final int GOOD = 5;
  private static final List<String> POISON = List.of("null value", "not JSON", "JSON array", "over 1 MiB");

  /** One topic's case: how its n-th good record looks, how to see it was taken, and its huge record. */
  private record Case(String kind, IntFunction<String> good, Predicate<Integer> taken, String huge) {}

  /** What became of one topic's records. */
  private record Outcome(Case c, List<String> deadLettered, List<String> problems, long taken, long lag) {
    boolean done() {
      return deadLettered.size() == POISON.size() && problems.isEmpty() && taken == GOOD && lag == 0;
    }
  }

  @Test
  void everyPoisonRecordIsDeadLetteredWithItsReasonAndTheRecordsAfterItAreTaken(KafkaBroker broker) throws Exception {
    ChaosScale scale = ChaosScale.current();
    String run = UUID.randomUUID().toString().substring(0, 8);
    ChaosKafka kafka = new ChaosKafka(broker);
    ChaosKafka.RunTopics topics = new ChaosKafka.RunTopics(run);
    for (String kind : List.of("listings", "leads", "tickets")) {
      // The source topics take the huge record; the dead-letter topics keep the broker's default limit.
      kafka.createTopic(topics.topic(kind), 1, Map.of("max.message.bytes", String.valueOf(4 * MIB)));
      kafka.createTopic(topics.deadLetters(kind), 1, Map.of());
    }
    kafka.createTopic(topics.alerts(), 1, Map.of());
    Path dir = Files.createDirectories(Path.of("target", "chaos", "poison-" + run));
    NodeCluster.Journal journal = NodeCluster.Journal.fresh();
    ChaosReport report = new ChaosReport("poison records on listings, leads and tickets", scale, journal);
    report.add("node logs", dir);
    String huge = "x".repeat(MIB + MIB / 5);

    try (NodeCluster cluster = new NodeCluster(1, dir, journal, kafka.bootstrapServers(), topics.nodeProperties(), scale);
         KafkaProducer<String, byte[]> producer = kafka.producer(4 * MIB)) {
      cluster.startAll();
      TestHttp http = cluster.http(0);
      assertEquals(200, http.post("/api/reference-prices", NodeCluster.TOKEN,
          SeedFiles.text("reference-prices.seed.csv")).status());
      List<Case> cases = List.of(
          new Case("listings", i -> listing(run, i, "精华油1"), i -> offerKnown(http, "https://poison.example/" + run + "/" + i),
              listing(run, 99, huge)),
          new Case("leads", i -> "{\"idempotency_key\":\"poison-" + run + "-" + i + "\",\"name\":\"客户" + i
              + "\",\"source\":\"kafka\",\"team\":\"poison\"}",
              i -> known(http, "/api/leads/" + WorkKind.LEAD.idFor("poison-" + run + "-" + i)),
              "{\"idempotency_key\":\"poison-" + run + "-huge\",\"name\":\"" + huge + "\",\"team\":\"poison\"}"),
          new Case("tickets", i -> "{\"idempotency_key\":\"poison-" + run + "-" + i + "\",\"customer_id\":\"c" + i
              + "\",\"customer_tier\":\"standard\",\"complexity\":2,\"subject\":\"发票\",\"team\":\"poison\"}",
              i -> known(http, "/api/tickets/" + WorkKind.TICKET.idFor("poison-" + run + "-" + i)),
              "{\"idempotency_key\":\"poison-" + run + "-huge\",\"customer_id\":\"c\",\"customer_tier\":\"standard\","
                  + "\"complexity\":2,\"team\":\"poison\",\"subject\":\"" + huge + "\"}"));

      Map<String, Map<Long, byte[]>> poisonAt = new LinkedHashMap<>();
      for (Case c : cases) {
        String topic = topics.topic(c.kind());
        List<byte[]> poison = Arrays.asList(null, bytes("{not json"), bytes("[1,2,3]"), bytes(c.huge()));
        Map<Long, byte[]> offsets = new LinkedHashMap<>();
        for (byte[] value : poison) {
          offsets.put(producer.send(new ProducerRecord<>(topic, null, value)).get().offset(), value);
        }
        for (int i = 0; i < GOOD; i++) {
          producer.send(new ProducerRecord<>(topic, null, bytes(c.good().apply(i)))).get();
        }
        poisonAt.put(c.kind(), offsets);
      }

      long produced = System.nanoTime();
      report.seconds("every topic dead-lettered its poison and took the rest", Converge.within(scale.settle(), produced,
          () -> cases.stream().allMatch(c -> outcome(kafka, topics, c, poisonAt.get(c.kind())).done())),
          Duration.ofSeconds(60), scale.settle());
      List<Outcome> outcomes = cases.stream().map(c -> outcome(kafka, topics, c, poisonAt.get(c.kind()))).toList();

      List<Executable> checks = new ArrayList<>();
      for (Outcome o : outcomes) {
        String kind = o.c().kind();
        report.add(kind + ": dead-lettered", o.deadLettered().size() + " of " + POISON.size() + " " + o.deadLettered());
        report.add(kind + ": problems", o.problems().isEmpty() ? "none" : o.problems());
        report.add(kind + ": good records after them taken", o.taken() + " of " + GOOD);
        report.add(kind + ": lag", o.lag());
        checks.add(() -> assertEquals(List.of(), o.problems(), kind + ": poison records not dead-lettered properly"));
        checks.add(() -> assertEquals(GOOD, o.taken(), kind + ": good records after the poison taken"));
        checks.add(() -> assertEquals(0, o.lag(), kind + ": records not committed by " + topics.group(kind)));
      }
      assertAll(checks);
    } finally {
      report.write();
    }
  }

  /**
   * Reads the dead-letter topic: each poison record must be there exactly once, found by its source
   * header, with a reason, carrying its bytes (the huge one at most 1 MiB of them); anything else
   * there is a problem too.
   */
  private static Outcome outcome(ChaosKafka kafka, ChaosKafka.RunTopics topics, Case c, Map<Long, byte[]> poison) {
    String topic = topics.topic(c.kind());
    List<ConsumerRecord<String, byte[]>> dead;
    try (ChaosKafka.TopicReader reader = kafka.reader(topics.deadLetters(c.kind()))) {
      dead = reader.poll();
    }
    List<String> deadLettered = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int n = 0;
    for (var entry : poison.entrySet()) {
      String what = POISON.get(n++);
      String source = topic + "-0@" + entry.getKey();
      List<ConsumerRecord<String, byte[]>> copies = dead.stream().filter(r -> source.equals(header(r, DeadLetters.SOURCE_HEADER))).toList();
      if (copies.size() != 1) {
        problems.add(what + " (" + source + ") is on the DLQ " + copies.size() + " times");
        continue;
      }
      ConsumerRecord<String, byte[]> copy = copies.get(0);
      String reason = header(copy, DeadLetters.REASON_HEADER);
      byte[] original = entry.getValue();
      boolean bytesKept = original == null ? copy.value() == null || copy.value().length == 0
          : original.length > MIB ? copy.value() != null && copy.value().length <= MIB
          : Arrays.equals(original, copy.value());
      if (reason == null || reason.isBlank()) {
        problems.add(what + " has no " + DeadLetters.REASON_HEADER + " header");
      } else if (!bytesKept) {
        problems.add(what + " is dead-lettered with other bytes (" + (copy.value() == null ? "null" : copy.value().length + " bytes") + ")");
      } else {
        deadLettered.add(what + ": " + abbreviate(reason));
      }
    }
    long others = dead.stream().filter(r -> poison.keySet().stream().noneMatch(o -> (topic + "-0@" + o).equals(header(r, DeadLetters.SOURCE_HEADER)))).count();
    if (others > 0) {
      problems.add(others + " other records on the DLQ");
    }
    long taken = java.util.stream.IntStream.range(0, GOOD).filter(c.taken()::test).count();
    return new Outcome(c, deadLettered, problems, taken, kafka.lag(topics.group(c.kind()), topic));
  }

  private static String listing(String run, int i, String name) {
    return "{\"shop_name\":\"毒经销商\",\"item_name\":\"" + name + "\",\"item_url\":\"https://poison.example/" + run + "/" + i
        + "\",\"item_price\":200.00,\"discount_info\":\"\",\"item_size\":\"125ml\"}";
  }

  private static boolean offerKnown(TestHttp http, String url) {
    TestHttp.Reply reply = http.get("/api/products/" + URLEncoder.encode("精华油1:125ml", StandardCharsets.UTF_8), NodeCluster.TOKEN);
    return reply.status() == 200 && reply.json().get("offers").has(url);
  }

  private static boolean known(TestHttp http, String path) {
    return http.get(path, NodeCluster.TOKEN).status() == 200;
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "…";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
