package actorcrm.dispatch;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two kinds of work a dispatcher hands out; each rep has a separate capacity for each. Each
 * kind names the entity type of its items, so the dispatcher and the reps reach a lead or a ticket
 * alike, through the {@link AssignmentCommand}s both take.
 */
public enum WorkKind {
  LEAD("L-", "lead"),
  TICKET("T-", "ticket");

  /** Ten bytes of the key's SHA-256, in hex. */
  private static final int ID_DIGITS = 20;
  private static final Pattern ID_HEX = Pattern.compile("[0-9a-f]{" + ID_DIGITS + "}");

  private final String idPrefix;
  private final EntityTypeKey<ItemCommand> entityKey;

  WorkKind(String idPrefix, String entityTypeName) {
    this.idPrefix = idPrefix;
    this.entityKey = EntityTypeKey.create(ItemCommand.class, entityTypeName);
  }

  /** The sharded entity type of this kind's items. */
  public EntityTypeKey<ItemCommand> entityKey() {
    return entityKey;
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
