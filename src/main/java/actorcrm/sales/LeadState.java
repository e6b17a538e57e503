package actorcrm.sales;

import actorcrm.CborSerializable;
import actorcrm.sales.LeadEntity.Activity;
import actorcrm.sales.LeadEntity.ActivityLogged;
import actorcrm.sales.LeadEntity.Assigned;
import actorcrm.sales.LeadEntity.Created;
import actorcrm.sales.LeadEntity.LeadInfo;
import actorcrm.sales.LeadEntity.Linked;
import actorcrm.sales.LeadEntity.ProposalRefused;
import actorcrm.sales.LeadEntity.Proposed;
import actorcrm.sales.LeadEntity.Queued;
import actorcrm.sales.LeadEntity.Quotation;
import actorcrm.sales.LeadEntity.QuotationCreated;
import actorcrm.sales.LeadEntity.SentToManager;
import actorcrm.sales.LeadEntity.StageChange;
import actorcrm.sales.LeadEntity.StageChanged;
import actorcrm.sales.LeadEntity.Status;
import actorcrm.sales.LeadEntity.Unassigned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A lead's state as its journal builds it: who sent it, stage, routing status and owner, the
 * routing history, activities, stage changes and quotations. Immutable; {@link LeadEntity} applies
 * its events here.
 */
public record LeadState(String leadId, LeadInfo info, Instant createdAt, LeadStage stage, Status status, String owner,
                        String proposedRep, Instant assignedAt, Instant lastQualifyingAt, int recycleCount,
                        Set<String> excluded, String linkedTo, List<RoutingRecord> decisions,
                        List<Activity> activities, List<StageChange> stages,
                        List<Quotation> quotations) implements CborSerializable {
  public LeadState {
    excluded = Set.copyOf(excluded);
    decisions = List.copyOf(decisions);
    activities = List.copyOf(activities);
    stages = List.copyOf(stages);
    quotations = List.copyOf(quotations);
  }

  public static LeadState empty(String leadId) {
    return new LeadState(leadId, null, null, LeadStage.NEW, Status.NEW, null, null, null, null, 0, Set.of(),
        null, List.of(), List.of(), List.of(), List.of());
  }

  public boolean known() {
    return info != null;
  }

  public boolean open() {
    return known() && status != Status.CLOSED;
  }

  WorkItem workItem() {
    return WorkItem.lead(leadId, info.requiredSkills(), excluded, info.priority());
  }

  private LeadState with(Status newStatus, String newOwner, String newProposed, Instant newAssignedAt,
                     List<RoutingRecord> newDecisions) {
    return new LeadState(leadId, info, createdAt, stage, newStatus, newOwner, newProposed, newAssignedAt,
        lastQualifyingAt,
        recycleCount, excluded, linkedTo, newDecisions, activities, stages, quotations);
  }

  private List<RoutingRecord> plus(RoutingRecord record) {
    return RoutingRecord.append(decisions, record, LeadEntity.DECISIONS_KEPT);
  }

  LeadState apply(Created e) {
    return new LeadState(e.leadId(), e.info(), e.at(), LeadStage.NEW, Status.NEW, null, null, null, null, 0, Set.of(),
        null,
        List.of(), List.of(), List.of(), List.of());
  }

  LeadState apply(Linked e) {
    return new LeadState(leadId, info, createdAt, stage, Status.LINKED, e.owner(), null, assignedAt, lastQualifyingAt,
        recycleCount, excluded, e.toLead(), decisions, activities, stages, quotations);
  }

  LeadState apply(Queued e) {
    return with(Status.QUEUED, null, null, assignedAt, plus(new RoutingRecord(e.decision(), "queued", e.at())));
  }

  LeadState apply(Proposed e) {
    return with(Status.PROPOSED, null, e.repId(), assignedAt, plus(new RoutingRecord(e.decision(), "proposed",
        e.at())));
  }

  LeadState apply(Assigned e) {
    return with(Status.ASSIGNED, e.repId(), null, e.at(), decisions);
  }

  LeadState apply(ProposalRefused e) {
    return with(Status.NEW, null, null, assignedAt, RoutingRecord.refused(decisions, e.repId(), e.reason()));
  }

  LeadState apply(Unassigned e) {
    Set<String> nextExcluded = new TreeSet<>(excluded);
    if (e.recycled()) {
      nextExcluded.add(e.repId());
    }
    return new LeadState(leadId, info, createdAt, stage, Status.NEW, null, null, null, lastQualifyingAt,
        recycleCount + (e.recycled() ? 1 : 0), nextExcluded, linkedTo, decisions, activities, stages, quotations);
  }

  LeadState apply(SentToManager e) {
    return new LeadState(leadId, info, createdAt, stage, Status.MANAGER_QUEUE, null, null, null, lastQualifyingAt,
        recycleCount, excluded, linkedTo, decisions, activities, stages, quotations);
  }

  LeadState apply(ActivityLogged e) {
    List<Activity> next = new ArrayList<>(activities);
    next.add(e.activity());
    Instant qualifying = e.activity().type().qualifying() && e.activity().repId().equals(owner)
        ? e.activity().at() : lastQualifyingAt;
    return new LeadState(leadId, info, createdAt, stage, status, owner, proposedRep, assignedAt, qualifying,
        recycleCount,
        excluded, linkedTo, decisions, next, stages, quotations);
  }

  LeadState apply(StageChanged e) {
    List<StageChange> next = new ArrayList<>(stages);
    next.add(e.change());
    Status nextStatus = e.change().to().open() ? status : Status.CLOSED;
    return new LeadState(leadId, info, createdAt, e.change().to(), nextStatus, owner, proposedRep, assignedAt,
        lastQualifyingAt, recycleCount, excluded, linkedTo, decisions, activities, next, quotations);
  }

  LeadState apply(QuotationCreated e) {
    List<Quotation> next = new ArrayList<>(quotations);
    next.add(e.quotation());
    return new LeadState(leadId, info, createdAt, stage, status, owner, proposedRep, assignedAt, lastQualifyingAt,
        recycleCount, excluded, linkedTo, decisions, activities, stages, next);
  }
}
