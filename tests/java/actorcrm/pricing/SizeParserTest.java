package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeParserTest {

  @ParameterizedTest(name = "[{0}] / [{1}] -> {2} x{3} {4}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "125ml | 精华油1               | 125ml | 1 | FIELD",
      "30ML  | 精华油2               | 30ml  | 1 | FIELD",
      "200ml | 精华油1 125ml         | 200ml | 1 | FIELD",
      "-     | 精华油2 30ML 正品      | 30ml  | 1 | TITLE",
      "''    | 凝时精华 4x6ml         | 4x6ml | 1 | TITLE",
      "''    | 凝时精华 4×6ml         | 4x6ml | 1 | TITLE",
      "''    | 精华油1 125ml*2        | 125ml | 2 | TITLE",
      "''    | 精华油1 125ml×2        | 125ml | 2 | TITLE",
      "''    | 精华油1 125ml 2瓶装     | 125ml | 2 | TITLE",
      "''    | 精华油1 两瓶装 125ml    | 125ml | 2 | TITLE",
      "''    | 凝时精华 4x6ml 2支装    | 4x6ml | 2 | TITLE",
      "''    | 精华油1 ×2             | -     | 2 | NONE",
      "''    | 精华油1 *3             | -     | 3 | NONE",
      "''    | 精华油1                | -     | 1 | NONE",
      "125ml*2 | 精华油1              | 125ml | 2 | FIELD",
      "125ml | 精华油1 ×2             | 125ml | 2 | FIELD",
  })
  void readsSizeAndPackFromFieldElseTitle(String field, String title, String size, int pack, SizeSource source) {
    ParsedSize parsed = SizeParser.parse(field, title);

    assertEquals(new ParsedSize(size, pack, false, source), parsed);
  }

  @Test
  void fourVialsOfSixMlIsOneSizeNotAPackOfFour() {
    assertEquals(new ParsedSize("4x6ml", 1, false, SizeSource.FIELD), SizeParser.parse("4x6ml", "凝时精华"));
  }

  @Test
  void setWordsAndTwoDifferentSizesMarkACombo() {
    assertEquals(new ParsedSize("125ml", 1, true, SizeSource.TITLE), SizeParser.parse("", "精华油1 套装 125ml"));
    assertEquals(new ParsedSize(null, 1, true, SizeSource.NONE), SizeParser.parse("", "精华油1组合装"));
    assertEquals(new ParsedSize("125ml", 1, true, SizeSource.TITLE), SizeParser.parse("", "精华油1 125ml+精华油2 30ml"));
  }

  @Test
  void priceBandPicksTheSizeWithTheNearestListPrice() {
    List<ReferenceRow> rows = List.of(row("125ml", "200"), row("200ml", "300"));
    ParsedSize none = new ParsedSize(null, 1, false, SizeSource.NONE);

    // |200-190| = 10 < |300-190| = 110 -> 125ml; |200-290| = 90 > |300-290| = 10 -> 200ml
    assertEquals(new ParsedSize("125ml", 1, false, SizeSource.INFERRED), SizeParser.inferFromPriceBand(none, new BigDecimal("190"), rows));
    assertEquals(new ParsedSize("200ml", 1, false, SizeSource.INFERRED), SizeParser.inferFromPriceBand(none, new BigDecimal("290"), rows));
    // 250 is 50 from both: the cheaper size (lower floor) wins so a guess never invents a violation.
    assertEquals("125ml", SizeParser.inferFromPriceBand(none, new BigDecimal("250"), rows).size());
  }

  @Test
  void priceBandComparesThePriceOfOneUnitOfAPack() {
    List<ReferenceRow> rows = List.of(row("125ml", "200"), row("200ml", "300"));
    ParsedSize pairOfUnknown = new ParsedSize(null, 2, false, SizeSource.NONE);

    // 580 for two = 290 each: |200-290| = 90, |300-290| = 10 -> 200ml
    assertEquals(new ParsedSize("200ml", 2, false, SizeSource.INFERRED),
        SizeParser.inferFromPriceBand(pairOfUnknown, new BigDecimal("580"), rows));
  }

  @Test
  void priceBandLeavesAKnownSizeAlone() {
    ParsedSize known = new ParsedSize("125ml", 1, false, SizeSource.TITLE);

    assertSame(known, SizeParser.inferFromPriceBand(known, new BigDecimal("290"), List.of(row("200ml", "300"))));
  }

  @ParameterizedTest(name = "[{0}] / [{1}] -> {2} x{3} {4}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "''    | 精华油1 125ml 2瓶       | 125ml  | 2  | TITLE",
      "''    | 精华油1 125ml x2        | 125ml  | 2  | TITLE",
      "''    | 精华油1 两瓶 125ml      | 125ml  | 2  | TITLE",
      "''    | 洁面凝胶 200ml 2支      | 200ml  | 2  | TITLE",
      "''    | 洁面凝胶 200ml 二盒     | 200ml  | 2  | TITLE",
      "''    | 洁面凝胶 200ml 十二支装 | 200ml  | 12 | TITLE",
      "''    | 洁面凝胶 200ml 二十四支 | 200ml  | 24 | TITLE",
      "0.5L  | 沐浴露                  | 500ml  | 1  | FIELD",
      "''    | 沐浴露 0.5升            | 500ml  | 1  | TITLE",
      "''    | 沐浴露 1.5l             | 1500ml | 1  | TITLE",
      "''    | 沐浴露 500毫升          | 500ml  | 1  | TITLE",
      "1kg   | 身体乳                  | 1000g  | 1  | FIELD",
      "''    | 身体乳 0.25公斤         | 250g   | 1  | TITLE",
      "''    | 身体乳 50克             | 50g    | 1  | TITLE",
      "''    | 凝时精华 6ml*4          | 6ml    | 4  | TITLE",
      "''    | 凝时精华 6ml×4          | 6ml    | 4  | TITLE",
      "''    | 凝时精华 2x0.5L         | 2x500ml | 1 | TITLE",
  })
  void readsEveryPackWordAndConvertsLitresAndKilograms(String field, String title, String size, int pack, SizeSource source) {
    assertEquals(new ParsedSize(size, pack, false, source), SizeParser.parse(field, title));
  }

  @ParameterizedTest(name = "[{0}] -> pack 1")
  @CsvSource({"精华油1 125ml 买2瓶减20", "精华油1 125ml 第2件半价", "精华油1 125ml 送1瓶", "精华油1 125ml 拍2件",
      "精华油2支持验货 125ml", "精华油2只要199 125ml"})
  void promotionQuantitiesInATitleAreNoPack(String title) {
    assertEquals(new ParsedSize("125ml", 1, false, SizeSource.TITLE), SizeParser.parse("", title));
  }

  @Test
  void travelAndTrialSizesAreTheirOwnSizeButAGiftSampleIsNot() {
    assertEquals(new ParsedSize("30ml旅行装", 1, false, SizeSource.TITLE), SizeParser.parse("", "精华油2 旅行装 30ml"));
    assertEquals(new ParsedSize("5ml小样", 1, false, SizeSource.FIELD), SizeParser.parse("5ml", "精华油2 小样"));
    assertEquals(new ParsedSize("试用装", 1, false, SizeSource.TITLE), SizeParser.parse("", "精华油2 试用装"));
    assertEquals(new ParsedSize("30ml", 1, false, SizeSource.TITLE), SizeParser.parse("", "精华油2 30ml 送小样"));
    assertEquals(new ParsedSize("30ml", 1, false, SizeSource.TITLE), SizeParser.parse("", "精华油2 30ml 赠品小样"));
  }

  @Test
  void bothPackOrdersFitTheSizeTheBrandSells() {
    List<String> box = List.of("4x6ml");
    List<String> bottles = List.of("125ml", "200ml");

    // 6ml x4 = 4 vials = one box of 4x6ml; 8 vials = two boxes; 6 vials are no whole box.
    assertEquals(new ParsedSize("4x6ml", 1, false, SizeSource.TITLE), SizeParser.fitTo(SizeParser.parse("", "凝时精华 6ml*4"), box));
    assertEquals(new ParsedSize("4x6ml", 1, false, SizeSource.FIELD), SizeParser.fitTo(SizeParser.parse("6ml×4", ""), box));
    assertEquals(new ParsedSize("4x6ml", 2, false, SizeSource.TITLE), SizeParser.fitTo(SizeParser.parse("", "凝时精华 8x6ml"), box));
    assertEquals(new ParsedSize("6ml", 6, false, SizeSource.TITLE), SizeParser.fitTo(SizeParser.parse("", "凝时精华 6ml*6"), box));
    // 2x125ml where the brand sells single bottles is a pack of two.
    assertEquals(new ParsedSize("125ml", 2, false, SizeSource.TITLE), SizeParser.fitTo(SizeParser.parse("", "精华油1 2x125ml"), bottles));
    // A trial size never becomes the full size.
    assertEquals(new ParsedSize("125ml小样", 1, false, SizeSource.TITLE),
        SizeParser.fitTo(SizeParser.parse("", "精华油1 125ml 小样"), bottles));
  }

  @Test
  void theOnlyReferenceSizeIsInferredWhenTheListingNamesNone() {
    ParsedSize none = new ParsedSize(null, 2, false, SizeSource.NONE);

    assertEquals(new ParsedSize("200ml", 2, false, SizeSource.INFERRED), SizeParser.inferOnlySize(none, List.of("200ml")));
    assertSame(none, SizeParser.inferOnlySize(none, List.of("125ml", "200ml")));
    ParsedSize trial = SizeParser.parse("", "洁面凝胶 小样");
    assertSame(trial, SizeParser.inferOnlySize(trial, List.of("200ml")));
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "125ML     | 125ml", "6ml*4 | 4x6ml", "4×6ml | 4x6ml", "0.5L | 500ml", "1kg | 1000g", "500毫升 | 500ml",
      "125ml/瓶  | 125ml", "旅行装 30ml | 30ml旅行装", "小样 | 小样", "大瓶 | -", "30 | -", "4x6ml*2 | -"})
  void referenceSizesAreCanonical(String raw, String canonical) {
    assertEquals(canonical, SizeParser.referenceSize(raw));
  }

  private static ReferenceRow row(String size, String list) {
    return new ReferenceRow(1, "精华油1", size, new BigDecimal(list), new BigDecimal(list).subtract(BigDecimal.TEN), "");
  }
}
