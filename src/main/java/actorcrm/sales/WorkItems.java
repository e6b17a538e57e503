package actorcrm.sales;

import actorcrm.service.TicketEntity;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Addresses the entity of a lead or a ticket by its kind, for the dispatcher and the reps. */
final class WorkItems {
  private WorkItems() {}

  static void propose(ClusterSharding sharding, WorkKind kind, String itemId, String repId, RoutingDecision decision) {
    if (kind == WorkKind.LEAD) {
      sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, itemId).tell(new LeadEntity.Propose(repId, decision));
    } else {
      sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, itemId).tell(new TicketEntity.Propose(repId, decision));
    }
  }

  static void reroute(ClusterSharding sharding, WorkKind kind, String itemId, String fromRep, String reason) {
    if (kind == WorkKind.LEAD) {
      sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, itemId).tell(new LeadEntity.Reroute(fromRep, reason));
    } else {
      sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, itemId).tell(new TicketEntity.Reroute(fromRep, reason));
    }
  }
}
