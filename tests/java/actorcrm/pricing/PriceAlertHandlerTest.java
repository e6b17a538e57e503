package actorcrm.pricing;

import actorcrm.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts on price-alerts as a reader with no earlier alert sees them. */
class PriceAlertHandlerTest {
  private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
  private static final String PID = "product|精华油1:125ml";

  private static JsonNode published(Object event) throws Exception {
    return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(PriceAlertHandler.alert(PID, event)));
  }

  @Test
  void aResolvedAlertCarriesTheLastLandedPriceTheFloorAndTheReason() throws Exception {
    JsonNode alert = published(new ProductEvent.ViolationResolved("精华油1:125ml#1", "https://shop/a", "经销商1",
        Violation.Resolution.PRICE_RESTORED, AT, new BigDecimal("200.00"), new BigDecimal("180.00"), null));
    assertEquals("resolved", alert.get("type").asText());
    assertEquals("price_restored", alert.get("resolution").asText());
    assertEquals(new BigDecimal("200.00"), alert.get("landed_price").decimalValue());
    assertEquals(new BigDecimal("180.00"), alert.get("floor").decimalValue());
    assertEquals("the landed price is back at or above the floor (landed price 200.00, floor 180.00)",
        alert.get("reason").asText());
    assertEquals("经销商1", alert.get("shop").asText());
    assertEquals("https://shop/a", alert.get("listing_url").asText());
  }

  @Test
  void aMovedAlertNamesTheProductTheListingSellsNow() throws Exception {
    JsonNode alert = published(new ProductEvent.ViolationResolved("精华油1:125ml#1", "https://shop/a", "经销商1",
        Violation.Resolution.MOVED, AT, new BigDecimal("172.00"), new BigDecimal("180.00"), "精华油1:200ml"));
    assertEquals("moved", alert.get("resolution").asText());
    assertEquals("精华油1:200ml", alert.get("moved_to").asText());
    assertEquals("the listing now sells 精华油1:200ml (new title or size); last seen here under the floor "
        + "(landed price 172.00, floor 180.00)", alert.get("reason").asText());
  }

  @Test
  void aResolutionJournaledBeforePricesWereCarriedStillSaysWhy() throws Exception {
    JsonNode alert = published(new ProductEvent.ViolationResolved("精华油1:125ml#1", "https://shop/a", "经销商1",
        Violation.Resolution.LISTING_GONE, AT, null, null, null));
    assertEquals("the listing was not seen for the listing TTL; last seen under the floor", alert.get("reason").asText());
    assertTrue(alert.get("landed_price").isNull(), alert.toString());
  }

  @Test
  void anEscalatedAlertSaysWhichWindowPassedAfterHowManyNotices() throws Exception {
    Instant due = Instant.parse("2026-11-24T09:00:00Z");
    JsonNode alert = published(new ProductEvent.ViolationEscalated("精华油1:125ml#1", "https://shop/a", "经销商1", due, 2,
        new BigDecimal("172.00"), new BigDecimal("180.00"), new BigDecimal("4.44"), due.plusSeconds(30)));
    assertEquals("escalated", alert.get("type").asText());
    assertEquals("2026-11-24T09:00:00Z", alert.get("fix_due_at").asText());
    assertEquals(2, alert.get("notices").asInt());
    assertEquals(new BigDecimal("172.00"), alert.get("landed_price").decimalValue());
    assertEquals(new BigDecimal("180.00"), alert.get("floor").decimalValue());
    assertEquals("the fix window ended at 2026-11-24T09:00:00Z with the violation still open after 2 notices",
        alert.get("reason").asText());
  }

  @Test
  void aNoticeIsNotPublished() {
    assertNull(PriceAlertHandler.alert(PID, new ProductEvent.ViolationNoticed("精华油1:125ml#1", "https://shop/a",
        "经销商1", new Violation.Notice(Violation.Channel.EMAIL, "小李", "x", "admin:admin", AT), AT)));
  }
}
