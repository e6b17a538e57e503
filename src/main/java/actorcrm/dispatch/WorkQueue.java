package actorcrm.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Items no rep could take yet, in the order they are served when capacity frees: higher priority
 * first, then the longest waiting, then item id so the order is total. Immutable; a dispatcher
 * drains it whenever an item closes, a rep comes online or a capacity is raised.
 */
public record WorkQueue(List<QueuedItem> items) {

  static final Comparator<QueuedItem> ORDER = Comparator
      .comparingInt((QueuedItem q) -> -q.item().priority())
      .thenComparing(QueuedItem::enqueuedAt)
      .thenComparing(QueuedItem::itemId);

  public WorkQueue {
    List<QueuedItem> sorted = new ArrayList<>(items);
    sorted.sort(ORDER);
    items = List.copyOf(sorted);
  }

  public static WorkQueue empty() {
    return new WorkQueue(List.of());
  }

  /**
   * Adds an item. An item already queued keeps its original enqueue time (a redelivered message
   * must not send it to the back) and takes the new requirements.
   */
  public WorkQueue enqueue(WorkItem item, Instant at) {
    Instant since = find(item.itemId()).map(QueuedItem::enqueuedAt).orElse(at);
    List<QueuedItem> next = new ArrayList<>(remove(item.itemId()).items);
    next.add(new QueuedItem(item, since));
    return new WorkQueue(next);
  }

  public WorkQueue remove(String itemId) {
    if (find(itemId).isEmpty()) {
      return this;
    }
    return new WorkQueue(items.stream().filter(q -> !q.itemId().equals(itemId)).toList());
  }

  public Optional<QueuedItem> find(String itemId) {
    return items.stream().filter(q -> q.itemId().equals(itemId)).findFirst();
  }

  public boolean contains(String itemId) {
    return find(itemId).isPresent();
  }

  public int size() {
    return items.size();
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /**
   * Offers every queued item to the router in queue order, threading the router's state through
   * the attempts so each assignment counts against the next. Assigned items leave the queue; the
   * others keep their place. An item that finds no rep does not block those behind it, which may
   * need other skills or less room.
   */
  public <S> Drained<S> drain(S state, BiFunction<S, WorkItem, Routed<S>> router) {
    List<RoutingDecision> assigned = new ArrayList<>();
    List<QueuedItem> waiting = new ArrayList<>();
    S current = state;
    for (QueuedItem queued : items) {
      Routed<S> routed = router.apply(current, queued.item());
      current = routed.next();
      if (routed.decision().assigned()) {
        assigned.add(routed.decision());
      } else {
        waiting.add(queued);
      }
    }
    return new Drained<>(assigned, new WorkQueue(waiting), current);
  }

  /** What a drain did: the decisions that assigned an item, in order, the queue left and the router's state. */
  public record Drained<S>(List<RoutingDecision> assigned, WorkQueue remaining, S state) {}
}
