package actorcrm.pricing;

import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clerk's side of a product: listings that move away, notices, fix windows, escalation and the evidence. */
@ExtendWith(LogCapturingExtension.class)
class ProductEnforcementTest extends ProductEntityFixture {
  private EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEvent, ProductState,
      StatusReply<Integer>> movedAway(String url, Instant at) {
    return kit.runCommand(replyTo -> new ProductEntity.ListingMoved(url, "精华油1:200ml", at, replyTo));
  }

  @Test
  void aListingThatMovesToAnotherProductResolvesItsViolationHereAsMovedAtOnce() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var moved = movedAway(URL, T0.plusSeconds(60));
    assertEquals(2, moved.reply().getValue());
    var resolved = (ProductEvent.ViolationResolved) moved.events().get(0);
    assertEquals(Violation.Resolution.MOVED, resolved.resolution());
    assertEquals(new BigDecimal("172.00"), resolved.landedPrice());
    assertEquals(new BigDecimal("180.00"), resolved.floor());
    assertEquals("精华油1:200ml", resolved.movedTo());
    assertEquals(Violation.Status.RESOLVED, moved.state().violations().get(URL).status());
    assertNull(moved.state().offers().get(URL), "the offer left with the listing");
    var raised = set("200", "190");
    assertTrue(raised.state().openViolations().isEmpty(), "a floor change here no longer judges a listing that left");
  }

  @Test
  void aMoveOlderThanTheLastSightingHereChangesNothing() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0.plusSeconds(120)));
    var stale = movedAway(URL, T0.plusSeconds(60));
    assertTrue(stale.hasNoEvents(), "the listing was seen here after it was seen elsewhere: it came back");
    assertEquals(0, stale.reply().getValue());
    assertTrue(movedAway("https://shop/unknown", T0).hasNoEvents());
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEvent, ProductState,
      StatusReply<Violation>> notice(String id, Violation.Channel channel, String text) {
    return kit.runCommand(replyTo -> new ProductEntity.NoticeViolation(id, channel, "小李", text, "operator:li", replyTo));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEvent, ProductState,
      StatusReply<Integer>> escalate(Instant now) {
    return kit.runCommand(replyTo -> new ProductEntity.EscalateOverdue(now, replyTo));
  }

  @Test
  void aNoticeStartsTheFixWindowAndTheViolationEscalatesOnceWhenItPasses() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    clock.set(T0.plus(Duration.ofHours(1)));
    var noticed = notice(SKU + "#1", Violation.Channel.WANGWANG, "请于48小时内恢复价格");
    Violation v = noticed.reply().getValue();
    // Noticed at T0 + 1 h; the window of 48 h ends at T0 + 49 h.
    assertEquals(T0.plus(Duration.ofHours(49)), v.enforcement().fixDueAt());
    assertEquals("noticed", v.enforcement().stage());
    assertEquals(Violation.Channel.WANGWANG, v.enforcement().notices().get(0).channel());
    assertEquals(T0.plus(Duration.ofHours(1)), v.enforcement().notices().get(0).at());
    assertEquals("operator:li", v.enforcement().notices().get(0).recordedBy());

    assertEquals(0, escalate(T0.plus(Duration.ofHours(49)).minusSeconds(1)).reply().getValue(), "the window is still open");
    var escalated = escalate(T0.plus(Duration.ofHours(49)));
    assertEquals(1, escalated.reply().getValue());
    var event = (ProductEvent.ViolationEscalated) escalated.events().get(0);
    assertEquals(1, event.notices());
    assertEquals(new BigDecimal("172.00"), event.landedPrice());
    assertEquals("escalated", escalated.state().violations().get(URL).enforcement().stage());
    assertTrue(escalate(T0.plus(Duration.ofHours(60))).hasNoEvents(), "a violation escalates once");
  }

  @Test
  void aFollowUpNoticeIsRecordedButDoesNotMoveTheEndOfTheWindow() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    notice(SKU + "#1", Violation.Channel.EMAIL, "first");
    clock.advance(Duration.ofHours(24));
    Violation v = notice(SKU + "#1", Violation.Channel.PHONE, "second").reply().getValue();
    assertEquals(2, v.enforcement().notices().size());
    assertEquals(T0.plus(FIX_WINDOW), v.enforcement().fixDueAt());
  }

  @Test
  void aViolationFixedWithinTheWindowIsNotEscalatedAndKeepsItsHistory() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    notice(SKU + "#1", Violation.Channel.EMAIL, "please fix");
    observe(sighting(URL, "200", "200.00", 1, Verdict.OK, T0.plus(Duration.ofHours(10))));
    assertTrue(escalate(T0.plus(Duration.ofHours(50))).hasNoEvents());
    Violation v = kit.getState().violation(SKU + "#1");
    assertEquals(Violation.Status.RESOLVED, v.status());
    assertEquals(1, v.enforcement().notices().size(), "the resolved violation keeps its notice");
    assertEquals(T0.plus(FIX_WINDOW), v.enforcement().fixDueAt());
    assertNull(v.enforcement().escalatedAt());
  }

  @Test
  void aNoticeNeedsAnOpenViolationOfThisProduct() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var unknown = notice(SKU + "#9", Violation.Channel.EMAIL, "x");
    assertTrue(unknown.reply().getError().getMessage().contains("no violation " + SKU + "#9"));
    assertTrue(unknown.hasNoEvents());
    observe(sighting(URL, "200", "200.00", 1, Verdict.OK, T0.plusSeconds(60)));
    var resolved = notice(SKU + "#1", Violation.Channel.EMAIL, "x");
    assertTrue(resolved.reply().getError().getMessage().contains("is resolved (price_restored"),
        resolved.reply().getError().getMessage());
    assertTrue(resolved.hasNoEvents());
  }

  @Test
  void theEnforcementOfAViolationSurvivesARestart() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    notice(SKU + "#1", Violation.Channel.PHONE, "called");
    escalate(T0.plus(FIX_WINDOW));
    ProductState before = kit.getState();
    kit.restart();
    assertEquals(before, kit.getState());
    assertTrue(escalate(T0.plus(FIX_WINDOW).plusSeconds(1)).hasNoEvents(), "escalated before the restart: not again");
  }

  @Test
  void aViolationCarriesTheListingAsScrapedAndItsPriceHistory() {
    set("200", "180");
    observe(sighting(URL, "200", "200.00", 1, Verdict.OK, T0));
    observe(sighting(URL, "200", "200.00", 1, Verdict.OK, T0.plus(REFRESH)));
    var cut = observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0.plus(Duration.ofHours(1))));
    Violation.Evidence e = cut.state().violations().get(URL).evidence();
    assertEquals(URL, e.listingUrl());
    assertEquals("精华油1 125ml", e.title());
    assertEquals("https://img/a.jpg", e.imageUrl());
    assertEquals("['每满200减20,上不封顶']", e.discountInfo());
    assertEquals(List.of("每满200减20上不封顶"), e.promotions());
    assertEquals(new BigDecimal("172.00"), e.landedPrice());
    assertEquals(10, e.quantity());
    assertEquals(List.of("worked example"), e.steps());
    assertEquals(T0.plus(Duration.ofHours(1)), e.observedAt());
    // Two sightings at 200 are one stretch (T0 to T0 + 1 min), then 190 from T0 + 1 h.
    assertEquals(2, e.priceHistory().size(), e.priceHistory().toString());
    PricePoint before = e.priceHistory().get(0);
    assertEquals(new BigDecimal("200"), before.pagePrice());
    assertEquals(T0, before.firstSeenAt());
    assertEquals(T0.plus(REFRESH), before.lastSeenAt());
    assertEquals(new BigDecimal("172.00"), e.priceHistory().get(1).landedPrice());
    assertEquals(e.priceHistory(), cut.state().priceHistory().get(URL));
  }

  @Test
  void aListingKeepsItsLastTwentyPrices() {
    set("200", "180");
    for (int i = 0; i < 25; i++) {
      observe(sighting(URL, Integer.toString(200 + i), 200 + i + ".00", 1, Verdict.OK, T0.plusSeconds(i)));
    }
    List<PricePoint> history = kit.getState().priceHistory().get(URL);
    assertEquals(PricePoint.KEPT, history.size());
    assertEquals(new BigDecimal("205"), history.get(0).pagePrice(), "the five oldest are gone");
    assertEquals(new BigDecimal("224"), history.get(19).pagePrice());
    kit.<StatusReply<Integer>>runCommand(r -> new ProductEntity.ExpireUnseen(T0.plus(Duration.ofHours(73)),
        Duration.ofHours(72), r));
    assertNull(kit.getState().priceHistory().get(URL), "a dropped listing takes its history with it");
  }
}
