package actorcrm.pricing;

import actorcrm.shop.ShopEntity;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Tells each shop about its violations opening and resolving; the shop counts each violation id
 * once, so asking again is always safe. A shop that does not answer (busy, or its shard moving off
 * a lost node) is asked again with backoff; only when every attempt fails does the envelope fail,
 * and the projection restarts from its last offset.
 */
public final class ShopCounterHandler extends Handler<EventEnvelope<Object>> {
  /** How a shop is asked: each ask waits {@code askTimeout}, up to {@code attempts} asks, backing off in between. */
  public record Retry(Duration askTimeout, int attempts, Duration minBackoff, Duration maxBackoff) {}

  private final ActorSystem<?> system;
  private final Function<String, RecipientRef<ShopEntity.Command>> shops;
  private final Retry retry;

  public ShopCounterHandler(ActorSystem<?> system, Function<String, RecipientRef<ShopEntity.Command>> shops, Retry retry) {
    this.system = system;
    this.shops = shops;
    this.retry = retry;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<Object> envelope) {
    Object event = envelope.event();
    if (event instanceof ProductEvent.ViolationOpened e) {
      Violation v = e.violation();
      return ask(v.shop(), r -> new ShopEntity.CountViolationOpened(v.id(), v.repeat(), v.openedAt(), r));
    }
    if (event instanceof ProductEvent.ViolationResolved e) {
      return ask(e.shop(), r -> new ShopEntity.CountViolationResolved(e.id(), e.at(), r));
    }
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  private CompletionStage<Done> ask(String shop, Function<ActorRef<StatusReply<ShopEntity.State>>, ShopEntity.Command> command) {
    return Patterns.retry(
        () -> AskPattern.askWithStatus(shops.apply(shop), command::apply, retry.askTimeout(), system.scheduler())
            .thenApply(state -> Done.getInstance()),
        retry.attempts(), retry.minBackoff(), retry.maxBackoff(), 0.2, system);
  }
}
