package actorcrm.dispatch;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What routing needs to know about one lead or ticket: the skills it requires (skill to minimum
 * proficiency 1..5), its weight against the rep's capacity (1 for a lead, the complexity for a
 * ticket), the reps it must not go to (such as the owner it was reclaimed from) and its queue
 * priority (higher is served first).
 */
public record WorkItem(String itemId, WorkKind kind, Map<String, Integer> requiredSkills, int weight,
    Set<String> excludedReps, int priority) {

  public WorkItem {
    if (itemId == null || itemId.isBlank()) {
      throw new IllegalArgumentException("itemId is required");
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind is required for item " + itemId);
    }
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1, got " + weight + " for item " + itemId);
    }
    requiredSkills = requiredSkills == null ? Map.of() : requiredSkills;
    for (Map.Entry<String, Integer> skill : requiredSkills.entrySet()) {
      Integer level = skill.getValue();
      if (level == null || level < 1 || level > 5) {
        throw new IllegalArgumentException("skill " + skill.getKey() + " needs a level 1..5, got " + level);
      }
    }
    requiredSkills = Map.copyOf(requiredSkills);
    excludedReps = excludedReps == null ? Set.of() : Set.copyOf(excludedReps);
  }

  public static WorkItem lead(String leadId, Map<String, Integer> requiredSkills, Set<String> excludedReps,
      int priority) {
    return new WorkItem(leadId, WorkKind.LEAD, requiredSkills, 1, excludedReps, priority);
  }

  public static WorkItem ticket(String ticketId, Map<String, Integer> requiredSkills, int complexity,
      Set<String> excludedReps, int priority) {
    return new WorkItem(ticketId, WorkKind.TICKET, requiredSkills, complexity, excludedReps, priority);
  }

  public WorkItem withExcluded(String repId) {
    Set<String> excluded = new TreeSet<>(excludedReps);
    excluded.add(repId);
    return new WorkItem(itemId, kind, requiredSkills, weight, excluded, priority);
  }
}
