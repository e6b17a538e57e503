package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import actorcrm.pricing.Promotion.FullReduction;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCheckTest {

  private static final String EVERY_200_OFF_20 = "['每满200减20;上不封顶']";
  private final Catalog catalog = SeedFiles.seedCatalog();
  private final PriceCheck check = new PriceCheck(catalog, PriceCheckSettings.defaults());

  @Test
  void seedListingAt190IsAViolationOnceTenUnitsAreBought() {
    // 10 x 190 = 1900; 每满200减20 x9 = -180; 1720 / 10 = 172.00 < 180
    // gap = (180 - 172) / 180 x 100 = 4.444.. -> 4.44
    PriceCheckResult result = check.check(listing("精华油1", "190.00", EVERY_200_OFF_20, "125ml"));

    assertEquals(Verdict.VIOLATION, result.verdict());
    assertEquals("精华油1:125ml", result.sku());
    assertEquals(new BigDecimal("172.00"), result.landedPrice().perUnit());
    assertEquals(10, result.landedPrice().quantity());
    assertEquals(new BigDecimal("180"), result.floor());
    assertEquals(new BigDecimal("200"), result.listPrice());
    assertEquals(new BigDecimal("4.44"), result.gapPct());
    assertFalse(result.pricingError());
  }

  @Test
  void seedListingAt300IsAViolationAtTwoUnits() {
    // 2 x 300 = 600; 每满200减20 x3 = -60; 540 / 2 = 270.00 < 280; gap = 10 / 280 x 100 = 3.571.. -> 3.57
    PriceCheckResult result = check.check(listing("精华油1", "300.00", EVERY_200_OFF_20, "200ml"));

    assertEquals(Verdict.VIOLATION, result.verdict());
    assertEquals(new BigDecimal("270.00"), result.landedPrice().perUnit());
    assertEquals(2, result.landedPrice().quantity());
    assertEquals(new BigDecimal("3.57"), result.gapPct());
  }

  @Test
  void priceAboveTheFloorIsOkWithANegativeGap() {
    // 200 with no promotion; gap = (180 - 200) / 180 x 100 = -11.11
    PriceCheckResult result = check.check(listing("精华油1", "200.00", "[]", "125ml"));

    assertEquals(Verdict.OK, result.verdict());
    assertEquals(new BigDecimal("-11.11"), result.gapPct());
  }

  @Test
  void landedPriceExactlyAtTheFloorIsOk() {
    // 200 - 20 = 180 per unit at every quantity: 180 is not under 180.
    PriceCheckResult result = check.check(listing("凝时精华", "200.00", "['每满200减20,上不封顶']", "4x6ml"));

    assertEquals(Verdict.OK, result.verdict());
    assertEquals(new BigDecimal("0.00"), result.gapPct());
  }

  @Test
  void sizeThatIsNoReferenceSizeIsReviewNeverViolation() {
    PriceCheckResult result = check.check(listing("精华油1 50ml 小样", "20.00", "[]", ""));

    assertEquals(Verdict.REVIEW, result.verdict());
    assertEquals("精华油1", result.product());
    assertNull(result.sku());
    assertEquals("50ml小样", result.size());
    assertTrue(result.notes().get(0).contains("not a reference size"));
  }

  @Test
  void missingSizeIsReviewUnlessInferenceIsEnabled() {
    Listing noSize = listing("精华油1", "200.00", "[]", "");

    assertEquals(Verdict.REVIEW, check.check(noSize).verdict());

    PriceCheck inferring = new PriceCheck(catalog, PriceCheckSettings.defaults().withInferSizeFromPriceBand(true));
    PriceCheckResult inferred = inferring.check(noSize);
    assertEquals(Verdict.OK, inferred.verdict());
    assertEquals("125ml", inferred.size());
    assertEquals(SizeSource.INFERRED, inferred.sizeSource());
  }

  @Test
  void inferredSizeUnderTheFloorIsReviewNotViolation() {
    // 190 is nearest 125ml (list 200); 172.00 at q=10 is under 180, but the size is a guess.
    PriceCheck inferring = new PriceCheck(catalog, PriceCheckSettings.defaults().withInferSizeFromPriceBand(true));

    PriceCheckResult result = inferring.check(listing("精华油1", "190.00", EVERY_200_OFF_20, ""));

    assertEquals(Verdict.REVIEW, result.verdict());
    assertEquals(new BigDecimal("4.44"), result.gapPct());
  }

  @Test
  void unknownTitleIsUnmatchedButStillPriced() {
    PriceCheckResult result = check.check(listing("某某牌洗发水 500ml", "50.00", "[]", ""));

    assertEquals(Verdict.UNMATCHED, result.verdict());
    assertFalse(result.matched());
    assertEquals(3, result.candidates().size());
    assertEquals(new BigDecimal("50.00"), result.landedPrice().perUnit());
    assertNull(result.floor());
  }

  @Test
  void fuzzyNameUnderTheFloorIsReview() {
    // 凝胶洁面 vs 洁面凝胶: bigrams {凝胶,胶洁,洁面} vs {洁面,面凝,凝胶}, Dice 2x2/6 = 0.67: matched, not certain.
    PriceCheckResult result = check.check(listing("凝胶洁面", "50.00", "[]", "200ml"));

    assertEquals("洁面凝胶", result.product());
    assertEquals(new BigDecimal("0.67"), result.matchConfidence());
    assertEquals(Verdict.REVIEW, result.verdict());
  }

  @Test
  void comboListingIsReview() {
    assertEquals(Verdict.REVIEW, check.check(listing("精华油1 套装 125ml", "100.00", "[]", "")).verdict());
  }

  @Test
  void packInTheTitleDividesThePrice() {
    // 2 bottles for 340: 340 / 2 = 170 < 180
    PriceCheckResult pair = check.check(listing("精华油1 125ml*2", "340.00", "[]", ""));

    assertEquals(2, pair.unitsPerListing());
    assertEquals(new BigDecimal("170.00"), pair.landedPrice().perUnit());
    assertEquals(Verdict.VIOLATION, pair.verdict());
  }

  @Test
  void unitsPerListingGivenByTheCallerWinsOverTheTitle() {
    // 3 bottles for 600 = 200 each, although the title says nothing of a pack.
    Listing triple = new Listing("经销商1", "精华油1 125ml", "u", "i", new BigDecimal("600"), "[]", "", 3);

    assertEquals(new BigDecimal("200.00"), check.check(triple).landedPrice().perUnit());
  }

  @Test
  void pricesFarUnderTheFloorAreFlaggedAsPricingErrors() {
    // 1.00 < 0.30 x 180 = 54
    PriceCheckResult result = check.check(listing("精华油1", "1.00", "[]", "125ml"));

    assertEquals(Verdict.VIOLATION, result.verdict());
    assertTrue(result.pricingError());
  }

  @Test
  void unreadPromotionTextAtOrAboveTheFloorIsReviewNamingTheText() {
    // 200 - 20 = 180 = floor would be OK, but 送小样 was not understood and could lower the price.
    PriceCheckResult result = check.check(listing("精华油1", "200.00", "['满200减20','送小样']", "125ml"));

    assertEquals(Verdict.REVIEW, result.verdict());
    assertTrue(result.notes().stream().anyMatch(note -> note.contains("送小样")));
    assertTrue(result.hasUnparsed());
    assertEquals(List.of("送小样"), result.unparsed());
    assertEquals(List.of(new FullReduction(new BigDecimal("200"), new BigDecimal("20"))), result.promotions());
  }

  @Test
  void unreadPromotionTextDoesNotSaveAListingAlreadyUnderTheFloor() {
    // 150 < floor 180 before any promotion; promotions only lower a price, so unread text cannot lift it.
    PriceCheckResult result = check.check(listing("精华油1", "150.00", "['神秘福利88']", "125ml"));

    assertEquals(Verdict.VIOLATION, result.verdict());
  }

  @Test
  void nonPriceTextDoesNotBlockAnOkVerdict() {
    PriceCheckResult result = check.check(listing("精华油1", "200.00", "['包邮','7天无理由退换','正品保障']", "125ml"));

    assertEquals(Verdict.OK, result.verdict());
    assertEquals(List.of(), result.unparsed());
  }

  @Test
  void promotionsTheIssueNamedAreUnderstoodAndConvict() {
    // Each at or above 180 on its page price, under it once the promotion is read (精华油1 125ml: floor 180).
    // 买一送一 at 200: 200 for 2 -> 100.00 | 第二件0元 at 200: q=2 200 -> 100.00 | 领券立减20 at 199: 179.00
    // 拍2件到手340元 at 200: 340 / 2 = 170.00 | 前100名175元 at 200: 175.00 | 定金50抵100 at 220: 170.00
    assertViolation("['买一送一']", "200.00", "100.00");
    assertViolation("['第二件0元']", "200.00", "100.00");
    assertViolation("['领券立减20']", "199.00", "179.00");
    assertViolation("拍2件到手340元", "200.00", "170.00");
    assertViolation("前100名175元 包邮", "200.00", "175.00");
    assertViolation("定金50抵100", "220.00", "170.00");
    // 沐浴露 500ml (floor 80): 99元3件 at 100 -> 33.00
    PriceCheckResult bundle = check.check(listing("沐浴露", "100.00", "['99元3件']", "500ml"));
    assertEquals(Verdict.VIOLATION, bundle.verdict());
    assertEquals(new BigDecimal("33.00"), bundle.landedPrice().perUnit());
  }

  @Test
  void theExplanationNamesTheCombinationUsed() {
    // 限时价185 or 直降10 at 200: 200 - 10 = 190 against 185 -> 185.00 >= 180, OK; the note says which was used.
    PriceCheckResult result = check.check(listing("精华油1", "200.00", "限时价185，直降10", "125ml"));

    assertEquals(Verdict.OK, result.verdict());
    assertEquals(new BigDecimal("185.00"), result.landedPrice().perUnit());
    assertTrue(result.notes().contains("combination: 限时价185 (lowest of 2 combinations at quantity 1; not combined: 立减10)"),
        result.notes().toString());
  }

  @Test
  void aKnownFormWithImpossibleNumbersIsReviewNotAGuess() {
    // 买0送1 is no offer; at 200 on the floor of 180 the listing is not cleared but put up for review naming the text.
    PriceCheckResult result = check.check(listing("精华油1", "200.00", "['买0送1','包邮']", "125ml"));

    assertEquals(Verdict.REVIEW, result.verdict());
    assertEquals(List.of("买0送1"), result.unparsed());
  }

  private void assertViolation(String discountInfo, String price, String landed) {
    PriceCheckResult result = check.check(listing("精华油1", price, discountInfo, "125ml"));
    assertEquals(Verdict.VIOLATION, result.verdict(), discountInfo);
    assertEquals(new BigDecimal(landed), result.landedPrice().perUnit(), discountInfo);
    assertEquals(List.of(), result.unparsed(), discountInfo);
  }

  private static Listing listing(String title, String price, String discountInfo, String size) {
    return new Listing("经销商1", title, "https://item", "https://img", new BigDecimal(price), discountInfo, size, null);
  }
}
