package actorcrm.dispatch;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a rep was not a candidate for an item, checked in this order; the first that applies is reported. */
public enum ExclusionReason {
  DEPARTED,
  EXCLUDED_FOR_ITEM,
  NOT_ONLINE,
  MISSING_SKILL,
  AT_CAPACITY;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
