package actorcrm.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A waiting item that needs much room keeps the room of the reps that could take it, against the items behind it. */
class HeadOfQueueTest {
  private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
  private static final Map<String, Integer> BILLING = Map.of("billing", 2);

  private static WorkItem ticket(String id, int weight, int priority, Map<String, Integer> skills) {
    return WorkItem.ticket(id, skills, weight, Set.of(), priority);
  }

  private static RepSnapshot agent(String id, Map<String, Integer> skills, int capacity, int load) {
    return new RepSnapshot(id, true, Presence.ONLINE, skills, capacity, load);
  }

  private static List<String> ids(List<RoutingDecision> decisions) {
    return decisions.stream().map(RoutingDecision::itemId).toList();
  }

  /** Agent ann (capacity 5, load 2); a VIP P1 ticket of weight 5 waits, two simple ones of weight 1 behind it. */
  private static WorkQueue vipAheadOfTwoSimpleTickets() {
    return WorkQueue.empty()
        .enqueue(ticket("vip", 5, 4, BILLING), T0)
        .enqueue(ticket("simple-1", 1, 1, BILLING), T0.plusSeconds(1))
        .enqueue(ticket("simple-2", 1, 1, BILLING), T0.plusSeconds(2));
  }

  @Test
  void simpleTicketsBehindAWaitingVipDoNotTakeTheRoomItWaitsFor() {
    DispatchView view = DispatchView.empty(WorkKind.TICKET, 3).withRep(agent("ann", BILLING, 5, 2));

    WorkQueue.Drained<DispatchView> drained = view.drain(vipAheadOfTwoSimpleTickets());

    assertTrue(drained.assigned().isEmpty(), "ann has 3 free, which the simple tickets would take: " + ids(drained.assigned()));
    WorkQueue.Drained<DispatchView> freed = drained.state().released("ann", 2).drain(drained.remaining());
    assertEquals(List.of("vip"), ids(freed.assigned()), "once ann is free the VIP ticket goes first");
    assertEquals(List.of("simple-1", "simple-2"), freed.remaining().items().stream().map(QueuedItem::itemId).toList());
  }

  @Test
  void theHeldRoomIsNamedInTheExplanation() {
    DispatchView view = DispatchView.empty(WorkKind.TICKET, 3).withRep(agent("ann", BILLING, 5, 2));

    RoutingDecision late = view.route(ticket("simple-3", 1, 1, BILLING), vipAheadOfTwoSimpleTickets()).decision();

    assertEquals(Optional.empty(), late.chosenRep());
    Exclusion held = late.exclusions().get(0);
    assertEquals(ExclusionReason.HELD_FOR_QUEUE, held.reason());
    assertEquals("room held for vip (priority 4, weight 5), waiting ahead in the queue", held.detail());
  }

  @Test
  void aRepTheWaitingItemCannotUseStillServesTheItemsBehindIt() {
    DispatchView view = DispatchView.empty(WorkKind.TICKET, 3)
        .withRep(agent("ann", BILLING, 5, 2))
        .withRep(agent("bob", Map.of("billing", 1), 5, 0));

    WorkQueue.Drained<DispatchView> drained = view.drain(WorkQueue.empty()
        .enqueue(ticket("vip", 5, 4, BILLING), T0)
        .enqueue(ticket("simple", 1, 1, Map.of("billing", 1)), T0.plusSeconds(1)));

    assertEquals(List.of("simple"), ids(drained.assigned()));
    assertEquals(Optional.of("bob"), drained.assigned().get(0).chosenRep(), "bob lacks the VIP's level, so his room is free");
  }

  @Test
  void anItemNoRepCouldEverHoldBlocksNobody() {
    DispatchView view = DispatchView.empty(WorkKind.TICKET, 3).withRep(agent("ann", BILLING, 4, 0));

    WorkQueue.Drained<DispatchView> drained = view.drain(WorkQueue.empty()
        .enqueue(ticket("vip", 5, 4, BILLING), T0)
        .enqueue(ticket("simple", 1, 1, BILLING), T0.plusSeconds(1)));

    assertEquals(List.of("simple"), ids(drained.assigned()), "ann's capacity 4 can never take weight 5");
  }

  @Test
  void anItemOfHigherPriorityIsNotHeldBackByALowerOneWaitingLonger() {
    DispatchView view = DispatchView.empty(WorkKind.TICKET, 3).withRep(agent("ann", BILLING, 5, 2));
    WorkQueue waiting = WorkQueue.empty().enqueue(ticket("big-standard", 5, 1, BILLING), T0);

    RoutingDecision vip = view.route(ticket("vip", 2, 4, BILLING), waiting).decision();

    assertEquals(Optional.of("ann"), vip.chosenRep());
  }
}
