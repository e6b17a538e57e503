package actorcrm.dispatch;

/** The state of an item entity as the assignment protocol reads it. */
public interface Assignable {
  Assignment assignment();

  /** Whether the item still takes part in routing: it exists and is not closed, resolved, linked or with a manager. */
  boolean assignable();

  /** The item's team, or null for an item that does not exist. */
  String team();

  WorkItem workItem();
}
