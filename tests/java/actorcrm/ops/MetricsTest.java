package actorcrm.ops;

import actorcrm.Eventually;
import actorcrm.TestClock;
import actorcrm.api.TestHttp;
import actorcrm.ingest.KafkaBroker;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;
import actorcrm.pricing.SeedFiles;
import actorcrm.pricing.SeedListings;
import actorcrm.sales.SalesFloor;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /metrics after a known workload: the listings graph's consumed, dead-lettered and committed
 * counters move by exactly the records sent, routing decisions and assignment waits by exactly the
 * leads created, requests are counted by route template; /metrics on the HTTP port wants a viewer token.
 */
@ExtendWith(LogCapturingExtension.class)
class MetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dataDir;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String listings = "listings-" + run;
  private final KafkaBroker broker = KafkaBroker.get();
  private Main.Node node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.system().terminate();
      node.system().getWhenTerminated().toCompletableFuture().join();
    }
  }

  private Map<String, Object> kafka() {
    Map<String, Object> kafka = new HashMap<>();
    for (String graph : List.of("listings", "leads", "tickets")) {
      kafka.put("actorcrm.kafka." + graph + "-topic", graph + "-" + run);
      kafka.put("actorcrm.kafka." + graph + "-dlq-topic", graph + "-dlq-" + run);
      kafka.put("actorcrm.kafka." + graph + "-group", "actorcrm-" + graph + "-" + run);
      broker.createTopic(graph + "-" + run, graph.equals("listings") ? 3 : 1);
      broker.createTopic(graph + "-dlq-" + run, 1);
    }
    kafka.put("actorcrm.kafka.alerts-topic", "price-alerts-" + run);
    broker.createTopic("price-alerts-" + run, 1);
    kafka.put("actorcrm.kafka.bootstrap-servers", broker.bootstrapServers());
    return kafka;
  }

  @Test
  void countersMoveByExactlyTheWorkload() throws Exception {
    TestNodes.Ports ports = TestNodes.freePorts();
    node = Main.start(TestNodes.config(ports, List.of(), TestNodes.memoryDb(), dataDir, kafka()));
    TestHttp http = new TestHttp(node.httpPort());
    http.awaitHealthy(Duration.ofSeconds(30));
    assertEquals(200, http.post("/api/reference-prices", TestNodes.ADMIN_TOKEN,
        SeedFiles.text("reference-prices.seed.csv")).status());

    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(listing("https://m.example/" + run + "/" + i).getBytes(StandardCharsets.UTF_8));
    }
    records.add("{not json".getBytes(StandardCharsets.UTF_8));
    records.add("[1,2,3]".getBytes(StandardCharsets.UTF_8));
    records.add("{\"shop_name\":\"x\",\"item_name\":\"精华油1\",\"item_url\":\"https://m/bad\"}".getBytes(StandardCharsets.UTF_8));
    produce(records);

    String team = "metrics-" + run;
    SalesFloor.rep(http, "m-" + run, team, "[]", 2, 1, "online");
    Map<Integer, Integer> leadStatuses = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      TestHttp.Reply reply = http.post("/api/leads", TestNodes.ADMIN_TOKEN, "{\"idempotency_key\":\"" + run + "-" + i
          + "\",\"name\":\"客户" + i + "\",\"source\":\"web\",\"team\":\"" + team + "\"}");
      assertTrue(reply.status() == 201 || reply.status() == 202, reply.body());
      leadStatuses.merge(reply.status(), 1, Integer::sum);
    }

    String topic = "{topic=\"" + listings + "\"}";
    Eventually.await(WAIT, () -> assertEquals(15.0, scrape(ports.management()).get("actorcrm_ingest_records_committed_total" + topic)));
    Map<String, Double> metrics = scrape(ports.management());
    assertEquals(15.0, metrics.get("actorcrm_ingest_records_consumed_total" + topic), "12 listings and 3 bad records");
    assertEquals(3.0, metrics.get("actorcrm_ingest_records_dead_lettered_total" + topic), "the 3 bad records");
    assertEquals(0.0, metrics.get("actorcrm_ingest_consumer_lag_records" + topic), "all consumed");
    // The rep takes 2 leads; the third waits in the queue.
    assertEquals(2.0, metrics.get("actorcrm_routing_decisions_total{kind=\"lead\",outcome=\"proposed\"}"));
    assertEquals(1.0, metrics.get("actorcrm_routing_decisions_total{kind=\"lead\",outcome=\"queued\"}"));
    assertEquals(2.0, metrics.get("actorcrm_assignment_wait_seconds_count{kind=\"lead\"}"));
    leadStatuses.forEach((status, count) -> assertEquals(count.doubleValue(),
        metrics.get("actorcrm_http_requests_total{method=\"POST\",route=\"/api/leads\",status=\"" + status + "\"}")));
    assertEquals(1.0, metrics.get("actorcrm_http_requests_total{method=\"PUT\",route=\"/api/reps/{id}\",status=\"200\"}"),
        "the rep's id is not a label");
    assertEquals(1.0, metrics.get("actorcrm_entities{type=\"rep\"}"));
    assertEquals(3.0, metrics.get("actorcrm_entities{type=\"lead\"}"));
    assertEquals(0.0, metrics.get("actorcrm_open_violations"), "no listing is under its floor");
    assertTrue(metrics.containsKey("jvm_memory_used_bytes{area=\"heap\"}"), "the JVM collectors are registered");

    String exposed = scrapeText(ports.management());
    String dashboard = Files.readString(Path.of("docker/grafana/actorcrm.json"));
    Matcher names = Pattern.compile("(actorcrm|jvm)_[a-z_]+").matcher(dashboard);
    while (names.find()) {
      String name = names.group().replaceAll("_bucket$", "");
      assertTrue(exposed.contains("# TYPE " + name + " "), "the dashboard reads " + name + ", which the node exports");
    }
  }

  @Test
  void metricsOnTheHttpPortWantAViewerToken() {
    node = TestNodes.startSingle(dataDir, Map.of());
    TestHttp http = new TestHttp(node.httpPort());
    assertEquals(401, http.get("/metrics", null).status());
    TestHttp.Reply issued = http.post("/api/tokens", TestNodes.ADMIN_TOKEN, "{\"role\":\"viewer\",\"subject\":\"grafana\"}");
    TestHttp.Reply scraped = http.get("/metrics", issued.json().get("token").asText());
    assertEquals(200, scraped.status());
    assertTrue(scraped.body().contains("# TYPE actorcrm_http_requests_total counter"), scraped.body());
    TestHttp.Reply rep = http.post("/api/tokens", TestNodes.ADMIN_TOKEN, "{\"role\":\"rep\",\"subject\":\"ann\"}");
    assertEquals(403, http.get("/metrics", rep.json().get("token").asText()).status());
  }

  private static String listing(String url) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("shop_name", "经销商M");
    l.put("item_name", "精华油1");
    l.put("item_url", url);
    l.put("item_price", new BigDecimal("200"));
    l.put("discount_info", "[]");
    l.put("item_size", "125ml");
    return new SeedListings.Row(l, null, null, null).json();
  }

  private void produce(List<byte[]> values) throws Exception {
    // Stamped in the node's time: the record's timestamp is when the listing was seen.
    broker.produce(listings, values, TestClock.AHEAD.millis());
  }

  /** The management port's /metrics as sample name with labels → value. */
  static Map<String, Double> scrape(int managementPort) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : scrapeText(managementPort).split("\n")) {
      int space = line.lastIndexOf(' ');
      if (!line.startsWith("#") && space > 0) {
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }

  static String scrapeText(int managementPort) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      return response.body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
