package actorcrm.dispatch;

import actorcrm.platform.CborSerializable;
import actorcrm.dispatch.AssignmentEvent.Assigned;
import actorcrm.dispatch.AssignmentEvent.ProposalRefused;
import actorcrm.dispatch.AssignmentEvent.Proposed;
import actorcrm.dispatch.AssignmentEvent.Queued;
import actorcrm.dispatch.AssignmentEvent.Unassigned;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an item (lead or ticket) stands in the assignment protocol, as its {@link AssignmentEvent}s
 * build it: routing status, owner, the rep it is reserving at, the reps it must not go to, how often
 * forced circulation took it, and the newest routing decisions with what came of them. Immutable.
 */
public record Assignment(Status status, String owner, String proposedRep, Instant assignedAt, Set<String> excluded,
                         int recycleCount, List<RoutingRecord> decisions) implements CborSerializable {
  static final int DECISIONS_KEPT = 20;

  public enum Status {
    /** Not routed yet, or routed again after a refusal or a hand-back. */
    NEW,
    QUEUED,
    PROPOSED,
    ASSIGNED
  }

  public Assignment {
    excluded = Set.copyOf(excluded);
    decisions = List.copyOf(decisions);
  }

  public static Assignment none() {
    return new Assignment(Status.NEW, null, null, null, Set.of(), 0, List.of());
  }

  /** Whether the item may be routed: not assigned, and not between a proposal and the rep's answer. */
  public boolean routable() {
    return status == Status.NEW || status == Status.QUEUED;
  }

  /** Whether {@code repId} owns the item or is the rep it is reserving at. */
  public boolean holds(String repId) {
    return repId.equals(owner) || repId.equals(proposedRep);
  }

  /** Whether the item waits for {@code repId}'s answer to its reservation. */
  public boolean awaiting(String repId) {
    return status == Status.PROPOSED && repId.equals(proposedRep);
  }

  public Assignment apply(AssignmentEvent event) {
    if (event instanceof Queued e) {
      return new Assignment(Status.QUEUED, null, null, assignedAt, excluded, recycleCount,
          plus(new RoutingRecord(e.decision(), "queued", e.at())));
    }
    if (event instanceof Proposed e) {
      return new Assignment(Status.PROPOSED, null, e.repId(), assignedAt, excluded, recycleCount,
          plus(new RoutingRecord(e.decision(), "proposed", e.at())));
    }
    if (event instanceof Assigned e) {
      return new Assignment(Status.ASSIGNED, e.repId(), null, e.at(), excluded, recycleCount, decisions);
    }
    if (event instanceof ProposalRefused e) {
      return new Assignment(Status.NEW, null, null, assignedAt, excluded, recycleCount,
          RoutingRecord.refused(decisions, e.repId(), e.reason()));
    }
    Unassigned e = (Unassigned) event;
    if (!e.recycled()) {
      return new Assignment(Status.NEW, null, null, null, excluded, recycleCount, decisions);
    }
    Set<String> nextExcluded = new TreeSet<>(excluded);
    nextExcluded.add(e.repId());
    return new Assignment(Status.NEW, null, null, null, nextExcluded, recycleCount + 1, decisions);
  }

  private List<RoutingRecord> plus(RoutingRecord record) {
    return RoutingRecord.append(decisions, record, DECISIONS_KEPT);
  }
}
