package actorcrm.dispatch;


import actorcrm.platform.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A routing decision kept with its item, with what came of it: proposed, queued, or refused by the rep and why. */
public record RoutingRecord(RoutingDecision decision, String outcome, Instant at) implements CborSerializable {

  /** The history with {@code record} added, keeping the newest {@code keep}. */
  public static List<RoutingRecord> append(List<RoutingRecord> history, RoutingRecord record, int keep) {
    List<RoutingRecord> next = new ArrayList<>(history);
    next.add(record);
    return next.size() > keep ? next.subList(next.size() - keep, next.size()) : next;
  }

  /** The history with its newest decision marked as refused by the rep. */
  public static List<RoutingRecord> refused(List<RoutingRecord> history, String repId, String reason) {
    List<RoutingRecord> next = new ArrayList<>(history);
    if (!next.isEmpty()) {
      RoutingRecord last = next.remove(next.size() - 1);
      next.add(new RoutingRecord(last.decision(), "refused by " + repId + ": " + reason, last.at()));
    }
    return next;
  }
}
