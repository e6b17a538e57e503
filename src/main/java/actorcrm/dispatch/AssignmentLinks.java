package actorcrm.dispatch;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The calls an item entity makes in the assignment protocol: ask its team's dispatcher for a rep,
 * reserve capacity at the rep, give it back, and tell the dispatcher what became of a proposal or a
 * queued item. Behind an interface, so the protocol runs in the testkit with fakes.
 */
public interface AssignmentLinks {

  CompletionStage<DispatcherEntity.RouteReply> route(String team, WorkItem item);

  CompletionStage<RepEntity.State> reserve(String repId, String itemId, int weight);

  void release(String repId, String itemId);

  /** A proposal from the queue that the item did not take: its weight no longer counts against the rep. */
  void declined(String team, String itemId, String repId, int weight);

  /** The item no longer waits in the queue (assigned elsewhere, closed). */
  void withdraw(String team, String itemId);

  /** The links of a node, through cluster sharding, for items of {@code kind}. */
  static AssignmentLinks sharded(ActorSystem<?> system, WorkKind kind, Duration timeout) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return new AssignmentLinks() {
      @Override
      public CompletionStage<DispatcherEntity.RouteReply> route(String team, WorkItem item) {
        return sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(team, kind))
            .ask(r -> new DispatcherEntity.Route(item, r), timeout);
      }

      @Override
      public CompletionStage<RepEntity.State> reserve(String repId, String itemId, int weight) {
        return sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
            .askWithStatus(r -> new RepEntity.Reserve(itemId, kind, weight, r), timeout);
      }

      @Override
      public void release(String repId, String itemId) {
        sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
            .<RepEntity.State>askWithStatus(r -> new RepEntity.Release(itemId, r), timeout);
      }

      @Override
      public void declined(String team, String itemId, String repId, int weight) {
        sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(team, kind))
            .tell(new DispatcherEntity.Declined(itemId, repId, weight));
      }

      @Override
      public void withdraw(String team, String itemId) {
        sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(team, kind))
            .tell(new DispatcherEntity.Withdraw(itemId));
      }
    };
  }

  /**
   * Whether a failed call went unanswered in time, as opposed to being refused. An unanswered
   * reservation may still have gone through, so the item asks the same rep again (reserving is
   * idempotent) instead of giving it up and trying another rep: under load, giving up would add a
   * release and a second reservation for every slow answer.
   */
  static boolean unanswered(Throwable failure) {
    if (failure == null) {
      return false;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TimeoutException;
  }
}
