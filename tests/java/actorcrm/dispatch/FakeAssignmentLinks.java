package actorcrm.dispatch;

import org.apache.pekko.pattern.StatusReply;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The assignment protocol's calls answered in memory: the team's dispatcher proposes one of
 * {@link #reps} by the routing policy (or queues when none fits), a rep in {@link #refusingOnce}
 * refuses one reservation, a rep in {@link #silent} does not answer, and everything reserved,
 * released and withdrawn is recorded.
 */
public final class FakeAssignmentLinks implements AssignmentLinks {
  public final List<String> reps;
  public final Set<String> refusingOnce = ConcurrentHashMap.newKeySet();
  public final Set<String> silent = ConcurrentHashMap.newKeySet();
  public final Map<String, String> reserved = new ConcurrentHashMap<>();
  public final List<String> released = new CopyOnWriteArrayList<>();
  public final List<String> withdrawn = new CopyOnWriteArrayList<>();
  public final List<WorkItem> routed = new CopyOnWriteArrayList<>();

  public FakeAssignmentLinks(List<String> reps) {
    this.reps = List.copyOf(reps);
  }

  @Override
  public CompletionStage<DispatcherEntity.RouteReply> route(String team, WorkItem item) {
    routed.add(item);
    RoutingDecision decision = RoutingPolicy.route(item, reps.stream()
        .map(rep -> new RepSnapshot(rep, true, Presence.ONLINE, item.requiredSkills(), 10, 0))
        .toList(), FairnessState.seeded(1));
    return CompletableFuture.completedFuture(decision.assigned()
        ? new DispatcherEntity.Proposal(decision.chosenRep().get(), decision)
        : new DispatcherEntity.Queued(decision));
  }

  @Override
  public CompletionStage<RepEntity.State> reserve(String repId, String itemId, int weight) {
    if (silent.contains(repId)) {
      return CompletableFuture.failedFuture(new TimeoutException("rep " + repId + " did not answer"));
    }
    if (refusingOnce.remove(repId)) {
      return CompletableFuture.failedFuture(new StatusReply.ErrorMessage("rep " + repId + " is full"));
    }
    reserved.put(itemId, repId);
    return CompletableFuture.completedFuture(RepEntity.State.empty(repId));
  }

  @Override
  public void release(String repId, String itemId) {
    released.add(repId + ":" + itemId);
  }

  @Override
  public void declined(String team, String itemId, String repId, int weight) {
  }

  @Override
  public void withdraw(String team, String itemId) {
    withdrawn.add(itemId);
  }
}
