package actorcrm.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The two kinds of work a dispatcher hands out; each rep has a separate capacity for each. */
public enum WorkKind {
  LEAD,
  TICKET;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
