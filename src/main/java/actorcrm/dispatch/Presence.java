package actorcrm.dispatch;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Whether a rep can take work now: set by the rep (or a manager), read by routing and the grace period. */
public enum Presence {
  ONLINE,
  AWAY,
  OFFLINE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form; null when the text names no presence. */
  public static Presence parse(String text) {
    for (Presence p : values()) {
      if (p.wire().equals(text)) {
        return p;
      }
    }
    return null;
  }
}
