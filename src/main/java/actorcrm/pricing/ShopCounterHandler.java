package actorcrm.pricing;

import actorcrm.shop.ShopEntity;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Tells each shop about its violations opening and resolving; the shop counts each violation id once. */
public final class ShopCounterHandler extends Handler<EventEnvelope<Object>> {
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public ShopCounterHandler(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<Object> envelope) {
    Object event = envelope.event();
    if (event instanceof ProductEvent.ViolationOpened e) {
      Violation v = e.violation();
      return sharding.entityRefFor(ShopEntity.ENTITY_TYPE_KEY, v.shop())
          .<ShopEntity.State>askWithStatus(r -> new ShopEntity.CountViolationOpened(v.id(), v.repeat(), v.openedAt(), r),
              askTimeout)
          .thenApply(s -> Done.getInstance());
    }
    if (event instanceof ProductEvent.ViolationResolved e) {
      return sharding.entityRefFor(ShopEntity.ENTITY_TYPE_KEY, e.shop())
          .<ShopEntity.State>askWithStatus(r -> new ShopEntity.CountViolationResolved(e.id(), e.at(), r), askTimeout)
          .thenApply(s -> Done.getInstance());
    }
    return CompletableFuture.completedFuture(Done.getInstance());
  }
}
