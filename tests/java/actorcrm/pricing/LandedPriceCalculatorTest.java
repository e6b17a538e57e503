package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import actorcrm.pricing.Promotion.Bundle;
import actorcrm.pricing.Promotion.BuyGetFree;
import actorcrm.pricing.Promotion.Coupon;
import actorcrm.pricing.Promotion.DeclaredPrice;
import actorcrm.pricing.Promotion.EveryFullReduction;
import actorcrm.pricing.Promotion.FullReduction;
import actorcrm.pricing.Promotion.NthItem;
import actorcrm.pricing.Promotion.OrderReduction;
import actorcrm.pricing.Promotion.PercentOff;
import actorcrm.pricing.Promotion.Presale;
import actorcrm.pricing.Promotion.PurchaseLimit;
import actorcrm.pricing.Promotion.QuantityPercentOff;
import actorcrm.pricing.Promotion.QuantityReduction;
import actorcrm.pricing.Promotion.SpotPrice;
import actorcrm.pricing.Promotion.TieredReduction;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandedPriceCalculatorTest {

  private static final EveryFullReduction EVERY_200_OFF_20 = new EveryFullReduction(n("200"), n("20"), null);
  private final LandedPriceCalculator upToTen = new LandedPriceCalculator();

  @Test
  void everyFullReductionRepeatsSoTenUnitsAt190LandUnder180() {
    // q x 190 - 20 x floor(190q/200), divided by q:
    // q=1 190 | q=2 380-20=360 -> 180 | q=3 570-40=530 -> 176.67 | q=4 760-60=700 -> 175
    // q=5 950-80=870 -> 174 | q=6 1140-100=1040 -> 173.33 | q=7 1330-120=1210 -> 172.86
    // q=8 1520-140=1380 -> 172.50 | q=9 1710-160=1550 -> 172.22 | q=10 1900-180=1720 -> 172.00 (lowest)
    LandedPrice best = upToTen.lowest(n("190"), List.of(EVERY_200_OFF_20), 1);

    assertLanded(best, "172.00", 10, "1900", "1720");
    assertEquals(List.of("10 x 190.00 = 1900.00", "每满200减20上不封顶 x9 = -180.00", "1720.00 / 10 = 172.00"), best.steps());
  }

  @Test
  void stepsShowTheArithmeticOfOneQuantity() {
    // 3 x 190 = 570; floor(570/200) = 2 -> 40 off; 530 / 3 = 176.666.. -> 176.67
    LandedPrice three = upToTen.at(3, n("190"), List.of(EVERY_200_OFF_20), 1);

    assertLanded(three, "176.67", 3, "570", "530");
    assertEquals(List.of("3 x 190.00 = 570.00", "每满200减20上不封顶 x2 = -40.00", "530.00 / 3 = 176.67"), three.steps());
  }

  @Test
  void equalPricesPerUnitGoToTheSmallestQuantity() {
    // 300q - 20 x floor(1.5q): q=1 280 | q=2 600-60=540 -> 270 | q=3 900-80=820 -> 273.33
    // q=4 1200-120=1080 -> 270 | q=6 1620/6 = 270 | q=8 2160/8 = 270 | q=10 2700/10 = 270; odd q are higher.
    // 270 first reached at q=2, so q=2 is reported.
    assertLanded(upToTen.lowest(n("300"), List.of(EVERY_200_OFF_20), 1), "270.00", 2, "600", "540");
  }

  @Test
  void oneUnitPricingMatchesTheSeedJob() {
    LandedPriceCalculator oneUnit = new LandedPriceCalculator(1, StackingMode.PARALLEL);

    // 200 reaches 200 once: 200 - 20 = 180; 190 without promotion stays 190.
    assertLanded(oneUnit.lowest(n("200"), List.of(EVERY_200_OFF_20), 1), "180.00", 1, "200", "180");
    assertLanded(oneUnit.lowest(n("190"), List.of(), 1), "190.00", 1, "190", "190");
  }

  @Test
  void everyFullReductionStopsAtItsCap() {
    // 每满200减20 最高减60 at 190: q=3 570-40=530 -> 176.67 | q=4 760-60=700 -> 175.00
    // q=5 950-60 (80 capped to 60)=890 -> 178 | q=6 1140-60=1080 -> 180; after q=4 the cap makes it dearer.
    LandedPrice best = upToTen.lowest(n("190"), List.of(new EveryFullReduction(n("200"), n("20"), n("60"))), 1);

    assertLanded(best, "175.00", 4, "760", "700");
  }

  @Test
  void fullReductionAppliesOnceAtAnInclusiveThreshold() {
    // 满300减40 at 100: q=3 300-40=260 -> 86.67 | q=4 400-40=360 -> 90 | q=6 560/6=93.33; only once.
    assertLanded(upToTen.lowest(n("100"), List.of(new FullReduction(n("300"), n("40"))), 1), "86.67", 3, "300", "260");
    // 100 reaches 满100减10 exactly: 100 - 10 = 90.
    LandedPriceCalculator oneUnit = new LandedPriceCalculator(1, StackingMode.PARALLEL);
    assertLanded(oneUnit.lowest(n("100"), List.of(new FullReduction(n("100"), n("10"))), 1), "90.00", 1, "100", "90");
  }

  @Test
  void onlyTheHighestTierReachedApplies() {
    // 满200减20/满300减40 at 100: q=2 200-20=180 -> 90 | q=3 300-40=260 -> 86.67 (not 300-60)
    // q=4 400-40=360 -> 90 | q=5 460 -> 92
    TieredReduction tiers = new TieredReduction(List.of(new FullReduction(n("200"), n("20")), new FullReduction(n("300"), n("40"))));

    assertLanded(upToTen.lowest(n("100"), List.of(tiers), 1), "86.67", 3, "300", "260");
  }

  @Test
  void percentOffPaysThatShareOfThePrice() {
    // 8折 at 190: 190 x 0.8 = 152 for every q.
    assertLanded(upToTen.lowest(n("190"), List.of(new PercentOff(n("0.8"))), 1), "152.00", 1, "190", "152.0");
    // 9.5折 at 190: 190 x 0.95 = 180.5 -> 180.50
    assertLanded(upToTen.lowest(n("190"), List.of(new PercentOff(n("0.95"))), 1), "180.50", 1, "190", "180.50");
  }

  @Test
  void quantityPercentOffStartsAtItsQuantity() {
    // 满2件8折 at 100: q=1 100 | q=2 200 x 0.8 = 160 -> 80 | q=3 240 -> 80 ... 80 first at q=2.
    assertLanded(upToTen.lowest(n("100"), List.of(new QuantityPercentOff(2, n("0.8"))), 1), "80.00", 2, "200", "160.0");
  }

  @Test
  void secondHalfPriceHalvesEverySecondItem() {
    // 第二件半价 at 100: q=1 100 | q=2 200-50=150 -> 75 | q=3 300-50=250 -> 83.33 | q=4 400-100=300 -> 75
    assertLanded(upToTen.lowest(n("100"), List.of(NthItem.secondHalfPrice()), 1), "75.00", 2, "200", "150.0");
  }

  @Test
  void onlyTheBestEligibleCouponIsUsed() {
    // 满200减30券 + 无门槛10元券 at 100: q=1 100-10=90 | q=2 200-30=170 -> 85 (not 200-40)
    // q=3 300-30=270 -> 90 | q=4 370/4 = 92.5
    List<Promotion> coupons = List.of(new Coupon(n("200"), n("30")), new Coupon(BigDecimal.ZERO, n("10")));

    assertLanded(upToTen.lowest(n("100"), coupons, 1), "85.00", 2, "200", "170");
  }

  @Test
  void thresholdsSeeTheAmountAfterItemDiscounts() {
    // 8折 then 满200减20 at 250, one unit: 250 x 0.8 = 200, which reaches 200 -> 180.
    LandedPriceCalculator oneUnit = new LandedPriceCalculator(1, StackingMode.PARALLEL);
    List<Promotion> rules = List.of(new PercentOff(n("0.8")), new FullReduction(n("200"), n("20")));

    assertLanded(oneUnit.lowest(n("250"), rules, 1), "180.00", 1, "250", "180.0");
  }

  @Test
  void purchaseLimitCapsTheQuantityTried() {
    // 限购2件 with 每满200减20 at 190: only q=1 190 and q=2 360 -> 180 are allowed (172.00 at q=10 is not).
    LandedPrice best = upToTen.lowest(n("190"), List.of(EVERY_200_OFF_20, new PurchaseLimit(2)), 1);

    assertLanded(best, "180.00", 2, "380", "360");
    assertEquals("限购2件: quantities 1..2 tried", best.steps().get(0));
  }

  @Test
  void payableIsClampedAtZero() {
    // 无门槛50元券 on a 30 item: 30 - 50 = -20 -> 0.
    LandedPriceCalculator oneUnit = new LandedPriceCalculator(1, StackingMode.PARALLEL);
    LandedPrice free = oneUnit.lowest(n("30"), List.of(new Coupon(BigDecimal.ZERO, n("50"))), 1);

    assertLanded(free, "0.00", 1, "30", "0");
    assertEquals("clamped at 0.00 (discounts exceed 30.00)", free.steps().get(2));
  }

  @Test
  void sequentialStackingCanLoseACouponThatParallelKeeps() {
    // 满200减20 + 满200减30券 at 100, up to 2 units.
    // PARALLEL q=2: both see 200 -> 200 - 20 - 30 = 150 -> 75.00
    // SEQUENTIAL q=2: 200 - 20 = 180, coupon needs 200 -> 180 -> 90.00 (q=1: 100, nothing reached)
    List<Promotion> rules = List.of(new FullReduction(n("200"), n("20")), new Coupon(n("200"), n("30")));

    assertLanded(new LandedPriceCalculator(2, StackingMode.PARALLEL).lowest(n("100"), rules, 1), "75.00", 2, "200", "150");
    assertLanded(new LandedPriceCalculator(2, StackingMode.SEQUENTIAL).lowest(n("100"), rules, 1), "90.00", 2, "200", "180");
  }

  @Test
  void packsDivideByEveryUnitBought() {
    // a two-bottle listing at 360: 360 / 2 = 180 per bottle; with 每满200减20, q=1: 360-20=340 -> 170.
    LandedPriceCalculator oneUnit = new LandedPriceCalculator(1, StackingMode.PARALLEL);

    assertLanded(oneUnit.lowest(n("360"), List.of(), 2), "180.00", 1, "360", "360");
    assertLanded(oneUnit.lowest(n("360"), List.of(EVERY_200_OFF_20), 2), "170.00", 1, "360", "340");
  }

  @Test
  void buyNGetMFreeSpreadsThePriceOverTheFreeUnits() {
    // 买一送一 at 100: q=1 pays 100 for 2 units -> 50.00 (q=2 200/4 = 50, a tie, so q=1).
    LandedPrice oneFree = upToTen.lowest(n("100"), List.of(new BuyGetFree(1, 1)), 1);
    assertLanded(oneFree, "50.00", 1, "100", "100");
    assertEquals("100.00 / 2 = 50.00", oneFree.steps().get(oneFree.steps().size() - 1));
    // 买2送1 at 90: q=1 90 | q=2 180 for 3 -> 60.00 = 2 x 90 / 3 | q=3 270 for 4 -> 67.50 | q=4 360 for 6 -> 60
    assertLanded(upToTen.lowest(n("90"), List.of(new BuyGetFree(2, 1)), 1), "60.00", 2, "180", "180");
    // 限购1件 keeps the buyer from paying the 2 the gift needs: 90.
    assertLanded(upToTen.lowest(n("90"), List.of(new BuyGetFree(2, 1), new PurchaseLimit(1)), 1), "90.00", 1, "90", "90");
  }

  @Test
  void nthItemAtAPriceOrARate() {
    // 第二件0元 at 100: q=2 100 + 0 = 100 -> 50.00
    assertLanded(upToTen.lowest(n("100"), List.of(new NthItem(2, n("0"), null)), 1), "50.00", 2, "200", "100");
    // 第3件0元 at 90: q=3 90 + 90 + 0 = 180 -> 60.00
    assertLanded(upToTen.lowest(n("90"), List.of(new NthItem(3, n("0"), null)), 1), "60.00", 3, "270", "180");
    // 第2件39元 at 100: q=2 100 + 39 = 139 -> 69.50
    assertLanded(upToTen.lowest(n("100"), List.of(new NthItem(2, n("39"), null)), 1), "69.50", 2, "200", "139");
    // 第2件9折 at 100: q=2 100 + 90 = 190 -> 95.00
    assertLanded(upToTen.lowest(n("100"), List.of(new NthItem(2, null, n("0.9"))), 1), "95.00", 2, "200", "190.0");
  }

  @Test
  void bundlePriceCoversFullBundlesAndThePageCoversTheRest() {
    // 99元3件 at 50: q=1 50 | q=2 100 -> 50 | q=3 99 -> 33.00 | q=4 99 + 50 = 149 -> 37.25 | q=6 198 -> 33
    assertLanded(upToTen.lowest(n("50"), List.of(new Bundle(3, n("99"))), 1), "33.00", 3, "150", "99");
    LandedPrice four = upToTen.at(4, n("50"), List.of(new Bundle(3, n("99"))), 1);
    assertLanded(four, "37.25", 4, "200", "149");
    assertTrue(four.steps().contains("99元3件 x1 + 1 at 50.00 = 149.00"), four.steps().toString());
    // A bundle dearer than the page price (3件200元 at 50) is not taken: 50.00 at q=1.
    assertLanded(upToTen.lowest(n("50"), List.of(new Bundle(3, n("200"))), 1), "50.00", 1, "50", "50");
  }

  @Test
  void quantityReductionComesOffOnceTheCountIsReached() {
    // 满2件减30 at 100: q=1 100 | q=2 200 - 30 = 170 -> 85.00 | q=3 270 -> 90
    assertLanded(upToTen.lowest(n("100"), List.of(new QuantityReduction(2, n("30"))), 1), "85.00", 2, "200", "170");
  }

  @Test
  void quantityTiersTakeTheDeepestTierReached() {
    // 2件9折 3件8折 at 100: q=2 180 -> 90 | q=3 300 x 0.8 = 240 -> 80.00 (first at q=3)
    List<Promotion> tiers = List.of(new QuantityPercentOff(2, n("0.9")), new QuantityPercentOff(3, n("0.8")));
    assertLanded(upToTen.lowest(n("100"), tiers, 1), "80.00", 3, "300", "240.0");
  }

  @Test
  void declaredLandedPriceCompetesWithTheComputedOne() {
    // 拍2件到手150元 at 100: computed q=2 is 200, declared 150 -> 75.00
    LandedPrice declared = upToTen.lowest(n("100"), List.of(new DeclaredPrice(2, n("150"))), 1);
    assertLanded(declared, "75.00", 2, "200", "150");
    assertEquals("combination: 拍2件到手150元 (lowest of 2 combinations at quantity 2)", declared.steps().get(0));
    // 到手价190 beside 每满200减20 at 200: computed 200 - 20 = 180 beats the declared 190, and the step says so.
    LandedPrice computed = upToTen.lowest(n("200"), List.of(new DeclaredPrice(1, n("190")), EVERY_200_OFF_20), 1);
    assertLanded(computed, "180.00", 1, "200", "180");
    assertEquals("combination: 每满200减20上不封顶 (lowest of 2 combinations at quantity 1; not combined: 到手价190)",
        computed.steps().get(0));
  }

  @Test
  void declaredQuantityBeyondTheUsualSearchIsStillTried() {
    // 拍12件到手1200元 at 200 with quantities up to 10: q=12 is tried for the declared price, 1200 / 12 = 100.00
    assertLanded(upToTen.lowest(n("200"), List.of(new DeclaredPrice(12, n("1200"))), 1), "100.00", 12, "2400", "1200");
  }

  @Test
  void spotPriceAndAmountOffExcludeEachOtherAndTheLowerWins() {
    // 限时价99 + 直降20 at 120: page 120 - 20 = 100, 限时价 99 -> 99.00 (not 99 - 20)
    LandedPrice spot = upToTen.lowest(n("120"), List.of(new SpotPrice(n("99"), 0), new OrderReduction(n("20"))), 1);
    assertLanded(spot, "99.00", 1, "120", "99");
    assertEquals("combination: 限时价99 (lowest of 2 combinations at quantity 1; not combined: 立减20)", spot.steps().get(0));
    // 直降30 instead: 120 - 30 = 90 beats 99 -> 90.00
    assertLanded(upToTen.lowest(n("120"), List.of(new SpotPrice(n("99"), 0), new OrderReduction(n("30"))), 1), "90.00", 1, "120", "90");
    // 前100名99元 with 满99减10 at 150: 99 - 10 = 89.00 (the page price 150 - 10 = 140 is worse)
    List<Promotion> firstBuyers = List.of(new SpotPrice(n("99"), 100), new FullReduction(n("99"), n("10")));
    assertLanded(upToTen.lowest(n("150"), firstBuyers, 1), "89.00", 1, "150", "89");
  }

  @Test
  void amountOffPerOrderStacksWithACouponButCouponsDoNot() {
    // 立减20 at 100: q=1 80 | q=2 180 -> 90; the cut is per order.
    assertLanded(upToTen.lowest(n("100"), List.of(new OrderReduction(n("20"))), 1), "80.00", 1, "100", "80");
    // 领券立减20 + 无门槛10元券: one coupon, the larger -> 80.00
    List<Promotion> coupons = List.of(new Coupon(BigDecimal.ZERO, n("20")), new Coupon(BigDecimal.ZERO, n("10")));
    assertLanded(upToTen.lowest(n("100"), coupons, 1), "80.00", 1, "100", "80");
    // 立减20 + 无门槛10元券: 100 - 20 - 10 = 70.00
    List<Promotion> both = List.of(new OrderReduction(n("20")), new Coupon(BigDecimal.ZERO, n("10")));
    assertLanded(upToTen.lowest(n("100"), both, 1), "70.00", 1, "100", "70");
  }

  @Test
  void presaleTotalIsDepositPlusBalanceOrPageMinusTheInflatedDeposit() {
    // 定金50尾款150 at 220: 50 + 150 = 200.00
    assertLanded(upToTen.lowest(n("220"), List.of(new Presale(n("50"), n("150"), null)), 1), "200.00", 1, "220", "200");
    // 定金50抵100 at 220: 220 - 100 + 50 = 170.00
    assertLanded(upToTen.lowest(n("220"), List.of(new Presale(n("50"), null, n("100"))), 1), "170.00", 1, "220", "170");
    // 定金50抵100 at 300 with 每满200减20: 250 an item; q=1 230 | q=4 1000 - 100 = 900 -> 225.00 | q=5 1130 -> 226
    // q=8 2000 - 200 = 1800 -> 225; the page price alone is worse (q=2 540 -> 270).
    List<Promotion> presale = List.of(new Presale(n("50"), null, n("100")), EVERY_200_OFF_20);
    assertLanded(upToTen.lowest(n("300"), presale, 1), "225.00", 4, "1200", "900");
  }

  @Test
  void quantityDealsExcludeEachOtherAndTheBestIsNamed() {
    // 第二件半价 + 满2件8折 at 100, q=2: half 100 + 50 = 150 -> 75 | 8折 160 -> 80; one deal per order -> 75.00
    LandedPrice best = upToTen.lowest(n("100"), List.of(NthItem.secondHalfPrice(), new QuantityPercentOff(2, n("0.8"))), 1);
    assertLanded(best, "75.00", 2, "200", "150.0");
    assertEquals("combination: 第二件半价 (lowest of 3 combinations at quantity 2; not combined: 满2件8折)", best.steps().get(0));
  }

  @Test
  void newFormsCombineWithThresholdsAndPercentOff() {
    // 第二件0元 + 满200减20券 at 150: q=2 150 (coupon needs 200) -> 75 | q=3 300 - 20 = 280 -> 93.33
    // q=4 150 x 2 = 300 - 20 = 280 -> 70.00 | q=6 450 - 20 = 430 -> 71.67 | q=8 580 -> 72.50
    List<Promotion> freeAndCoupon = List.of(new NthItem(2, n("0"), null), new Coupon(n("200"), n("20")));
    assertLanded(upToTen.lowest(n("150"), freeAndCoupon, 1), "70.00", 4, "600", "280");
    // 8折 + 第二件半价 at 100: 80 an item; q=2 80 + 40 = 120 -> 60.00
    assertLanded(upToTen.lowest(n("100"), List.of(new PercentOff(n("0.8")), NthItem.secondHalfPrice()), 1), "60.00", 2, "200", "120.0");
    // 买2送1 + 每满200减20 at 100: q=2 200 - 20 = 180 for 3 -> 60.00 | q=3 280 for 4 -> 70
    assertLanded(upToTen.lowest(n("100"), List.of(new BuyGetFree(2, 1), EVERY_200_OFF_20), 1), "60.00", 2, "200", "180");
  }

  private static void assertLanded(LandedPrice landed, String perUnit, int quantity, String subtotal, String payable) {
    assertEquals(new BigDecimal(perUnit), landed.perUnit(), "per unit");
    assertEquals(quantity, landed.quantity(), "quantity");
    assertEquals(0, new BigDecimal(subtotal).compareTo(landed.subtotal()), "subtotal " + landed.subtotal());
    assertEquals(0, new BigDecimal(payable).compareTo(landed.payable()), "payable " + landed.payable());
  }

  private static BigDecimal n(String value) {
    return new BigDecimal(value);
  }
}
