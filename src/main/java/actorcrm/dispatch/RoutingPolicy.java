package actorcrm.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the rep for one lead or ticket from a snapshot of the team. Eligible: active, online,
 * not excluded for the item, holding every required skill at the required level, with room for
 * the item's weight, and that room not held for an item ahead in the queue. Best: the lowest load ratio after taking the item; equal ratios go to
 * the rep served least recently, and reps never served are drawn by the seeded generator in
 * {@link FairnessState}, so neither list order nor rep ids decide. Proficiency above the required
 * level does not rank: preferring the most skilled rep would pile every tie onto the same people.
 * A pure function of its inputs.
 */
public final class RoutingPolicy {

  public static final String RULE_VERSION = "routing-v1";

  private RoutingPolicy() {}

  public static RoutingDecision route(WorkItem item, List<RepSnapshot> reps, FairnessState fairness) {
    return route(item, reps, fairness, Map.of());
  }

  /**
   * As above, with some reps' room kept for items ahead in the queue ({@code held}: rep to the item
   * it is held for). Without this a high-priority item that needs much room (a complex VIP ticket)
   * would wait for ever while smaller items behind it take every unit of capacity as it frees.
   */
  public static RoutingDecision route(WorkItem item, List<RepSnapshot> reps, FairnessState fairness,
                                      Map<String, WorkItem> held) {
    List<Exclusion> exclusions = new ArrayList<>();
    List<RepSnapshot> eligible = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RepSnapshot rep : reps) {
      if (!seen.add(rep.repId())) {
        throw new IllegalArgumentException("rep " + rep.repId() + " appears twice in the snapshot");
      }
      Exclusion exclusion = exclusion(item, rep, held.get(rep.repId()));
      if (exclusion == null) {
        eligible.add(rep);
      } else {
        exclusions.add(exclusion);
      }
    }
    exclusions.sort(Comparator.comparing(Exclusion::repId));
    if (eligible.isEmpty()) {
      return new RoutingDecision(item.itemId(), Optional.empty(), List.of(), exclusions, RULE_VERSION, fairness);
    }

    Comparator<RepSnapshot> byRatio = (a, b) -> compareRatio(a, b, item.weight());
    Comparator<RepSnapshot> byRatioThenTurn = byRatio.thenComparingLong(r -> fairness.lastServedOf(r.repId()));
    eligible.sort(byRatioThenTurn.thenComparing(RepSnapshot::repId));
    int tied = 1;
    while (tied < eligible.size() && byRatioThenTurn.compare(eligible.get(0), eligible.get(tied)) == 0) {
      tied++;
    }
    FairnessState next = fairness;
    if (tied > 1) {
      FairnessState.Draw draw = fairness.draw(tied);
      eligible.add(0, eligible.remove(draw.index()));
      next = draw.next();
    }
    String chosen = eligible.get(0).repId();

    List<CandidateScore> candidates = new ArrayList<>();
    for (int i = 0; i < eligible.size(); i++) {
      RepSnapshot rep = eligible.get(i);
      candidates.add(new CandidateScore(rep.repId(), rep.load(), item.weight(), rep.capacity(),
          (double) (rep.load() + item.weight()) / rep.capacity(), fairness.lastServedOf(rep.repId()), i + 1));
    }
    return new RoutingDecision(item.itemId(), Optional.of(chosen), candidates, exclusions, RULE_VERSION,
        next.served(chosen));
  }

  /** Whether a rep with this load and capacity can take an item of this weight without going over capacity. */
  public static boolean fits(int load, int capacity, int weight) {
    return load + weight <= capacity;
  }

  /**
   * The reps that could take {@code item} once they have room: eligible in every way but their
   * current load, and with a capacity of at least its weight. These are the reps a waiting item
   * holds (see {@link #route(WorkItem, List, FairnessState, Map)}).
   */
  public static List<String> couldTakeWhenFree(WorkItem item, Collection<RepSnapshot> reps) {
    return reps.stream()
        .filter(rep -> exclusion(item, rep.withLoad(0), null) == null)
        .map(RepSnapshot::repId)
        .toList();
  }

  private static Exclusion exclusion(WorkItem item, RepSnapshot rep, WorkItem heldFor) {
    if (!rep.active()) {
      return new Exclusion(rep.repId(), ExclusionReason.DEPARTED, "rep has departed");
    }
    if (item.excludedReps().contains(rep.repId())) {
      return new Exclusion(rep.repId(), ExclusionReason.EXCLUDED_FOR_ITEM,
          "excluded for " + item.itemId() + " (a previous owner)");
    }
    if (rep.presence() != Presence.ONLINE) {
      return new Exclusion(rep.repId(), ExclusionReason.NOT_ONLINE, "presence is " + rep.presence().wire());
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Integer> need : new TreeMap<>(item.requiredSkills()).entrySet()) {
      int has = rep.proficiency(need.getKey());
      if (has < need.getValue()) {
        missing.add(need.getKey() + " (needs " + need.getValue() + ", has " + (has == 0 ? "none" : has) + ")");
      }
    }
    if (!missing.isEmpty()) {
      return new Exclusion(rep.repId(), ExclusionReason.MISSING_SKILL, "lacks " + String.join(", ", missing));
    }
    if (!fits(rep.load(), rep.capacity(), item.weight())) {
      return new Exclusion(rep.repId(), ExclusionReason.AT_CAPACITY,
          "load " + rep.load() + " + weight " + item.weight() + " exceeds capacity " + rep.capacity());
    }
    if (heldFor != null && !heldFor.itemId().equals(item.itemId())) {
      return new Exclusion(rep.repId(), ExclusionReason.HELD_FOR_QUEUE, "room held for " + heldFor.itemId()
          + " (priority " + heldFor.priority() + ", weight " + heldFor.weight() + "), waiting ahead in the queue");
    }
    return null;
  }

  private static int compareRatio(RepSnapshot a, RepSnapshot b, int weight) {
    // Cross-multiplied so equal ratios are exactly equal (2/4 vs 3/6), which the tie-break relies on.
    return Long.compare((long) (a.load() + weight) * b.capacity(), (long) (b.load() + weight) * a.capacity());
  }
}
