package actorcrm.sales;


import actorcrm.platform.CborSerializable;
import java.util.Map;

/** Who sent a lead and what it needs: contact, source, team, required skills (1..5) and queue priority. */
public record LeadInfo(String idempotencyKey, String name, String phone, String email, String source, String team,
                       Map<String, Integer> requiredSkills, int priority) implements CborSerializable {
  public LeadInfo {
    requiredSkills = requiredSkills == null ? Map.of() : Map.copyOf(requiredSkills);
  }

  /** Why a lead with this information cannot be created, or null. */
  public String problem() {
    if (team() == null || team().isBlank()) {
      return "team is required";
    }
    if (name() == null || name().isBlank()) {
      return "name is required";
    }
    for (Map.Entry<String, Integer> skill : requiredSkills().entrySet()) {
      if (skill.getValue() == null || skill.getValue() < 1 || skill.getValue() > 5) {
        return "required skill " + skill.getKey() + " needs a level from 1 to 5, got " + skill.getValue();
      }
    }
    return null;
  }
}
