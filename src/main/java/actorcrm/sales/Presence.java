package actorcrm.sales;

import java.util.Locale;

/**
 * Whether a rep can take work now, as routing sees it. Same constants as {@code RepEntity.Presence},
 * so actor code maps one onto the other by name, while routing stays free of the entity class.
 */
public enum Presence {
  ONLINE,
  AWAY,
  OFFLINE;

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
