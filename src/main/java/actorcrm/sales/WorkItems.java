package actorcrm.sales;

import actorcrm.service.TicketEntity;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Addresses the entity of a lead or a ticket by its kind, for the dispatcher and the reps. */
final class WorkItems {
  private WorkItems() {}

  /** Completes once the item has taken the proposal up to where it can no longer be lost, or declined it. */
  static CompletionStage<Done> propose(ClusterSharding sharding, WorkKind kind, String itemId, String repId,
                                       RoutingDecision decision, Duration timeout) {
    return kind == WorkKind.LEAD
        ? sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, itemId)
            .ask(r -> new LeadEntity.Propose(repId, decision, r), timeout)
        : sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, itemId)
            .ask(r -> new TicketEntity.Propose(repId, decision, r), timeout);
  }

  /** Completes once the item no longer counts the rep as its owner and is being routed again. */
  static CompletionStage<Done> reroute(ClusterSharding sharding, WorkKind kind, String itemId, String fromRep,
                                       String reason, Duration timeout) {
    return kind == WorkKind.LEAD
        ? sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, itemId).ask(r -> new LeadEntity.Reroute(fromRep, reason, r), timeout)
        : sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, itemId)
            .ask(r -> new TicketEntity.Reroute(fromRep, reason, r), timeout);
  }

  /** Whether the item's entity names the rep as its owner or the rep it is reserving at. */
  static CompletionStage<Boolean> holds(ClusterSharding sharding, WorkKind kind, String itemId, String repId,
                                        Duration timeout) {
    return kind == WorkKind.LEAD
        ? sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, itemId).ask(LeadEntity.Get::new, timeout)
            .thenApply(s -> repId.equals(s.owner()) || repId.equals(s.proposedRep()))
        : sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, itemId).ask(TicketEntity.Get::new, timeout)
            .thenApply(s -> repId.equals(s.owner()) || repId.equals(s.proposedRep()));
  }
}
