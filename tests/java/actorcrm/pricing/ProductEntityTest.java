package actorcrm.pricing;

import actorcrm.TestClock;
import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class ProductEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final String SKU = "精华油1:125ml";
  private static final String URL = "https://shop/a";
  private static final Duration REFRESH = Duration.ofMinutes(1);
  private static final Duration FIX_WINDOW = Duration.ofHours(48);
  private static final PricingSettings PRICING = new PricingSettings(PriceCheckSettings.defaults(), REFRESH,
      Duration.ofHours(72), Duration.ofMinutes(1), "", FIX_WINDOW);
  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

  private final TestClock clock = TestClock.at(T0);
  private EventSourcedBehaviorTestKit<ProductEntity.Command, ProductEvent, ProductState> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ProductEntity.create(SKU, EntityTestKits.settings(clock), PRICING));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEvent, ProductState,
      StatusReply<ProductState>> set(String list, String floor) {
    return kit.runCommand(replyTo -> new ProductEntity.SetReference("精华油1", "125ml", new BigDecimal(list),
        new BigDecimal(floor), replyTo));
  }

  /** A sighting whose cheapest purchase is {@code quantity} listings at {@code perUnit} each. */
  private static Observation sighting(String url, String pagePrice, String perUnit, int quantity, Verdict verdict,
                                      Instant at) {
    return sighting(url, pagePrice, perUnit, quantity, verdict, verdict != Verdict.REVIEW, at);
  }

  private static Observation sighting(String url, String pagePrice, String perUnit, int quantity, Verdict verdict,
                                      boolean certain, Instant at) {
    return sighting(url, pagePrice, perUnit, quantity, verdict, certain, List.of(), at);
  }

  private static Observation sighting(String url, String pagePrice, String perUnit, int quantity, Verdict verdict,
                                      boolean certain, List<String> unparsed, Instant at) {
    BigDecimal unit = new BigDecimal(perUnit);
    BigDecimal payable = unit.multiply(BigDecimal.valueOf(quantity));
    LandedPrice landed = new LandedPrice(unit, quantity, new BigDecimal(pagePrice).multiply(BigDecimal.valueOf(quantity)),
        payable, List.of("worked example"));
    return new Observation(url, "经销商1", "精华油1 125ml", "https://img/a.jpg", new BigDecimal(pagePrice), "['每满200减20,上不封顶']", "125ml",
        1, verdict, certain, landed, false, List.of("每满200减20上不封顶"), unparsed, List.of(), new BigDecimal("0.99"), at);
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEvent, ProductState,
      StatusReply<ProductEntity.OfferOutcome>> observe(Observation o) {
    return kit.runCommand(replyTo -> new ProductEntity.RecordOffer(o, replyTo));
  }

  @Test
  void referenceRowIsStoredWithExactMoney() {
    var result = set("200", "180");
    assertTrue(result.reply().isSuccess());
    assertEquals(new BigDecimal("200.00"), result.state().reference().listPrice());
    assertEquals(new BigDecimal("180.00"), result.state().reference().floor());
    assertEquals(1, result.state().reference().version());
  }

  @Test
  void reimportRaisesTheVersionAndKeepsTheFloorHistory() {
    set("200", "180");
    set("210", "180");
    var result = set("210", "170");
    assertEquals(3, result.state().reference().version());
    List<BigDecimal> floors = result.state().floorHistory().stream().map(ProductState.FloorChange::floor).toList();
    assertEquals(List.of(new BigDecimal("180.00"), new BigDecimal("170.00")), floors);
  }

  @Test
  void unchangedRowWritesNoEvent() {
    set("200", "180");
    var again = set("200.00", "180.0");
    assertTrue(again.hasNoEvents());
  }

  @Test
  void nonPositiveFloorIsRejectedAndNothingIsStored() {
    var result = set("200", "0");
    assertTrue(result.reply().getError().getMessage().contains("floor"));
    assertTrue(result.hasNoEvents());
    assertFalse(result.state().known());
  }

  @Test
  void offerUnderTheFloorOpensAViolationWithEvidence() {
    set("200", "180");
    // 10 x 190 = 1900; 每满200减20 x9 = -180; 1720 / 10 = 172.00 < 180
    var result = observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    assertEquals("opened", result.reply().getValue().change());
    Violation v = result.state().violations().get(URL);
    assertEquals(SKU + "#1", v.id());
    assertEquals(new BigDecimal("172.00"), v.landedPrice());
    assertEquals(10, v.quantity());
    // (180 - 172) / 180 = 4.44 %
    assertEquals(new BigDecimal("4.44"), v.gapPct());
    assertEquals("190", v.evidence().pagePrice().toPlainString());
    assertFalse(v.repeat());
    assertInstanceOf(ProductEvent.ViolationOpened.class, result.events().get(1));
  }

  @Test
  void theSameScrapeAgainWritesNothing() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var again = observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0.plusSeconds(5)));
    assertTrue(again.hasNoEvents());
    assertTrue(again.reply().getValue().duplicate());
  }

  @Test
  void anUnchangedListingSeenAfterTheRefreshOnlyRefreshesTheViolation() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var later = observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0.plus(REFRESH)));
    assertEquals("seen", later.reply().getValue().change());
    assertEquals(T0.plus(REFRESH), later.state().violations().get(URL).lastSeenAt());
  }

  @Test
  void aLowerPriceDeepensTheViolation() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var deeper = observe(sighting(URL, "180", "162.00", 10, Verdict.VIOLATION, T0.plusSeconds(30)));
    assertEquals("deepened", deeper.reply().getValue().change());
    assertEquals(new BigDecimal("162.00"), deeper.state().violations().get(URL).lowestLandedPrice());
    assertEquals(SKU + "#1", deeper.state().violations().get(URL).id());
  }

  @Test
  void violationResolvesWhenPriceReturnsAboveFloor() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var back = observe(sighting(URL, "200", "180.00", 1, Verdict.OK, T0.plusSeconds(60)));
    assertEquals("resolved", back.reply().getValue().change());
    Violation v = back.state().violations().get(URL);
    assertEquals(Violation.Status.RESOLVED, v.status());
    assertEquals(Violation.Resolution.PRICE_RESTORED, v.resolution());
    assertEquals(T0.plusSeconds(60), v.resolvedAt());
  }

  @Test
  void aResolutionCarriesTheLastLandedPriceAndTheFloor() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var back = observe(sighting(URL, "205", "205.00", 1, Verdict.OK, T0.plusSeconds(60)));
    var resolved = (ProductEvent.ViolationResolved) back.events().get(1);
    assertEquals(new BigDecimal("205.00"), resolved.landedPrice());
    assertEquals(new BigDecimal("180.00"), resolved.floor());
    assertNull(resolved.movedTo());
  }

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

  @Test
  void unreadPromotionTextAboveTheFloorDoesNotClearAViolation() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var unread = observe(sighting(URL, "200", "180.00", 1, Verdict.REVIEW, true, List.of("神秘折扣"), T0.plusSeconds(60)));
    assertEquals(Violation.Status.OPEN, unread.state().violations().get(URL).status());
    var lowered = set("200", "170");
    assertEquals(Violation.Status.OPEN, lowered.state().violations().get(URL).status());
  }

  @Test
  void unreadPromotionTextUnderTheFloorStillOpensAViolation() {
    set("200", "180");
    var under = observe(sighting(URL, "175", "175.00", 1, Verdict.VIOLATION, true, List.of("神秘折扣"), T0));
    assertEquals("opened", under.reply().getValue().change());
  }

  @Test
  void breakingTheFloorAgainOpensARepeatViolation() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    observe(sighting(URL, "200", "180.00", 1, Verdict.OK, T0.plusSeconds(60)));
    var again = observe(sighting(URL, "185", "166.50", 10, Verdict.VIOLATION, T0.plusSeconds(120)));
    assertEquals("opened", again.reply().getValue().change());
    Violation v = again.state().violations().get(URL);
    assertEquals(SKU + "#2", v.id());
    assertTrue(v.repeat());
  }

  @Test
  void loweringTheFloorResolvesOpenViolationsAsFloorChanged() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    var lowered = set("200", "170");
    Violation v = lowered.state().violations().get(URL);
    assertEquals(Violation.Resolution.FLOOR_CHANGED, v.resolution());
  }

  @Test
  void raisingTheFloorOpensViolationsForOffersAlreadyKnown() {
    set("200", "170");
    observe(sighting(URL, "190", "172.00", 10, Verdict.OK, T0));
    assertTrue(kit.getState().openViolations().isEmpty());
    var raised = set("200", "180");
    assertEquals(1, raised.state().openViolations().size());
    assertEquals(new BigDecimal("180.00"), raised.state().openViolations().get(0).floor());
  }

  @Test
  void raisingTheFloorIgnoresOffersNotSeenWithinTheListingTtl() {
    set("200", "170");
    observe(sighting(URL, "190", "172.00", 10, Verdict.OK, T0));
    clock.advance(Duration.ofHours(73));
    var raised = set("200", "180");
    assertTrue(raised.state().openViolations().isEmpty(), raised.state().openViolations().toString());
  }

  @Test
  void aReviewVerdictNeitherOpensNorResolves() {
    set("200", "180");
    var review = observe(sighting(URL, "150", "150.00", 1, Verdict.REVIEW, T0));
    assertEquals("none", review.reply().getValue().change());
    assertTrue(review.state().openViolations().isEmpty());
    assertEquals(Verdict.REVIEW, review.state().offers().get(URL).verdict());
  }

  @Test
  void aListingUnseenForTheTtlResolvesAsListingGoneAndIsDropped() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    observe(sighting("https://shop/b", "200", "180.00", 1, Verdict.OK, T0.plus(Duration.ofHours(71))));
    var swept = kit.<StatusReply<Integer>>runCommand(
        replyTo -> new ProductEntity.ExpireUnseen(T0.plus(Duration.ofHours(72)), Duration.ofHours(72), replyTo));
    assertEquals(1, swept.reply().getValue());
    assertEquals(Violation.Resolution.LISTING_GONE, swept.state().violations().get(URL).resolution());
    assertNull(swept.state().offers().get(URL));
    assertEquals(1, swept.state().offers().size());
  }

  @Test
  void anOlderSightingDeliveredAgainDoesNotReopenWhatIsResolved() {
    set("200", "180");
    Observation cheap = sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0);
    Observation restored = sighting(URL, "200", "180.00", 1, Verdict.OK, T0.plusSeconds(60));
    observe(cheap);
    observe(restored);
    var replayed = observe(cheap);
    assertTrue(replayed.hasNoEvents(), "a Kafka redelivery of the older scrape changes nothing");
    assertTrue(replayed.reply().getValue().duplicate());
    assertTrue(observe(restored).hasNoEvents());
    assertEquals(Violation.Status.RESOLVED, kit.getState().violations().get(URL).status());
  }

  @Test
  void aListingBackAfterItsTtlIsNotARepeatOffence() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    kit.<StatusReply<Integer>>runCommand(replyTo -> new ProductEntity.ExpireUnseen(T0.plus(Duration.ofHours(73)), Duration.ofHours(72), replyTo));
    var back = observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0.plus(Duration.ofHours(74))));
    assertEquals("opened", back.reply().getValue().change());
    assertFalse(back.state().violations().get(URL).repeat());
  }

  @Test
  void anUncertainOfferIsNotJudgedWhenTheFloorRises() {
    set("200", "170");
    observe(sighting(URL, "175", "175.00", 1, Verdict.OK, false, T0));
    var raised = set("200", "180");
    assertTrue(raised.state().openViolations().isEmpty(), "a fuzzy match may be reviewed, never flagged");
  }

  @Test
  void aViolationShowsTheFloorInForceAfterTheFloorChanges() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    set("200", "185");
    var seen = observe(sighting(URL, "189", "171.10", 10, Verdict.VIOLATION, T0.plusSeconds(90)));
    assertEquals(new BigDecimal("185.00"), seen.state().violations().get(URL).floor());
  }

  @Test
  void stateIsTheSameAfterRestart() {
    set("200", "180");
    observe(sighting(URL, "190", "172.00", 10, Verdict.VIOLATION, T0));
    observe(sighting(URL, "180", "162.00", 10, Verdict.VIOLATION, T0.plusSeconds(30)));
    observe(sighting("https://shop/b", "200", "180.00", 1, Verdict.OK, T0.plusSeconds(40)));
    set("200", "175");
    ProductState before = kit.getState();
    kit.restart();
    assertEquals(before, kit.getState());
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
