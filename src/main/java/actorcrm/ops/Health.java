package actorcrm.ops;

import actorcrm.ingest.IngestMetrics;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Whether this node can serve and what it depends on is down, asked when a probe looks: starting
 * until it is an Up member whose shard region of every entity type reached the coordinator; then
 * degraded, with the reasons, while the database (a {@code select 1} on the pool, the journal's
 * database) or, when Kafka is configured, an ingest graph's broker connection is down. The same
 * checks answer Pekko Management's {@code /ready} ({@link ReadinessChecks}) and {@code /health}.
 */
public final class Health {
  public enum Status { UP, STARTING, DEGRADED }

  public record Report(Status status, List<String> reasons) {}

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

  private final ActorSystem<?> system;
  private final List<String> entityTypes;
  private final DataSource database;
  private final List<String> topics;
  private final Supplier<Map<String, IngestMetrics.Probe>> graphs;
  private final String bootstrapServers;
  private final Executor blocking;
  private final AtomicReference<CompletableFuture<Optional<String>>> databaseCheck = new AtomicReference<>();
  private volatile boolean shardingStarted;

  /** {@code topics} are those this node ingests from (none when Kafka is not configured); {@code graphs} their probes once started. */
  public Health(ActorSystem<?> system, List<String> entityTypes, DataSource database, List<String> topics,
                Supplier<Map<String, IngestMetrics.Probe>> graphs, String bootstrapServers) {
    this.topics = List.copyOf(topics);
    this.system = system;
    this.entityTypes = List.copyOf(entityTypes);
    this.database = database;
    this.graphs = graphs;
    this.bootstrapServers = bootstrapServers;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  public CompletionStage<Report> report() {
    return started().thenCompose(started -> {
      if (!started) {
        return CompletableFuture.completedFuture(new Report(Status.STARTING, List.of()));
      }
      CompletableFuture<Optional<String>> db = databaseProblem().toCompletableFuture();
      CompletableFuture<List<String>> kafka = kafkaProblems().toCompletableFuture();
      return db.thenCombine(kafka, (dbProblem, kafkaProblems) -> {
        List<String> reasons = new ArrayList<>();
        dbProblem.ifPresent(reasons::add);
        reasons.addAll(kafkaProblems);
        return new Report(reasons.isEmpty() ? Status.UP : Status.DEGRADED, List.copyOf(reasons));
      });
    });
  }

  /** An Up member whose shard regions of every entity type have registered with their coordinators. */
  public CompletionStage<Boolean> started() {
    MemberStatus status = Cluster.get(system).selfMember().status();
    if (status != MemberStatus.up() && status != MemberStatus.weaklyUp()) {
      return CompletableFuture.completedFuture(false);
    }
    if (shardingStarted) {
      return CompletableFuture.completedFuture(true);
    }
    // Asking a region for the current regions goes through its coordinator: an answer proves both started.
    CompletableFuture<?>[] asks = entityTypes.stream()
        .map(type -> Patterns.ask(system.classicSystem().actorSelection("/system/sharding/" + type),
            ShardRegion.getCurrentRegionsInstance(), CHECK_TIMEOUT).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(asks).handle((all, failure) -> {
      shardingStarted = failure == null;
      return shardingStarted;
    });
  }

  /** Why the database is not usable, or empty when a {@code select 1} answered; one check at a time. */
  public CompletionStage<Optional<String>> databaseProblem() {
    CompletableFuture<Optional<String>> running = databaseCheck.get();
    if (running != null && !running.isDone()) {
      return running;
    }
    CompletableFuture<Optional<String>> check = CompletableFuture.supplyAsync(this::selectOne, blocking)
        .completeOnTimeout(Optional.of("database: no connection within " + CHECK_TIMEOUT.toSeconds() + " s"),
            CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    databaseCheck.set(check);
    return check;
  }

  /** One reason per ingest graph with no broker connection; none when Kafka is not configured. */
  public CompletionStage<List<String>> kafkaProblems() {
    Map<String, IngestMetrics.Probe> byTopic = graphs.get();
    List<CompletableFuture<Optional<String>>> checks = topics.stream()
        .map(topic -> Optional.ofNullable(byTopic.get(topic))
            .map(probe -> probe.connected().toCompletableFuture())
            .orElse(CompletableFuture.completedFuture(false))
            .thenApply(connected -> connected ? Optional.<String>empty()
                : Optional.of("kafka: the " + topic + " ingest graph has no connection to " + bootstrapServers)))
        .toList();
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .thenApply(all -> checks.stream().map(CompletableFuture::join).flatMap(Optional::stream).sorted().toList());
  }

  private Optional<String> selectOne() {
    try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      c.commit();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of("database: " + e.getMessage());
    }
  }
}
