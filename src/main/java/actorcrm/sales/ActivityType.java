package actorcrm.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a rep logged against a lead. Calls, emails, meetings and notes are follow-up and keep the
 * lead with its owner; viewing is not, or opening a lead once a day would defeat forced circulation.
 */
public enum ActivityType {
  CALL(true),
  EMAIL(true),
  MEETING(true),
  NOTE(true),
  VIEW(false);

  private final boolean qualifying;

  ActivityType(boolean qualifying) {
    this.qualifying = qualifying;
  }

  public boolean qualifying() {
    return qualifying;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form; null when the text names no activity. */
  public static ActivityType parse(String text) {
    for (ActivityType t : values()) {
      if (t.wire().equals(text)) {
        return t;
      }
    }
    return null;
  }
}
