package actorcrm.service;

import actorcrm.platform.CborSerializable;
import actorcrm.dispatch.Assignable;
import actorcrm.dispatch.Assignment;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.RoutingRecord;
import actorcrm.dispatch.WorkItem;
import actorcrm.service.TicketEntity.Created;
import actorcrm.service.TicketEntity.Progress;
import actorcrm.service.TicketEntity.ProgressChanged;
import actorcrm.service.TicketEntity.Routing;
import actorcrm.service.TicketEntity.SlaAlerted;
import actorcrm.service.TicketEntity.SlaRecord;
import actorcrm.service.TicketEntity.TicketInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A ticket's state as its journal builds it: what the customer asked, priority and escalation,
 * where it stands for the customer and in the assignment protocol, its SLA clock and the alerts
 * that fired. Immutable; {@link TicketEntity} applies its events here.
 */
public record TicketState(String ticketId, TicketInfo info, TicketPriority priority, boolean escalated, Progress progress,
                    Assignment assignment, SlaClock clock, List<SlaRecord> slaEvents, Instant createdAt)
    implements CborSerializable, Assignable {
  public TicketState {
    slaEvents = List.copyOf(slaEvents);
  }

  public static TicketState empty(String ticketId) {
    return new TicketState(ticketId, null, null, false, Progress.OPEN, Assignment.none(), null, List.of(), null);
  }

  public boolean known() {
    return info != null;
  }

  public boolean settled() {
    Routing r = routing();
    return r != Routing.NEW && r != Routing.PROPOSED;
  }

  /** Known and not resolved. */
  @Override
  public boolean assignable() {
    return known() && progress != Progress.RESOLVED;
  }

  @Override
  public String team() {
    return known() ? info.team() : null;
  }

  public Routing routing() {
    if (progress == Progress.RESOLVED) {
      return Routing.DONE;
    }
    return switch (assignment.status()) {
      case NEW -> Routing.NEW;
      case QUEUED -> Routing.QUEUED;
      case PROPOSED -> Routing.PROPOSED;
      case ASSIGNED -> Routing.ASSIGNED;
    };
  }

  public String owner() {
    return assignment.owner();
  }

  public String proposedRep() {
    return assignment.proposedRep();
  }

  public List<RoutingRecord> decisions() {
    return assignment.decisions();
  }

  @Override
  public WorkItem workItem() {
    TicketPriority effective = escalated ? TicketPriority.P1 : priority;
    return WorkItem.ticket(ticketId, info.requiredSkills(), info.complexity(), Set.of(), effective.queuePriority());
  }

  TicketState apply(Created e) {
    return new TicketState(e.ticketId(), e.info(), e.priority(), false, Progress.OPEN, Assignment.none(), e.clock(),
        List.of(), e.at());
  }

  TicketState apply(AssignmentEvent e) {
    return new TicketState(ticketId, info, priority, escalated, progress, assignment.apply(e), clock, slaEvents, createdAt);
  }

  TicketState apply(ProgressChanged e) {
    return new TicketState(ticketId, info, priority, escalated, e.progress(), assignment, e.clock(), slaEvents, createdAt);
  }

  TicketState apply(SlaAlerted e) {
    List<SlaRecord> records = new ArrayList<>(slaEvents);
    e.events().forEach(event -> records.add(new SlaRecord(event, e.at())));
    boolean breached = e.events().stream().anyMatch(event -> event.alert() == SlaAlert.BREACH);
    return new TicketState(ticketId, info, priority, escalated || breached, progress, assignment, e.clock(), records,
        createdAt);
  }
}
