package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packs, units and inferred sizes end to end through {@link PriceCheck}, on the seed's reference table. */
class PriceCheckPacksTest {

  private final PriceCheck check = new PriceCheck(SeedFiles.seedCatalog(), PriceCheckSettings.defaults());

  @Test
  void twoBottlesAt350AreA175BottleUnderThe180Floor() {
    // The example: 350 / 2 = 175.00 < 180; gap (180 - 175) / 180 x 100 = 2.78
    PriceCheckResult result = check.check(listing("精华油1 125ml 2瓶", "350.00", ""));

    assertEquals("精华油1:125ml", result.sku());
    assertEquals(2, result.unitsPerListing());
    assertEquals(new BigDecimal("175.00"), result.landedPrice().perUnit());
    assertEquals(Verdict.VIOLATION, result.verdict());
    assertEquals(new BigDecimal("2.78"), result.gapPct());
  }

  @Test
  void everyPackWordDividesThePagePrice() {
    // 精华油1 125ml floor 180, 洁面凝胶 200ml floor 80.
    assertPerUnit("精华油1 125ml x2", "340.00", "170.00", Verdict.VIOLATION);
    assertPerUnit("精华油1 125ml *2", "340.00", "170.00", Verdict.VIOLATION);
    assertPerUnit("精华油1 125ml×2", "370.00", "185.00", Verdict.OK);
    assertPerUnit("精华油1 两瓶 125ml", "370.00", "185.00", Verdict.OK);
    assertPerUnit("精华油1 125ml 2瓶装", "350.00", "175.00", Verdict.VIOLATION);
    assertPerUnit("洁面凝胶 200ml 2支", "150.00", "75.00", Verdict.VIOLATION);
    assertPerUnit("洁面凝胶 200ml 二盒", "170.00", "85.00", Verdict.OK);
  }

  @Test
  void halfALitreIsThe500mlReferenceSize() {
    // 沐浴露 500ml: floor 80. 75 < 80: gap 5 / 80 x 100 = 6.25; 90: gap -10 / 80 x 100 = -12.50
    PriceCheckResult under = check.check(new Listing("经销商1", "沐浴露", "u", "i", new BigDecimal("75.00"), "[]", "0.5L", null));
    PriceCheckResult over = check.check(listing("沐浴露 0.5升", "90.00", ""));

    assertEquals("沐浴露:500ml", under.sku());
    assertEquals(Verdict.VIOLATION, under.verdict());
    assertEquals(new BigDecimal("6.25"), under.gapPct());
    assertEquals("沐浴露:500ml", over.sku());
    assertEquals(Verdict.OK, over.verdict());
    assertEquals(new BigDecimal("-12.50"), over.gapPct());
  }

  @Test
  void kilogramsAreGramsOfTheReferenceSize() {
    Catalog grams = Catalog.of(ReferenceTableParser.parse("product,size,list_price,floor\n身体乳,1kg,150,120\n").rows());
    PriceCheck byWeight = new PriceCheck(grams, PriceCheckSettings.defaults());

    PriceCheckResult result = byWeight.check(listing("身体乳 1000克", "110.00", ""));

    assertEquals("身体乳:1000g", result.sku());
    assertEquals(Verdict.VIOLATION, result.verdict());
    assertEquals(Verdict.OK, byWeight.check(listing("身体乳 1kg", "130.00", "")).verdict());
  }

  @Test
  void sixMlTimesFourInEitherOrderIsTheFourVialBox() {
    // 凝时精华 4x6ml: floor 180. 170 for one box: gap 10 / 180 x 100 = 5.56
    PriceCheckResult title = check.check(listing("凝时精华 6ml*4", "170.00", ""));
    PriceCheckResult field = check.check(new Listing("经销商1", "凝时精华", "u", "i", new BigDecimal("200.00"), "[]", "6ml×4", null));
    PriceCheckResult twoBoxes = check.check(listing("凝时精华 8x6ml", "340.00", ""));

    assertEquals("凝时精华:4x6ml", title.sku());
    assertEquals(1, title.unitsPerListing());
    assertEquals(Verdict.VIOLATION, title.verdict());
    assertEquals(new BigDecimal("5.56"), title.gapPct());
    assertEquals("凝时精华:4x6ml", field.sku());
    assertEquals(Verdict.OK, field.verdict());
    // 8 vials = 2 boxes: 340 / 2 = 170.00
    assertEquals(2, twoBoxes.unitsPerListing());
    assertEquals(new BigDecimal("170.00"), twoBoxes.landedPrice().perUnit());
  }

  @Test
  void travelSizeIsNeverJudgedAgainstTheFullSizesFloor() {
    // 50 is far under the 30ml floor of 180, but a 30ml 旅行装 is not the 30ml product.
    PriceCheckResult result = check.check(listing("精华油2 旅行装 30ml", "50.00", ""));

    assertEquals(Verdict.REVIEW, result.verdict());
    assertNull(result.sku());
    assertEquals("30ml旅行装", result.size());
    assertTrue(result.notes().get(0).contains("not a reference size"), result.notes().toString());
  }

  @Test
  void theOnlyReferenceSizeIsInferredAndSaidSo() {
    // 洁面凝胶 is sold only as 200ml (floor 80).
    PriceCheckResult over = check.check(listing("洁面凝胶 正品", "90.00", ""));
    PriceCheckResult under = check.check(listing("洁面凝胶 2支", "150.00", ""));

    assertEquals("200ml", over.size());
    assertEquals(SizeSource.INFERRED, over.sizeSource());
    assertEquals(Verdict.OK, over.verdict());
    assertEquals("size 200ml inferred: the listing names none, and it is the only reference size of 洁面凝胶", over.notes().get(0));
    // 150 / 2 = 75.00 < 80, but on an inferred size: REVIEW, never VIOLATION.
    assertEquals(new BigDecimal("75.00"), under.landedPrice().perUnit());
    assertEquals(Verdict.REVIEW, under.verdict());
    assertTrue(under.notes().contains("under the floor, but size 200ml was inferred, not read"), under.notes().toString());
  }

  @Test
  void aProductWithTwoSizesIsNotInferredWithoutThePriceBand() {
    PriceCheckResult result = check.check(listing("精华油1", "190.00", ""));

    assertNull(result.size());
    assertEquals(SizeSource.NONE, result.sizeSource());
    assertEquals(Verdict.REVIEW, result.verdict());
  }

  private void assertPerUnit(String title, String price, String perUnit, Verdict verdict) {
    PriceCheckResult result = check.check(listing(title, price, ""));
    List<Object> got = new ArrayList<>(List.of(result.sku(), result.landedPrice().perUnit(), result.verdict()));
    assertEquals(List.of(result.product() + ":" + result.size(), new BigDecimal(perUnit), verdict), got, title);
  }

  private static Listing listing(String title, String price, String size) {
    return new Listing("经销商1", title, "https://item", "https://img", new BigDecimal(price), "[]", size, null);
  }
}
