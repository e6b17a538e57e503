package actorcrm.dispatch;


import actorcrm.platform.CborSerializable;
import java.util.Map;

/**
 * A dispatcher's view of one rep for one kind of work: still employed, presence, skills with
 * proficiency 1..5, capacity for this kind and the load of the open items of this kind it owns
 * (a lead counts 1, a ticket its complexity).
 */
public record RepSnapshot(String repId, boolean active, Presence presence, Map<String, Integer> skills,
    int capacity, int load) implements CborSerializable {

  public RepSnapshot {
    if (repId == null || repId.isBlank()) {
      throw new IllegalArgumentException("repId is required");
    }
    if (presence == null) {
      throw new IllegalArgumentException("presence is required for rep " + repId);
    }
    if (capacity < 0 || load < 0) {
      throw new IllegalArgumentException("capacity and load must not be negative for rep " + repId
          + ", got " + capacity + " and " + load);
    }
    skills = skills == null ? Map.of() : Map.copyOf(skills);
  }

  public int proficiency(String skill) {
    return skills.getOrDefault(skill, 0);
  }

  public RepSnapshot withLoad(int newLoad) {
    return new RepSnapshot(repId, active, presence, skills, capacity, Math.max(0, newLoad));
  }

  public RepSnapshot withPresence(Presence newPresence) {
    return new RepSnapshot(repId, active, newPresence, skills, capacity, load);
  }

  public RepSnapshot withCapacity(int newCapacity) {
    return new RepSnapshot(repId, active, presence, skills, newCapacity, load);
  }

  public RepSnapshot departed() {
    return new RepSnapshot(repId, false, Presence.OFFLINE, skills, capacity, load);
  }
}
