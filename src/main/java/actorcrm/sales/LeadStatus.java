package actorcrm.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a lead stands, as the API shows it: its place in routing, or linked, with the manager, closed. */
public enum LeadStatus {
  NEW, QUEUED, PROPOSED, ASSIGNED, LINKED, MANAGER_QUEUE, CLOSED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean settled() {
    return this != NEW && this != PROPOSED;
  }
}
