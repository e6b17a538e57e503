package actorcrm.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** The two kinds of work a dispatcher hands out; each rep has a separate capacity for each. */
public enum WorkKind {
  LEAD("L-"),
  TICKET("T-");

  /** Ten bytes of the key's SHA-256, in hex. */
  private static final int ID_DIGITS = 20;
  private static final Pattern ID_HEX = Pattern.compile("[0-9a-f]{" + ID_DIGITS + "}");

  private final String idPrefix;

  WorkKind(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Why {@code id} is not the id of an item of this kind, or null if it is. */
  public String idProblem(String id) {
    return id != null && id.startsWith(idPrefix) && ID_HEX.matcher(id.substring(idPrefix.length())).matches()
        ? null
        : "a " + wire() + " id is " + idPrefix + " followed by " + ID_DIGITS + " lower-case hex digits";
  }

  /** The entity id of the item created with this idempotency key: the same key always reaches the same entity. */
  public String idFor(String idempotencyKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return idPrefix + HexFormat.of().formatHex(digest, 0, ID_DIGITS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
