package actorcrm.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The two kinds of work a dispatcher hands out; each rep has a separate capacity for each. */
public enum WorkKind {
  LEAD("L-"),
  TICKET("T-");

  private final String idPrefix;

  WorkKind(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The entity id of the item created with this idempotency key: the same key always reaches the same entity. */
  public String idFor(String idempotencyKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return idPrefix + HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
