package actorcrm.ops;

import actorcrm.platform.Instruments;
import actorcrm.api.HttpMetrics;
import actorcrm.dispatch.AssignmentMetrics;
import actorcrm.dispatch.WorkKind;
import actorcrm.ingest.IngestMetrics;
import actorcrm.service.SlaAlert;
import actorcrm.service.SlaMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The node's Prometheus registry and every ActorCrm metric in it, one registry per actor system (so
 * in-JVM cluster tests count per node). Features report through their small ports, which this class
 * implements; gauges (entities on this node, open violations, consumer lag) are computed when scraped.
 * Labels are bounded: topic, entity type, work kind, outcome, alert, method, route template, status.
 */
public final class Metrics implements IngestMetrics, AssignmentMetrics, SlaMetrics, HttpMetrics {
  private static final Duration GAUGE_WAIT = Duration.ofSeconds(2);
  private static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final double[] WAIT_BOUNDS = {0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800, 3600, 14400, 86400};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, Probe> graphs = new ConcurrentHashMap<>();
  private final Counter consumed = counter("actorcrm_ingest_records_consumed_total",
      "Records read from a Kafka topic by this node's ingest graph", "topic");
  private final Counter deadLettered = counter("actorcrm_ingest_records_dead_lettered_total",
      "Records of a topic this node sent to its dead-letter topic", "topic");
  private final Counter committed = counter("actorcrm_ingest_records_committed_total",
      "Offsets of a topic this node committed after the record was journaled or dead-lettered", "topic");
  private final Counter routed = counter("actorcrm_routing_decisions_total",
      "Routing answers journaled by leads and tickets: proposed to a rep, or queued", "kind", "outcome");
  private final Histogram waited = Histogram.builder().name("actorcrm_assignment_wait_seconds")
      .help("From an item's first routing (its creation) to its assignment").labelNames("kind")
      .classicOnly().classicUpperBounds(WAIT_BOUNDS).register(registry);
  private final Counter slaAlerts = counter("actorcrm_sla_alerts_total", "Ticket SLA warnings and breaches", "alert");
  private final Counter requests = counter("actorcrm_http_requests_total",
      "HTTP requests answered, by route template and status", "method", "route", "status");
  private final Histogram requestSeconds = Histogram.builder().name("actorcrm_http_request_duration_seconds")
      .help("Time to answer an HTTP request, by route template").labelNames("method", "route")
      .classicOnly().classicUpperBounds(LATENCY_BOUNDS).register(registry);
  private volatile LongSupplier openViolations;

  /** A registry with the JVM collectors; entity counts on this node are asked of its shard regions for {@code entityTypes}. */
  public Metrics(ActorSystem<?> system, List<String> entityTypes) {
    JvmMetrics.builder().register(registry);
    // The bounded label sets start at 0, so a rate over a series that has not moved yet is 0, not absent.
    for (WorkKind kind : WorkKind.values()) {
      routed.initLabelValues(kind.wire(), "proposed");
      routed.initLabelValues(kind.wire(), "queued");
      waited.initLabelValues(kind.wire());
    }
    for (SlaAlert alert : SlaAlert.values()) {
      slaAlerts.initLabelValues(alert.name().toLowerCase(Locale.ROOT));
    }
    GaugeWithCallback.builder().name("actorcrm_ingest_consumer_lag_records")
        .help("Records of a topic not yet consumed by this node's consumer (from the Kafka consumer's records-lag)")
        .labelNames("topic")
        .callback(callback -> graphs.forEach((topic, probe) -> wait(probe.lag().toCompletableFuture(), OptionalLong.empty())
            .ifPresent(lag -> callback.call(lag, topic))))
        .register(registry);
    GaugeWithCallback.builder().name("actorcrm_entities")
        .help("Entities running on this node, by entity type (from its shard regions)").labelNames("type")
        .callback(callback -> entityCounts(system, entityTypes).forEach((type, count) -> callback.call(count, type)))
        .register(registry);
    GaugeWithCallback.builder().name("actorcrm_open_violations")
        .help("Open price violations in the read model (cluster-wide)")
        .callback(callback -> {
          LongSupplier open = openViolations;
          if (open != null) {
            try {
              callback.call(open.getAsLong());
            } catch (RuntimeException databaseDown) {
              // left out of this scrape: the health check names the database
            }
          }
        })
        .register(registry);
  }

  /**
   * The metrics of a node on {@code system}, provided as its {@link Instruments} ports; call before
   * the entities start so every entity reports.
   */
  public static Metrics install(ActorSystem<?> system, List<String> entityTypes) {
    Metrics metrics = new Metrics(system, entityTypes);
    Instruments.provide(system, Metrics.class, metrics);
    Instruments.provide(system, AssignmentMetrics.class, metrics);
    Instruments.provide(system, SlaMetrics.class, metrics);
    return metrics;
  }

  /** The open violations gauge reads {@code open} when scraped. */
  public void watchOpenViolations(LongSupplier open) {
    this.openViolations = open;
  }

  /** The probes of this node's ingest graphs, by topic. */
  public Map<String, Probe> graphs() {
    return Map.copyOf(graphs);
  }

  /** Every metric in the Prometheus text format. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void consumed(String topic) {
    consumed.labelValues(topic).inc();
  }

  @Override
  public void deadLettered(String topic) {
    deadLettered.labelValues(topic).inc();
  }

  @Override
  public void committed(String topic, long records) {
    committed.labelValues(topic).inc(records);
  }

  @Override
  public void graph(String topic, Probe probe) {
    graphs.put(topic, probe);
  }

  @Override
  public void routed(WorkKind kind, boolean proposed) {
    routed.labelValues(kind.wire(), proposed ? "proposed" : "queued").inc();
  }

  @Override
  public void assigned(WorkKind kind, Duration sinceFirstRouted) {
    waited.labelValues(kind.wire()).observe(sinceFirstRouted.toNanos() / 1e9);
  }

  @Override
  public void alerted(SlaAlert alert) {
    slaAlerts.labelValues(alert.name().toLowerCase(Locale.ROOT)).inc();
  }

  @Override
  public void request(String method, String route, int status, Duration took) {
    requests.labelValues(method, route, Integer.toString(status)).inc();
    requestSeconds.labelValues(method, route).observe(took.toNanos() / 1e9);
  }

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  /** Entities per type in this node's shard regions; a region that does not answer in time is left out. */
  private static Map<String, Long> entityCounts(ActorSystem<?> system, List<String> entityTypes) {
    Map<String, CompletableFuture<Long>> asked = new LinkedHashMap<>();
    for (String type : entityTypes) {
      asked.put(type, Patterns.ask(system.classicSystem().actorSelection("/system/sharding/" + type),
              ShardRegion.getShardRegionStateInstance(), GAUGE_WAIT)
          .thenApply(reply -> ((ShardRegion.CurrentShardRegionState) reply).getShards().stream()
              .mapToLong(shard -> shard.getEntityIds().size()).sum())
          .toCompletableFuture());
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    asked.forEach((type, count) -> {
      Long value = wait(count, null);
      if (value != null) {
        counts.put(type, value);
      }
    });
    return counts;
  }

  private static <T> T wait(CompletableFuture<T> future, T otherwise) {
    try {
      return future.get(GAUGE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return otherwise;
    } catch (Exception e) {
      return otherwise;
    }
  }
}
