package actorcrm.sales;

import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The calls an item entity (lead or ticket) makes in the assignment protocol: ask its team's
 * dispatcher for a rep, reserve capacity at the rep, give it back, and tell the dispatcher what
 * became of a proposal or a queued item.
 */
public final class Assignments {
  private final ClusterSharding sharding;
  private final WorkKind kind;
  private final Duration timeout;

  public Assignments(ClusterSharding sharding, WorkKind kind, Duration timeout) {
    this.sharding = sharding;
    this.kind = kind;
    this.timeout = timeout;
  }

  public CompletionStage<DispatcherEntity.RouteReply> route(String team, WorkItem item) {
    return sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(team, kind))
        .ask(r -> new DispatcherEntity.Route(item, r), timeout);
  }

  /**
   * Whether a failed call went unanswered in time, as opposed to being refused. An unanswered
   * reservation may still have gone through, so the item asks the same rep again (reserving is
   * idempotent) instead of giving it up and trying another rep: under load, giving up would add a
   * release and a second reservation for every slow answer.
   */
  public static boolean unanswered(Throwable failure) {
    if (failure == null) {
      return false;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TimeoutException;
  }

  public CompletionStage<RepEntity.State> reserve(String repId, String itemId, int weight) {
    return sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
        .askWithStatus(r -> new RepEntity.Reserve(itemId, kind, weight, r), timeout);
  }

  public void release(String repId, String itemId) {
    sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
        .<RepEntity.State>askWithStatus(r -> new RepEntity.Release(itemId, r), timeout);
  }

  public void declined(String team, String itemId, String repId, int weight) {
    sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(team, kind))
        .tell(new DispatcherEntity.Declined(itemId, repId, weight));
  }

  public void withdraw(String team, String itemId) {
    sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(team, kind))
        .tell(new DispatcherEntity.Withdraw(itemId));
  }
}
