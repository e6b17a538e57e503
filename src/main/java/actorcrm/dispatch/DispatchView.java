package actorcrm.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dispatcher's live view of its team for one kind of work: each rep's snapshot and the
 * fairness state. Routing through the view counts the assigned weight against the chosen rep at
 * once, so a burst of items (or a queue drain) spreads over the team before the rep's own load
 * report comes back. Immutable; the dispatcher actor holds the current one.
 */
public record DispatchView(WorkKind kind, Map<String, RepSnapshot> reps, FairnessState fairness) {

  public DispatchView {
    reps = Map.copyOf(reps);
  }

  public static DispatchView empty(WorkKind kind, long seed) {
    return new DispatchView(kind, Map.of(), FairnessState.seeded(seed));
  }

  /** Adds or replaces a rep, e.g. on a presence, capacity, skill or load change. */
  public DispatchView withRep(RepSnapshot rep) {
    Map<String, RepSnapshot> next = new HashMap<>(reps);
    next.put(rep.repId(), rep);
    return new DispatchView(kind, next, fairness);
  }

  public DispatchView withoutRep(String repId) {
    Map<String, RepSnapshot> next = new HashMap<>(reps);
    next.remove(repId);
    return new DispatchView(kind, next, fairness.forget(repId));
  }

  /** Frees the weight of an item the rep closed or lost. */
  public DispatchView released(String repId, int weight) {
    RepSnapshot rep = reps.get(repId);
    return rep == null ? this : withRep(rep.withLoad(rep.load() - weight));
  }

  public List<RepSnapshot> snapshot() {
    List<RepSnapshot> list = new ArrayList<>(reps.values());
    list.sort(Comparator.comparing(RepSnapshot::repId));
    return list;
  }

  public Routed<DispatchView> route(WorkItem item) {
    if (item.kind() != kind) {
      throw new IllegalArgumentException("a " + kind.wire() + " dispatcher cannot route " + item.kind().wire()
          + " " + item.itemId());
    }
    RoutingDecision decision = RoutingPolicy.route(item, snapshot(), fairness);
    DispatchView next = new DispatchView(kind, reps, decision.next());
    if (decision.assigned()) {
      RepSnapshot chosen = reps.get(decision.chosenRep().get());
      next = next.withRep(chosen.withLoad(chosen.load() + item.weight()));
    }
    return new Routed<>(decision, next);
  }

  public WorkQueue.Drained<DispatchView> drain(WorkQueue queue) {
    return queue.drain(this, DispatchView::route);
  }
}
