package actorcrm.ingest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-JVM broker is a real Kafka: topics with partitions, acks=all produce, group commits. */
@ExtendWith({LogCapturingExtension.class, KafkaBroker.Extension.class})
class KafkaBrokerTest {
  private static long classStart;

  @BeforeAll
  static void started(KafkaBroker kafka) {
    classStart = System.nanoTime();
    System.out.printf("KafkaBrokerTest: broker start-up took %d ms (paid once per JVM)%n",
        kafka.startupTime().toMillis());
  }

  @AfterAll
  static void finished() {
    System.out.printf("KafkaBrokerTest: test methods took %d ms after the broker was up%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - classStart));
  }

  @Test
  void producesConsumesAndCommitsInAConsumerGroup(KafkaBroker kafka) throws Exception {
    String topic = "broker-test-" + UUID.randomUUID();
    String group = "broker-test-group-" + UUID.randomUUID();
    kafka.createTopic(topic, 3);

    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        sends.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
      }
      Set<Integer> partitions = new HashSet<>();
      for (Future<RecordMetadata> send : sends) {
        partitions.add(send.get(30, TimeUnit.SECONDS).partition());
      }
      assertEquals(Set.of(0, 1, 2), partitions, "keys spread over all three partitions");
    }

    Set<String> values = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(kafka, group))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (values.size() < 100 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          assertTrue(values.add(record.value()), "no duplicate " + record.value());
        }
      }
      assertEquals(100, values.size(), "all records consumed");
      consumer.commitSync(Duration.ofSeconds(30));
    }

    try (KafkaConsumer<String, String> second = new KafkaConsumer<>(consumerProps(kafka, group))) {
      second.subscribe(List.of(topic));
      int seen = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      // Poll until the group has handed this consumer all three partitions, then a little longer.
      while (second.assignment().size() < 3 && System.nanoTime() < deadline) {
        seen += second.poll(Duration.ofMillis(200)).count();
      }
      assertEquals(3, second.assignment().size(), "second consumer owns the partitions");
      for (int i = 0; i < 5; i++) {
        seen += second.poll(Duration.ofMillis(200)).count();
      }
      assertEquals(0, seen, "committed offsets: the second consumer in the group gets nothing new");
      for (int p = 0; p < 3; p++) {
        TopicPartition tp = new TopicPartition(topic, p);
        assertEquals(second.committed(Set.of(tp)).get(tp).offset(), second.position(tp),
            "position starts at the committed offset on " + tp);
      }
    }

    Admin admin = kafka.admin();
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    assertEquals(3, committed.size(), "an offset per partition: " + committed);
    assertEquals(100L, committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum(),
        "committed offsets sum to the records produced: " + committed);
  }

  @Test
  void sharedBrokerIsTheSameInstanceAndAutoCreatesTopics(KafkaBroker kafka) throws Exception {
    assertTrue(kafka == KafkaBroker.get(), "one broker per JVM");
    String topic = "auto-created-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
    }
    assertTrue(kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS).contains(topic));
  }

  private static Properties producerProps(KafkaBroker kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }

  private static Properties consumerProps(KafkaBroker kafka, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }
}
