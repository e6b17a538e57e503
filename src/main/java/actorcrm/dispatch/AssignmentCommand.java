package actorcrm.dispatch;

import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The commands of the assignment protocol an item entity takes: from the dispatcher (a rep has
 * room), from a rep (hand the item back; do you still count me as your owner?) and from itself on
 * the way (route, routed, reserved). {@link AssignmentProtocol} handles all of them.
 */
public sealed interface AssignmentCommand extends ItemCommand {

  /**
   * From the dispatcher's queue: this rep has room for the item. Answered once the item can no
   * longer lose the proposal, or declined it; a dispatcher that hears nothing queues the item again.
   */
  record Propose(String repId, RoutingDecision decision, ActorRef<Done> replyTo) implements AssignmentCommand {}

  /** From a rep handing its items back (departure, absence): route the item again; answered once taken back. */
  record Reroute(String fromRep, String reason, ActorRef<Done> replyTo) implements AssignmentCommand {}

  /** From a rep checking its reservations: whether the item counts the rep as its owner or the rep it reserves at. */
  record Holds(String repId, ActorRef<Boolean> replyTo) implements AssignmentCommand {}

  record Dispatch() implements AssignmentCommand {}

  record Routed(DispatcherEntity.RouteReply reply, String failure) implements AssignmentCommand {}

  record Reserved(String repId, String refusal, boolean unanswered) implements AssignmentCommand {}

  record ReserveAgain(String repId) implements AssignmentCommand {}
}
