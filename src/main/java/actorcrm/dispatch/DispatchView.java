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

  /**
   * Routes an item behind the queued items ahead of it (higher priority, or as high and waiting
   * longer): the reps that could take those once they have room keep their room for them.
   */
  public Routed<DispatchView> route(WorkItem item, WorkQueue queue) {
    Map<String, WorkItem> held = Map.of();
    for (QueuedItem queued : queue.items()) {
      if (queued.itemId().equals(item.itemId()) || queued.item().priority() < item.priority()
          || held.size() == reps.size()) {
        break;
      }
      held = holdFor(queued.item(), held);
    }
    return route(item, held);
  }

  private Routed<DispatchView> route(WorkItem item, Map<String, WorkItem> held) {
    if (item.kind() != kind) {
      throw new IllegalArgumentException("a " + kind.wire() + " dispatcher cannot route " + item.kind().wire()
          + " " + item.itemId());
    }
    RoutingDecision decision = RoutingPolicy.route(item, snapshot(), fairness, held);
    DispatchView next = new DispatchView(kind, reps, decision.next());
    if (decision.assigned()) {
      RepSnapshot chosen = reps.get(decision.chosenRep().get());
      next = next.withRep(chosen.withLoad(chosen.load() + item.weight()));
    }
    return new Routed<>(decision, next);
  }

  /**
   * Hands waiting items to reps with room, in queue order. An item that stays waiting holds the
   * room of the reps that could take it once free, so the items behind it do not take that room
   * as it frees: a complex VIP ticket is not starved by the simple tickets behind it.
   */
  public WorkQueue.Drained<DispatchView> drain(WorkQueue queue) {
    WorkQueue.Drained<Holding> drained = queue.drain(new Holding(this, Map.of()), Holding::route);
    return new WorkQueue.Drained<>(drained.assigned(), drained.remaining(), drained.state().view());
  }

  /** The reps in {@code held}, plus those that could take {@code item} once free and are not held yet. */
  private Map<String, WorkItem> holdFor(WorkItem item, Map<String, WorkItem> held) {
    if (held.size() == reps.size()) {
      // Every rep is held already: a long queue of alike items costs one pass, not one per item.
      return held;
    }
    Map<String, WorkItem> next = new HashMap<>(held);
    RoutingPolicy.couldTakeWhenFree(item, reps.values()).forEach(repId -> next.putIfAbsent(repId, item));
    return next;
  }

  /** A view during a drain, with the reps whose room is held for the items that stayed waiting so far. */
  private record Holding(DispatchView view, Map<String, WorkItem> held) {
    Routed<Holding> route(WorkItem item) {
      Routed<DispatchView> routed = view.route(item, held);
      Map<String, WorkItem> nextHeld = routed.decision().assigned() ? held : routed.next().holdFor(item, held);
      return new Routed<>(routed.decision(), new Holding(routed.next(), nextHeld));
    }
  }
}
