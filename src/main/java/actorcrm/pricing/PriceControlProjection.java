package actorcrm.pricing;

import actorcrm.platform.PooledJdbcSession;
import actorcrm.shop.ShopEntity;
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
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the price-control projections, each moved to another node when its node leaves (sharded
 * daemon processes): the SQL read model once in the cluster on {@link ProductEvent#TAG} (exactly
 * once, a group of events and its offset per transaction, in journal order), and the shops'
 * violation counters and — with Kafka on — the alert topic (both at least once) as one instance per
 * {@link ViolationTags} slice. A failing projection restarts from its last offset with backoff.
 */
public final class PriceControlProjection {
  /** Names of the projections that run per violation slice; their offsets are keyed by slice tag. */
  public static final String SHOP_COUNTERS = "shop-counters";
  public static final String PRICE_ALERTS = "price-alerts";
  public static final List<String> SLICED = List.of(SHOP_COUNTERS, PRICE_ALERTS);

  private static final Duration RESTART_MIN = Duration.ofSeconds(1);
  private static final Duration RESTART_MAX = Duration.ofSeconds(30);

  private PriceControlProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource, Duration askTimeout,
                          SendProducer<String, String> alertProducer, String alertTopic) {
    Supplier<PooledJdbcSession> sessions = () -> new PooledJdbcSession(dataSource);

    run(system, "price-read-model", 1, i -> JdbcProjection.groupedWithin(
            ProjectionId.of("price-read-model", ProductEvent.TAG), source(system, ProductEvent.TAG), sessions,
            PriceControlProjectionHandler::new, system)
        .withGroup(500, Duration.ofMillis(200))
        .withRestartBackoff(RESTART_MIN, RESTART_MAX, 0.2));

    ClusterSharding sharding = ClusterSharding.get(system);
    // Six asks of askTimeout with 0.2-3.2 s between them (about 36 s at 5 s): a shop still silent then fails the envelope.
    ShopCounterHandler.Retry retry = new ShopCounterHandler.Retry(askTimeout, 6, Duration.ofMillis(200), Duration.ofSeconds(10));
    run(system, SHOP_COUNTERS, ViolationTags.SLICES, i -> shopCounters(system, sessions, ViolationTags.slice(i),
        () -> new ShopCounterHandler(system, shop -> sharding.entityRefFor(ShopEntity.ENTITY_TYPE_KEY, shop), retry)));

    if (alertProducer != null) {
      run(system, PRICE_ALERTS, ViolationTags.SLICES, i -> atLeastOnce(system, sessions, PRICE_ALERTS,
          ViolationTags.slice(i), () -> new PriceAlertHandler(alertProducer, alertTopic)));
    }
  }

  /** The shop-counter projection of one slice, as the cluster runs it. */
  static Projection<EventEnvelope<Object>> shopCounters(ActorSystem<?> system, Supplier<PooledJdbcSession> sessions,
                                                        String sliceTag, Supplier<ShopCounterHandler> handler) {
    return atLeastOnce(system, sessions, SHOP_COUNTERS, sliceTag, handler);
  }

  private static Projection<EventEnvelope<Object>> atLeastOnce(ActorSystem<?> system, Supplier<PooledJdbcSession> sessions,
                                                               String name, String tag,
                                                               Supplier<? extends Handler<EventEnvelope<Object>>> handler) {
    return JdbcProjection.atLeastOnceAsync(ProjectionId.of(name, tag), source(system, tag), sessions, handler::get, system)
        .withRestartBackoff(RESTART_MIN, RESTART_MAX, 0.2);
  }

  private static SourceProvider<Offset, EventEnvelope<Object>> source(ActorSystem<?> system, String tag) {
    return EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
  }

  private static void run(ActorSystem<?> system, String name, int instances,
                          Function<Integer, Projection<EventEnvelope<Object>>> projection) {
    ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, name, instances,
        i -> ProjectionBehavior.create(projection.apply(i)), ProjectionBehavior.stopMessage());
  }
}
