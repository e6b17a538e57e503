package actorcrm.dispatch;

import java.time.Instant;

/** An item waiting for a rep, with the time it first entered the queue. */
public record QueuedItem(WorkItem item, Instant enqueuedAt) {

  public String itemId() {
    return item.itemId();
  }
}
