package actorcrm.ingest;

import actorcrm.dispatch.WorkKind;
import actorcrm.Eventually;
import actorcrm.api.TestHttp;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leads and tickets from real Kafka topics: created once per key, bad records to their DLQs with reasons, offsets committed. */
@ExtendWith(LogCapturingExtension.class)
class KafkaWorkIngestTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dataDir;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final KafkaBroker broker = KafkaBroker.get();
  private Main.Node node;

  @AfterEach
  void stop() {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  private void produce(String topic, List<String> values) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, null, v)).get();
      }
    }
  }

  private List<String> reasons(String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
          reasons.add(new String(r.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8));
        }
      }
      return reasons;
    }
  }

  private long committed(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = broker.admin().listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().offset()).sum();
  }

  @Test
  void leadsAndTicketsFlowInAndBadRecordsGoToTheirDeadLetterTopics() throws Exception {
    String leads = "leads-" + run;
    String tickets = "tickets-" + run;
    for (String t : List.of(leads, leads + "-dlq", tickets, tickets + "-dlq")) {
      broker.createTopic(t, t.endsWith("dlq") ? 1 : 2);
    }
    node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), TestNodes.memoryDb(), dataDir, Map.of(
        "actorcrm.kafka.bootstrap-servers", broker.bootstrapServers(),
        "actorcrm.kafka.listings-topic", "listings-" + run,
        "actorcrm.kafka.leads-topic", leads, "actorcrm.kafka.leads-dlq-topic", leads + "-dlq",
        "actorcrm.kafka.tickets-topic", tickets, "actorcrm.kafka.tickets-dlq-topic", tickets + "-dlq",
        "actorcrm.kafka.leads-group", "leads-" + run, "actorcrm.kafka.tickets-group", "tickets-" + run)));
    TestHttp http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
    assertEquals(200, http.put("/api/reps/k-" + run, TestNodes.ADMIN_TOKEN, "{\"name\":\"K\",\"team\":\"kq\","
        + "\"skills\":[\"billing\"],\"lead_capacity\":10,\"ticket_capacity\":10}").status());
    assertEquals(200, http.post("/api/reps/k-" + run + "/presence", TestNodes.ADMIN_TOKEN, "{\"status\":\"online\"}").status());

    List<String> leadRecords = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      leadRecords.add("{\"idempotency_key\":\"kl-" + run + "-" + i + "\",\"name\":\"客户" + i + "\",\"team\":\"kq\"}");
    }
    leadRecords.add(leadRecords.get(0));
    leadRecords.add("{not json");
    leadRecords.add("{\"name\":\"no key\",\"team\":\"kq\"}");
    produce(leads, leadRecords);
    produce(tickets, List.of(
        "{\"idempotency_key\":\"kt-" + run + "-1\",\"customer_tier\":\"vip\",\"complexity\":2,\"team\":\"kq\"}",
        "{\"idempotency_key\":\"kt-" + run + "-2\",\"customer_tier\":\"standard\",\"complexity\":1,\"team\":\"kq\"}",
        "{\"idempotency_key\":\"kt-" + run + "-3\",\"customer_tier\":\"standard\",\"complexity\":9,\"team\":\"kq\"}"));

    Eventually.await(WAIT, () -> {
      for (int i = 0; i < 5; i++) {
        String id = WorkKind.LEAD.idFor("kl-" + run + "-" + i);
        assertEquals("assigned", http.get("/api/leads/" + id, TestNodes.ADMIN_TOKEN).json().get("status").asText());
      }
      for (int i = 1; i <= 2; i++) {
        String id = WorkKind.TICKET.idFor("kt-" + run + "-" + i);
        assertEquals("assigned", http.get("/api/tickets/" + id, TestNodes.ADMIN_TOKEN).json().get("routing").asText());
      }
    });
    Eventually.await(WAIT, () -> {
      try {
        assertEquals(leadRecords.size(), committed("leads-" + run, leads));
        assertEquals(3, committed("tickets-" + run, tickets));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(5, http.get("/api/entities/rep/k-" + run, TestNodes.ADMIN_TOKEN).json().get("leads_assigned").asInt(),
        "the duplicated record created no second lead");
    List<String> leadReasons = reasons(leads + "-dlq");
    assertEquals(2, leadReasons.size(), leadReasons.toString());
    assertTrue(leadReasons.get(0).startsWith("not JSON"), leadReasons.toString());
    assertEquals("idempotency_key is missing", leadReasons.get(1));
    List<String> ticketReasons = reasons(tickets + "-dlq");
    assertEquals(List.of("complexity must be 1..5, got 9"), ticketReasons);
  }
}
