package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import actorcrm.pricing.Promotion.Coupon;
import actorcrm.pricing.Promotion.EveryFullReduction;
import actorcrm.pricing.Promotion.FullReduction;
import actorcrm.pricing.Promotion.PercentOff;
import actorcrm.pricing.Promotion.PurchaseLimit;
import actorcrm.pricing.Promotion.QuantityPercentOff;
import actorcrm.pricing.Promotion.SecondHalfPrice;
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
    assertLanded(upToTen.lowest(n("100"), List.of(new SecondHalfPrice()), 1), "75.00", 2, "200", "150.0");
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
