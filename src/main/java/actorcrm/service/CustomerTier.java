package actorcrm.service;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The service tier of the customer behind a ticket; VIP tickets are served before standard ones. */
public enum CustomerTier {
  VIP,
  STANDARD;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form; null when the text names no tier. */
  public static CustomerTier parse(String text) {
    for (CustomerTier t : values()) {
      if (t.wire().equals(text)) {
        return t;
      }
    }
    return null;
  }
}
