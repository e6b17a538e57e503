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

  private static ReferenceRow row(String size, String list) {
    return new ReferenceRow(1, "精华油1", size, new BigDecimal(list), new BigDecimal(list).subtract(BigDecimal.TEN), "");
  }
}
