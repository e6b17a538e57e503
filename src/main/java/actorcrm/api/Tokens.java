package actorcrm.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Bearer tokens. The admin token comes from the environment (or the generated file); every other
 * token is issued by an admin, expires after the configured TTL and is signed with a key derived
 * from the admin token, so every node of a cluster that shares the admin token verifies every token
 * without a lookup.
 */
public final class Tokens {
  private static final String PREFIX = "acrm1.";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /** A token as issued: the bearer string and when it stops working. */
  public record Issued(String token, Instant expiresAt) {}

  private final byte[] adminToken;
  private final SecretKeySpec signingKey;
  private final Duration ttl;
  private final Clock clock;

  public Tokens(String adminToken, Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
    if (adminToken == null || adminToken.length() < 16) {
      throw new IllegalArgumentException("the admin token must be at least 16 characters");
    }
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.signingKey = new SecretKeySpec(sha256(("actorcrm-token-signing:" + adminToken).getBytes(StandardCharsets.UTF_8)),
        "HmacSHA256");
  }

  public Issued issue(Role role, String subject) {
    Instant expires = clock.instant().plus(ttl);
    String payload = role.wire() + ":" + expires.getEpochSecond() + ":" + subject;
    String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return new Issued(PREFIX + encoded + "." + B64.encodeToString(sign(encoded)), expires);
  }

  public Optional<Principal> verify(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    if (MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(new Principal(Role.ADMIN, "admin"));
    }
    if (!token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String body = token.substring(PREFIX.length());
    int dot = body.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String encoded = body.substring(0, dot);
    byte[] signature;
    try {
      signature = B64D.decode(body.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(sign(encoded), signature)) {
      return Optional.empty();
    }
    String[] parts = new String(B64D.decode(encoded), StandardCharsets.UTF_8).split(":", 3);
    Role role = parts.length == 3 ? Role.parse(parts[0]) : null;
    if (role == null || Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(new Principal(role, parts[2]));
  }

  private byte[] sign(String encoded) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(signingKey);
      return mac.doFinal(encoded.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
