package actorcrm.pricing;

import actorcrm.node.PooledJdbcSession;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs the projections of the price-control journal tag, each once in the cluster (a sharded
 * daemon process moves it when its node leaves): the SQL read model (exactly once, a group of
 * events and its offset per transaction), the shops' violation counters and — with Kafka on — the alert topic
 * (both at least once).
 */
public final class PriceControlProjection {
  private PriceControlProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource, Duration askTimeout,
                          SendProducer<String, String> alertProducer, String alertTopic) {
    Supplier<PooledJdbcSession> sessions = () -> new PooledJdbcSession(dataSource);
    SourceProvider<Offset, EventEnvelope<Object>> source =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), ProductEvent.TAG);

    run(system, "price-read-model", JdbcProjection.groupedWithin(
            ProjectionId.of("price-read-model", ProductEvent.TAG), source, sessions, PriceControlProjectionHandler::new, system)
        .withGroup(500, Duration.ofMillis(200)));

    ClusterSharding sharding = ClusterSharding.get(system);
    run(system, "shop-counters", JdbcProjection.atLeastOnceAsync(
        ProjectionId.of("shop-counters", ProductEvent.TAG), source, sessions,
        () -> new ShopCounterHandler(sharding, askTimeout), system));

    if (alertProducer != null) {
      run(system, "price-alerts", JdbcProjection.atLeastOnceAsync(
          ProjectionId.of("price-alerts", ProductEvent.TAG), source, sessions,
          () -> new PriceAlertHandler(alertProducer, alertTopic), system));
    }
  }

  private static void run(ActorSystem<?> system, String name, Projection<EventEnvelope<Object>> projection) {
    ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, name, 1,
        i -> ProjectionBehavior.create(projection), ProjectionBehavior.stopMessage());
  }
}
