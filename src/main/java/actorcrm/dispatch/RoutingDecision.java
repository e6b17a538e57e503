package actorcrm.dispatch;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outcome of routing one item, kept with the item as its explanation: the chosen rep (empty
 * when nobody is eligible and the item must wait), every candidate with its score, every excluded
 * rep with the reason, the rule version that decided, and the fairness state to keep for the next
 * decision.
 */
public record RoutingDecision(String itemId, Optional<String> chosenRep, List<CandidateScore> candidates,
    List<Exclusion> exclusions, String ruleVersion, FairnessState next) {

  public RoutingDecision {
    candidates = List.copyOf(candidates);
    exclusions = List.copyOf(exclusions);
  }

  public boolean assigned() {
    return chosenRep.isPresent();
  }

  /**
   * Whether no rep of the team will ever take the item: each one has had it already (and was
   * excluded for it), lacks a skill or has departed, and at least one has had it. Waiting would be
   * for ever; an item that nobody was ever able to take waits instead, for a rep to be hired.
   */
  public boolean nobodyLeft() {
    Set<ExclusionReason> never = EnumSet.of(ExclusionReason.EXCLUDED_FOR_ITEM, ExclusionReason.MISSING_SKILL,
        ExclusionReason.DEPARTED);
    return !assigned() && candidates.isEmpty()
        && !hadIt().isEmpty()
        && exclusions.stream().allMatch(e -> never.contains(e.reason()));
  }

  /** The reps excluded because they had the item before (forced circulation took it from them). */
  public List<String> hadIt() {
    return exclusions.stream().filter(e -> e.reason() == ExclusionReason.EXCLUDED_FOR_ITEM).map(Exclusion::repId).toList();
  }

  /** One line for logs and the admin view. */
  public String summary() {
    String head = chosenRep.map(rep -> itemId + " -> " + rep).orElse(itemId + " waits: no eligible rep");
    String scored = candidates.stream()
        .map(c -> c.repId() + " " + c.load() + "+" + c.weight() + "/" + c.capacity())
        .collect(Collectors.joining(", "));
    String excluded = exclusions.stream()
        .map(e -> e.repId() + " " + e.reason().wire())
        .collect(Collectors.joining(", "));
    return head + " [" + ruleVersion + "] candidates: " + (scored.isEmpty() ? "none" : scored)
        + "; excluded: " + (excluded.isEmpty() ? "none" : excluded);
  }
}
