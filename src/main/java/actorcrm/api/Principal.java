package actorcrm.api;

/** Who is calling: a role and, for rep tokens, the rep id. */
public record Principal(Role role, String subject) {
  public boolean is(Role... roles) {
    for (Role r : roles) {
      if (r == role) {
        return true;
      }
    }
    return false;
  }
}
