package actorcrm.api;

import actorcrm.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-22T08:00:00Z"));
  private final Tokens tokens = new Tokens("admin-token-for-tests-0123", Duration.ofDays(30), clock);

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
  void aTokenStopsWorkingOnceItsTtlHasPassed() {
    String token = tokens.issue(Role.VIEWER, "wall").token();
    clock.advance(Duration.ofDays(29));
    assertTrue(tokens.verify(token).isPresent());
    clock.advance(Duration.ofDays(1).plusSeconds(1));
    assertTrue(tokens.verify(token).isEmpty());
  }

  @Test
  void aTokenSignedWithAnotherAdminTokenIsRefused() {
    Tokens other = new Tokens("another-admin-token-456789", Duration.ofDays(1), clock);
    assertTrue(tokens.verify(other.issue(Role.ADMIN, "me").token()).isEmpty());
  }

  @Test
  void aShortAdminTokenIsRefusedAtStart() {
    assertThrows(IllegalArgumentException.class, () -> new Tokens("short", Duration.ofDays(1), clock));
  }
}
