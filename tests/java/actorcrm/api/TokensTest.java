package actorcrm.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {
  private final Tokens tokens = new Tokens("admin-token-for-tests-0123", Duration.ofDays(30));

  @Test
  void anIssuedTokenCarriesItsRoleAndSubject() {
    Principal p = tokens.verify(tokens.issue(Role.REP, "ann").token()).orElseThrow();
    assertEquals(Role.REP, p.role());
    assertEquals("ann", p.subject());
  }

  @Test
  void theAdminTokenIsAdmin() {
    assertEquals(Role.ADMIN, tokens.verify("admin-token-for-tests-0123").orElseThrow().role());
  }

  @Test
  void anExpiredTokenIsRefused() {
    Tokens expired = new Tokens("admin-token-for-tests-0123", Duration.ofSeconds(-1));
    assertTrue(tokens.verify(expired.issue(Role.VIEWER, "wall").token()).isEmpty());
  }

  @Test
  void aTokenSignedWithAnotherAdminTokenIsRefused() {
    Tokens other = new Tokens("another-admin-token-456789", Duration.ofDays(1));
    assertTrue(tokens.verify(other.issue(Role.ADMIN, "me").token()).isEmpty());
  }

  @Test
  void aShortAdminTokenIsRefusedAtStart() {
    assertThrows(IllegalArgumentException.class, () -> new Tokens("short", Duration.ofDays(1)));
  }
}
