package actorcrm.sales;

import actorcrm.platform.CborSerializable;
import actorcrm.dispatch.Assignable;
import actorcrm.dispatch.Assignment;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.RoutingRecord;
import actorcrm.dispatch.WorkItem;
import actorcrm.sales.LeadEntity.Activity;
import actorcrm.sales.LeadEntity.ActivityLogged;
import actorcrm.sales.LeadEntity.Created;
import actorcrm.sales.LeadEntity.Linked;
import actorcrm.sales.LeadEntity.Quotation;
import actorcrm.sales.LeadEntity.QuotationCreated;
import actorcrm.sales.LeadEntity.SentToManager;
import actorcrm.sales.LeadEntity.StageChange;
import actorcrm.sales.LeadEntity.StageChanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A lead's state as its journal builds it: who sent it, its stage, where it stands in the
 * assignment protocol, the lead it was linked to as a duplicate, whether it went to the manager,
 * its activities, stage changes and quotations. Immutable; {@link LeadEntity} applies its events here.
 */
public record LeadState(String leadId, LeadInfo info, Instant createdAt, LeadStage stage, Assignment assignment,
                        Link link, boolean withManager, Instant lastQualifyingAt, List<Activity> activities,
                        List<StageChange> stages, List<Quotation> quotations) implements CborSerializable, Assignable {

  /** The open lead this one duplicates, and that lead's owner when linked. */
  public record Link(String toLead, String owner) implements CborSerializable {}

  public LeadState {
    activities = List.copyOf(activities);
    stages = List.copyOf(stages);
    quotations = List.copyOf(quotations);
  }

  public static LeadState empty(String leadId) {
    return new LeadState(leadId, null, null, LeadStage.NEW, Assignment.none(), null, false, null, List.of(), List.of(),
        List.of());
  }

  public boolean known() {
    return info != null;
  }

  public boolean open() {
    return known() && stage.open();
  }

  /** Open, not a linked duplicate, not with the manager. */
  @Override
  public boolean assignable() {
    return open() && link == null && !withManager;
  }

  public LeadStatus status() {
    if (known() && !stage.open()) {
      return LeadStatus.CLOSED;
    }
    if (link != null) {
      return LeadStatus.LINKED;
    }
    if (withManager) {
      return LeadStatus.MANAGER_QUEUE;
    }
    return switch (assignment.status()) {
      case NEW -> LeadStatus.NEW;
      case QUEUED -> LeadStatus.QUEUED;
      case PROPOSED -> LeadStatus.PROPOSED;
      case ASSIGNED -> LeadStatus.ASSIGNED;
    };
  }

  public String owner() {
    return link != null ? link.owner() : assignment.owner();
  }

  public String proposedRep() {
    return assignment.proposedRep();
  }

  public Instant assignedAt() {
    return assignment.assignedAt();
  }

  public int recycleCount() {
    return assignment.recycleCount();
  }

  public Set<String> excluded() {
    return assignment.excluded();
  }

  public String linkedTo() {
    return link == null ? null : link.toLead();
  }

  public List<RoutingRecord> decisions() {
    return assignment.decisions();
  }

  @Override
  public String team() {
    return known() ? info.team() : null;
  }

  @Override
  public WorkItem workItem() {
    return WorkItem.lead(leadId, info.requiredSkills(), assignment.excluded(), info.priority());
  }

  LeadState apply(Created e) {
    return new LeadState(e.leadId(), e.info(), e.at(), LeadStage.NEW, Assignment.none(), null, false, null, List.of(),
        List.of(), List.of());
  }

  LeadState apply(AssignmentEvent e) {
    return new LeadState(leadId, info, createdAt, stage, assignment.apply(e), link, withManager, lastQualifyingAt,
        activities, stages, quotations);
  }

  LeadState apply(Linked e) {
    return new LeadState(leadId, info, createdAt, stage, assignment, new Link(e.toLead(), e.owner()), withManager,
        lastQualifyingAt, activities, stages, quotations);
  }

  LeadState apply(SentToManager e) {
    return new LeadState(leadId, info, createdAt, stage, assignment, link, true, lastQualifyingAt, activities, stages,
        quotations);
  }

  LeadState apply(ActivityLogged e) {
    List<Activity> next = new ArrayList<>(activities);
    next.add(e.activity());
    Instant qualifying = e.activity().type().qualifying() && e.activity().repId().equals(owner())
        ? e.activity().at() : lastQualifyingAt;
    return new LeadState(leadId, info, createdAt, stage, assignment, link, withManager, qualifying, next, stages,
        quotations);
  }

  LeadState apply(StageChanged e) {
    List<StageChange> next = new ArrayList<>(stages);
    next.add(e.change());
    return new LeadState(leadId, info, createdAt, e.change().to(), assignment, link, withManager, lastQualifyingAt,
        activities, next, quotations);
  }

  LeadState apply(QuotationCreated e) {
    List<Quotation> next = new ArrayList<>(quotations);
    next.add(e.quotation());
    return new LeadState(leadId, info, createdAt, stage, assignment, link, withManager, lastQualifyingAt, activities,
        stages, next);
  }
}
