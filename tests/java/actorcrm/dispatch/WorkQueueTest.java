package actorcrm.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkQueueTest {

  private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

  private static WorkItem item(String id, int priority) {
    return WorkItem.lead(id, Map.of(), Set.of(), priority);
  }

  private static RoutingDecision decision(WorkItem item, String rep) {
    return new RoutingDecision(item.itemId(), Optional.ofNullable(rep), List.of(), List.of(),
        RoutingPolicy.RULE_VERSION, FairnessState.seeded(0));
  }

  /** A router with a number of free slots: assigns while slots remain and records the order it was asked in. */
  private static Routed<Integer> slots(Integer free, WorkItem item, List<String> asked) {
    asked.add(item.itemId());
    return free > 0 ? new Routed<>(decision(item, "rep"), free - 1) : new Routed<>(decision(item, null), free);
  }

  @Test
  void drainServesHigherPriorityFirstThenTheOldest() {
    WorkQueue queue = WorkQueue.empty()
        .enqueue(item("low-old", 1), T0)
        .enqueue(item("high-new", 3), T0.plusSeconds(30))
        .enqueue(item("mid-new", 2), T0.plusSeconds(20))
        .enqueue(item("high-old", 3), T0.plusSeconds(10))
        .enqueue(item("mid-old", 2), T0.plusSeconds(5));
    List<String> asked = new ArrayList<>();

    WorkQueue.Drained<Integer> drained = queue.drain(3, (free, item) -> slots(free, item, asked));

    assertEquals(List.of("high-old", "high-new", "mid-old", "mid-new", "low-old"), asked);
    assertEquals(List.of("high-old", "high-new", "mid-old"),
        drained.assigned().stream().map(RoutingDecision::itemId).toList());
    assertEquals(List.of("mid-new", "low-old"), drained.remaining().items().stream().map(QueuedItem::itemId).toList());
    assertEquals(0, drained.state());
  }

  @Test
  void itemsEnqueuedAtTheSameTimeWithTheSamePriorityAreOrderedById() {
    WorkQueue queue = WorkQueue.empty().enqueue(item("b", 1), T0).enqueue(item("a", 1), T0);

    assertEquals(List.of("a", "b"), queue.items().stream().map(QueuedItem::itemId).toList());
  }

  @Test
  void anItemThatFindsNoRepDoesNotBlockTheItemsBehindIt() {
    WorkQueue queue = WorkQueue.empty()
        .enqueue(item("needs-expert", 5), T0)
        .enqueue(item("easy", 1), T0.plusSeconds(1));

    WorkQueue.Drained<String> drained = queue.drain("s", (s, item) -> new Routed<>(
        decision(item, item.itemId().equals("easy") ? "rep" : null), s));

    assertEquals(List.of("easy"), drained.assigned().stream().map(RoutingDecision::itemId).toList());
    assertEquals(List.of("needs-expert"), drained.remaining().items().stream().map(QueuedItem::itemId).toList());
  }

  @Test
  void reEnqueueingAQueuedItemKeepsItsPlaceInLine() {
    WorkQueue queue = WorkQueue.empty()
        .enqueue(item("first", 1), T0)
        .enqueue(item("second", 1), T0.plusSeconds(10))
        .enqueue(item("first", 1).withExcluded("old-owner"), T0.plusSeconds(20));

    assertEquals(2, queue.size());
    assertEquals(T0, queue.find("first").orElseThrow().enqueuedAt());
    assertEquals(Set.of("old-owner"), queue.find("first").orElseThrow().item().excludedReps());
    assertEquals("first", queue.items().get(0).itemId());
  }

  @Test
  void removeTakesOutOnlyThatItem() {
    WorkQueue queue = WorkQueue.empty().enqueue(item("a", 1), T0).enqueue(item("b", 1), T0);

    WorkQueue after = queue.remove("a");

    assertFalse(after.contains("a"));
    assertTrue(after.contains("b"));
    assertEquals(after, after.remove("missing"));
  }

  @Test
  void drainThroughTheDispatchViewCountsEachAssignmentAgainstTheNext() {
    DispatchView view = DispatchView.empty(WorkKind.LEAD, 11)
        .withRep(new RepSnapshot("ann", true, Presence.ONLINE, Map.of(), 2, 1))
        .withRep(new RepSnapshot("bob", true, Presence.ONLINE, Map.of(), 2, 1));
    WorkQueue queue = WorkQueue.empty()
        .enqueue(item("L1", 1), T0)
        .enqueue(item("L2", 1), T0.plusSeconds(1))
        .enqueue(item("L3", 1), T0.plusSeconds(2));

    WorkQueue.Drained<DispatchView> drained = view.drain(queue);

    assertEquals(List.of("L1", "L2"), drained.assigned().stream().map(RoutingDecision::itemId).toList());
    assertEquals(Set.of("ann", "bob"),
        Set.copyOf(drained.assigned().stream().map(d -> d.chosenRep().orElseThrow()).toList()));
    assertEquals(List.of("L3"), drained.remaining().items().stream().map(QueuedItem::itemId).toList());
    assertEquals(2, drained.state().reps().get("ann").load());
    assertEquals(2, drained.state().reps().get("bob").load());
  }

  @Test
  void releasingCapacityLetsTheNextDrainAssignTheWaitingItem() {
    DispatchView view = DispatchView.empty(WorkKind.LEAD, 11)
        .withRep(new RepSnapshot("ann", true, Presence.ONLINE, Map.of(), 1, 1));
    WorkQueue queue = WorkQueue.empty().enqueue(item("L1", 1), T0);

    WorkQueue.Drained<DispatchView> blocked = view.drain(queue);
    WorkQueue.Drained<DispatchView> freed = blocked.state().released("ann", 1).drain(blocked.remaining());

    assertTrue(blocked.assigned().isEmpty());
    assertEquals(ExclusionReason.AT_CAPACITY,
        view.route(item("L1", 1), WorkQueue.empty()).decision().exclusions().get(0).reason());
    assertEquals(Optional.of("ann"), freed.assigned().get(0).chosenRep());
    assertTrue(freed.remaining().isEmpty());
  }
}
