package actorcrm.api;

import java.util.Locale;

/**
 * What a caller may do. admin: everything; operator: run the node and its data (imports, reps);
 * viewer: read only; rep: read, and update their own presence and items.
 */
public enum Role {
  ADMIN, OPERATOR, VIEWER, REP;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.wire().equals(text)) {
        return r;
      }
    }
    return null;
  }
}
