package actorcrm.dispatch;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a rep was not a candidate for an item, checked in this order; the first that applies is reported. */
public enum ExclusionReason {
  DEPARTED,
  EXCLUDED_FOR_ITEM,
  NOT_ONLINE,
  MISSING_SKILL,
  AT_CAPACITY,
  /** It has room, but the room is kept for an item ahead in the queue that needs more than is free yet. */
  HELD_FOR_QUEUE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
