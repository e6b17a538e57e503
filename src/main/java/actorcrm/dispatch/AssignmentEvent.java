package actorcrm.dispatch;

import java.time.Instant;

/** The events of the assignment protocol, journaled by the item (lead or ticket) that is assigned. */
public sealed interface AssignmentEvent extends ItemEvent {

  /** Nobody could take the item now; it waits in its dispatcher's queue. */
  record Queued(RoutingDecision decision, Instant at) implements AssignmentEvent {}

  /** The item is reserving capacity at this rep; after a restart it asks the rep again. */
  record Proposed(String repId, RoutingDecision decision, Instant at) implements AssignmentEvent {}

  /** The rep reserved the item: it is the owner. */
  record Assigned(String repId, String team, Instant at) implements AssignmentEvent {}

  record ProposalRefused(String repId, String reason, Instant at) implements AssignmentEvent {}

  /** The owner lost the item; {@code recycled} when taken by forced circulation, which also excludes them. */
  record Unassigned(String repId, String reason, boolean recycled, Instant at) implements AssignmentEvent {}
}
