package actorcrm.bench;

import actorcrm.api.TestHttp;
import actorcrm.ingest.KafkaBroker;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Listings per second through the whole Kafka graph of one node (decode, match, landed price, ask
 * the product entity, journal to H2, commit) against a bare KafkaConsumer reading the same topic in
 * the same run. Not a test: it prints a report for docs/benchmarks.md.
 *
 * Args: [listings (default 1000000)] [products (default 200)] [distinct listing URLs (default 20000)]
 */
public final class ListingGraphBench {
  private static final String TOPIC = "bench-listings";
  private static final String GROUP = "bench-graph";

  public static void main(String[] args) throws Exception {
    int listings = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int products = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int urls = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    KafkaBroker broker = KafkaBroker.get();
    broker.createTopic(TOPIC, 4);
    Path dataDir = Files.createTempDirectory("actorcrm-bench");
    boolean postgres = Boolean.getBoolean("bench.postgres");
    String db = postgres ? TestNodes.freshPostgresDb() : "jdbc:h2:file:" + dataDir.resolve("journal") + ";AUTO_SERVER=TRUE";
    Map<String, Object> dbExtra = postgres ? Map.of("actorcrm.db.user", "postgres") : Map.of();
    System.out.println("journal: " + db);

    Main.Node importer = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir, dbExtra));
    TestHttp http = new TestHttp(importer.httpPort());
    http.awaitHealthy(Duration.ofSeconds(60));
    TestHttp.Reply imported = http.post("/api/reference-prices", TestNodes.ADMIN_TOKEN, catalog(products));
    System.out.println("catalog: " + imported.body());
    stop(importer);

    long produceStart = System.nanoTime();
    produce(broker, listings, products, urls);
    double produceSeconds = seconds(System.nanoTime() - produceStart);
    System.out.printf("produced %,d listings in %.1f s%n", listings, produceSeconds);

    double bareRate = bareConsumer(broker, listings);
    System.out.printf("bare consumer: %,.0f records/s%n", bareRate);

    Map<String, Object> kafka = new java.util.HashMap<>(dbExtra);
    kafka.putAll(Map.of(
        "actorcrm.kafka.bootstrap-servers", broker.bootstrapServers(),
        "actorcrm.kafka.listings-topic", TOPIC,
        "actorcrm.kafka.listings-group", GROUP,
        "actorcrm.kafka.parallelism", Integer.getInteger("bench.parallelism", 16)));
    Main.Node node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir, kafka));
    long firstAt = 0;
    long firstCount = 0;
    long committed = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
    while (committed < listings && System.nanoTime() < deadline) {
      Thread.sleep(250);
      committed = committed(broker);
      if (firstAt == 0 && committed > 0) {
        firstAt = System.nanoTime();
        firstCount = committed;
      }
    }
    long endAt = System.nanoTime();
    double graphRate = (committed - firstCount) / seconds(endAt - firstAt);
    stop(node);
    System.out.printf("graph: %,d of %,d committed; %,.0f listings/s (from the first commit to the last)%n",
        committed, listings, graphRate);
    System.out.printf("ratio graph / bare consumer: %.4f%n", graphRate / bareRate);
    broker.close();
    if (postgres) {
      TestNodes.dropPostgresDb(db);
    }
  }

  private static String catalog(int products) {
    StringBuilder csv = new StringBuilder("product,size,list_price,floor\n");
    for (int p = 0; p < products; p++) {
      csv.append(product(p)).append(",100ml,200,180\n");
    }
    return csv.toString();
  }

  private static String product(int p) {
    return String.format("品牌精华%04d", p);
  }

  private static void produce(KafkaBroker broker, int listings, int products, int urls) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < listings; i++) {
        int url = i % urls;
        int p = url % products;
        // Each scrape of a URL shows a slightly different price, so every record is news for its product.
        int price = 170 + (i / urls + url) % 60;
        String discount = url % 5 == 0 ? "['每满200减20,上不封顶']" : "[]";
        String json = "{\"shop_name\":\"经销商" + (url % 500) + "\",\"item_name\":\"" + product(p) + " 正品 官方 100ml\","
            + "\"item_url\":\"https://bench.example/" + url + "\",\"item_img\":\"\",\"item_price\":" + price + ".00,"
            + "\"discount_info\":\"" + discount + "\",\"item_size\":\"100ml\"}";
        producer.send(new ProducerRecord<>(TOPIC, "u" + url, json.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  private static double bareConsumer(KafkaBroker broker, int listings) {
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("max.poll.records", 5000);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
          .map(i -> new TopicPartition(TOPIC, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long bytes = 0;
      long read = 0;
      long start = System.nanoTime();
      while (read < listings) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> r : records) {
          bytes += r.value().length;
          read++;
        }
      }
      double s = seconds(System.nanoTime() - start);
      System.out.printf("bare consumer read %,d records (%,d bytes) in %.2f s%n", read, bytes, s);
      return read / s;
    }
  }

  private static long committed(KafkaBroker broker) throws Exception {
    return broker.admin().listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().values().stream()
        .mapToLong(o -> o == null ? 0 : o.offset()).sum();
  }

  private static void stop(Main.Node node) {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
