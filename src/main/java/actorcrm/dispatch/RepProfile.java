package actorcrm.dispatch;


import actorcrm.platform.CborSerializable;
import java.util.Map;

/** Who a rep is and how much they take: team, skills (skill to proficiency 1..5), a capacity per kind of work. */
public record RepProfile(String name, String team, Map<String, Integer> skills, int leadCapacity, int ticketCapacity)
    implements CborSerializable {
  public RepProfile {
    skills = skills == null ? Map.of() : Map.copyOf(skills);
  }

  int capacity(WorkKind kind) {
    return kind == WorkKind.LEAD ? leadCapacity : ticketCapacity;
  }

  /** Why {@code p} is not a valid profile, or null. */
  static String problem(RepProfile p) {
    if (p == null || p.name() == null || p.name().isBlank()) {
      return "name is required";
    }
    if (p.team() == null || p.team().isBlank()) {
      return "team is required";
    }
    if (p.team().contains(":")) {
      return "team must not contain ':', got " + p.team();
    }
    if (p.leadCapacity() < 0) {
      return "lead_capacity must be 0 or more, got " + p.leadCapacity();
    }
    if (p.ticketCapacity() < 0) {
      return "ticket_capacity must be 0 or more, got " + p.ticketCapacity();
    }
    for (Map.Entry<String, Integer> skill : p.skills().entrySet()) {
      if (skill.getKey() == null || skill.getKey().isBlank()) {
        return "skills must not contain blank entries";
      }
      if (skill.getValue() == null || skill.getValue() < 1 || skill.getValue() > 5) {
        return "skill " + skill.getKey() + " needs a proficiency from 1 to 5, got " + skill.getValue();
      }
    }
    return null;
  }
}
