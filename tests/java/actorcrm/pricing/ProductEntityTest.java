package actorcrm.pricing;

import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class ProductEntityTest extends ProductEntityFixture {
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
}
