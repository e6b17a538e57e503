package actorcrm.pricing;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Once in the cluster, every sweep interval: finds products with an open violation whose listing
 * has not been seen for the TTL (from the read model) and tells them to expire it, so a listing
 * that disappeared resolves its violation even though nothing arrives for it any more; and finds
 * products with an open violation whose fix window has passed and tells them to escalate it (the
 * product escalates each violation once, so asking again after a lost answer or a restart is safe).
 */
public final class ViolationSweeper {
  private sealed interface Message {}

  private record Tick() implements Message {}

  /** Products with a listing past its TTL, and with a violation past its fix window. */
  private record Skus(List<String> stale, List<String> overdue) {}

  private record Found(Skus skus, Throwable failure) implements Message {}

  private ViolationSweeper() {}

  public static void init(ActorSystem<?> system, PriceControlReadModel readModel, PricingSettings settings,
                          Duration askTimeout, Clock clock) {
    Behavior<Message> behavior = Behaviors.supervise(create(readModel, settings, askTimeout, clock))
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    ClusterSingleton.get(system).init(SingletonActor.of(behavior, "violation-sweeper"));
  }

  private static Behavior<Message> create(PriceControlReadModel readModel, PricingSettings settings, Duration askTimeout,
                                          Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), settings.sweepInterval());
      var blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
      ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
      return Behaviors.<Message>receive(Message.class)
          .onMessage(Tick.class, tick -> {
            Instant now = clock.instant();
            Instant cutoff = now.minus(settings.listingTtl());
            ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> new Skus(readModel.skusWithStaleOpenViolations(cutoff),
                    readModel.skusWithOverdueFixWindows(now)), blocking), Found::new);
            return Behaviors.same();
          })
          .onMessage(Found.class, found -> {
            if (found.failure() != null) {
              ctx.getLog().warn("Sweep for stale and overdue violations failed: {}", found.failure().getMessage());
              return Behaviors.same();
            }
            Instant now = clock.instant();
            for (String sku : found.skus().stale()) {
              sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, sku)
                  .<Integer>askWithStatus(r -> new ProductEntity.ExpireUnseen(now, settings.listingTtl(), r), askTimeout);
            }
            for (String sku : found.skus().overdue()) {
              sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, sku)
                  .<Integer>askWithStatus(r -> new ProductEntity.EscalateOverdue(now, r), askTimeout);
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
