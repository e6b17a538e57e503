package actorcrm.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeadDedupeTest {

  @Test
  void mobileNumbersWithOrWithoutTheChinaPrefixShareOneKey() {
    Optional<String> key = Optional.of("phone:13800138000");
    assertEquals(key, LeadDedupe.phoneKey("138-0013-8000"));
    assertEquals(key, LeadDedupe.phoneKey("+86 138 0013 8000"));
    assertEquals(key, LeadDedupe.phoneKey("0086 13800138000"));
    assertEquals(key, LeadDedupe.phoneKey("(86)13800138000"));
  }

  @Test
  void internationalLandlinesGetTheirTrunkZeroBack() {
    assertEquals(Optional.of("phone:01065529988"), LeadDedupe.phoneKey("+86 10 6552 9988"));
    assertEquals(Optional.of("phone:01065529988"), LeadDedupe.phoneKey("010-65529988"));
    assertEquals(Optional.of("phone:057188886666"), LeadDedupe.phoneKey("+86-571-8888-6666"));
  }

  @Test
  void textWithTooFewDigitsIsNoPhone() {
    assertTrue(LeadDedupe.phoneKey("ext 12").isEmpty());
    assertTrue(LeadDedupe.phoneKey(null).isEmpty());
  }

  @Test
  void emailsAreTrimmedAndLowerCased() {
    assertEquals(Optional.of("email:ann.li@example.com"), LeadDedupe.emailKey("  Ann.Li@Example.COM "));
    assertTrue(LeadDedupe.emailKey("not-an-email").isEmpty());
    assertTrue(LeadDedupe.emailKey("@example.com").isEmpty());
  }

  @Test
  void aNewLeadMatchingAnOpenLeadByPhoneOrEmailIsLinkedToIt() {
    Map<String, String> open = Map.of("phone:13800138000", "lead-1", "email:bo@example.com", "lead-2");

    assertEquals(Optional.of("lead-1"), LeadDedupe.match("+8613800138000", null, open));
    assertEquals(Optional.of("lead-2"), LeadDedupe.match("13900000000", "BO@example.com", open));
    assertEquals(Optional.empty(), LeadDedupe.match("13900000000", "new@example.com", open));
    assertEquals(List.of("phone:13900000000", "email:new@example.com"),
        LeadDedupe.keys("139 0000 0000", "new@example.com"));
  }
}
