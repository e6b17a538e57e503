package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReferenceTableParserTest {

  @Test
  void seedFileImportsAllNineRowsIncludingThoseWithUnquotedCommas() {
    ReferenceTable table = ReferenceTableParser.parse(SeedFiles.text("reference-prices.seed.csv"));

    assertEquals(List.of(), table.rejections());
    assertEquals(9, table.rows().size());
    assertRow(table.rows().get(0), 1, "精华油1", "125ml", "200", "180");
    assertRow(table.rows().get(1), 2, "精华油1", "200ml", "300", "280");
    // Lines 5, 6 and 8 split into 10, 11 and 10 fields: numbers come from the right, 功效 keeps its commas.
    assertRow(table.rows().get(4), 5, "按摩油2", "125ml", "300", "280");
    assertEquals("润弹紧致,深层滋润肌肤", table.rows().get(4).effect());
    assertRow(table.rows().get(5), 6, "沐浴露", "500ml", "100", "80");
    assertEquals("舒缓镇静,滋润干燥的皮肤,防止肌肤干燥", table.rows().get(5).effect());
    assertRow(table.rows().get(6), 7, "凝时精华", "4x6ml", "200", "180");
    assertRow(table.rows().get(7), 8, "精华油2", "30ml", "200", "180");
    assertEquals("改善脆弱敏感干皮。小分子精华渗透肌底,密集补水", table.rows().get(7).effect());
    assertRow(table.rows().get(8), 9, "洁面凝胶", "200ml", "100", "80");
  }

  @Test
  void chineseHeaderMapsColumnsByNameWithBomCrlfQuotesAndBlankLines() {
    String csv = "\uFEFF序号,商品名称,容量,箱规,条形码,功效,贸易方式,主图显示价格,单瓶最低到手价\r\n"
        + "1,精华油1,125ML,**,***,\"润泽,\"\"保湿\"\"\",****,200,180\r\n"
        + "\r\n"
        + "2,凝时精华,4×6ml,**,***,紧致,****,200.00,180.5\r\n";

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals(List.of(), table.rejections());
    assertRow(table.rows().get(0), 2, "精华油1", "125ml", "200", "180");
    assertEquals("润泽,\"保湿\"", table.rows().get(0).effect());
    assertRow(table.rows().get(1), 4, "凝时精华", "4x6ml", "200.00", "180.5");
  }

  @Test
  void englishHeaderInAnyOrderAndCaseMapsColumnsByName() {
    String csv = "Floor,Product Name,SIZE,List_Price\n180,精华油1,125ml,200\n280,\"精华油1\",200ml,300\n";

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals(List.of(), table.rejections());
    assertRow(table.rows().get(0), 2, "精华油1", "125ml", "200", "180");
    assertRow(table.rows().get(1), 3, "精华油1", "200ml", "300", "280");
  }

  @Test
  void badRowsAreRejectedByLineWhileGoodRowsImport() {
    String csv = String.join("\n",
        "1,精华油1,125ml,**,***,好,****,200,180",
        "2,,125ml,**,***,好,****,200,180",
        "3,精华油2,30ml,**,***,好,****,abc,180",
        "4,精华油2,30ml,**,***,好,****,200,-5",
        "5,精华油2,30ml,**,***,好,****,200,0",
        "6,精华油2,30ml,200,180",
        "7,沐浴露,,**,***,好,****,100,80",
        "8,洁面凝胶,200ml,**,***,好,****,100,80");

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals(List.of(1, 8), table.rows().stream().map(ReferenceRow::line).toList());
    assertEquals(List.of(2, 3, 4, 5, 6, 7), table.rejections().stream().map(Rejection::line).toList());
    assertEquals("product (商品名称) is empty", table.rejections().get(0).reason());
    assertEquals("list_price (主图显示价格) 'abc' is not a number", table.rejections().get(1).reason());
    assertEquals("floor (单瓶最低到手价) '-5' must be greater than 0", table.rejections().get(2).reason());
    assertEquals("floor (单瓶最低到手价) '0' must be greater than 0", table.rejections().get(3).reason());
    assertEquals("expected 9 columns, found 5", table.rejections().get(4).reason());
    assertEquals("size (容量) is empty for product '沐浴露'", table.rejections().get(5).reason());
  }

  @Test
  void lineNumbersCountPhysicalLinesAfterAQuotedLineBreak() {
    String csv = "product,size,list_price,floor,effect\n"
        + "精华油1,125ml,200,180,\"first line\nsecond line\"\n"
        + "精华油2,30ml,two hundred,180,x\n";

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals("first line\nsecond line", table.rows().get(0).effect());
    assertEquals(List.of(new Rejection(4, "list_price (主图显示价格) 'two hundred' is not a number")), table.rejections());
  }

  @Test
  void headerWithoutAFloorColumnIsRejectedOnItsLine() {
    ReferenceTable table = ReferenceTableParser.parse("product,size,list_price\n精华油1,125ml,200\n");

    assertEquals(List.of(), table.rows());
    assertEquals(1, table.rejections().get(0).line());
    assertTrue(table.rejections().get(0).reason().contains("floor"));
  }

  @Test
  void catalogKeepsTheLatestRowPerSku() {
    // Two rows for one SKU now come from two imports: one file holding both is rejected (below).
    List<ReferenceRow> earlier = ReferenceTableParser.parse("product,size,list_price,floor\n精华油1,125ml,200,180\n").rows();
    List<ReferenceRow> later = ReferenceTableParser.parse("product,size,list_price,floor\n精华油1,125ML,210,190\n").rows();

    Catalog catalog = Catalog.of(Stream.concat(earlier.stream(), later.stream()).toList());

    assertEquals(1, catalog.size());
    assertEquals(0, new BigDecimal("190").compareTo(catalog.find("精华油1", "125ml").orElseThrow().floor()));
  }

  @Test
  void sameSkuTwiceWithDifferentPricesRejectsBothLinesAndKeepsTheRest() {
    String csv = "product,size,list_price,floor\n精华油1,125ml,200,180\n精华油2,30ml,200,180\n精华油1,125ML,210,190\n";

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals(List.of("精华油2:30ml"), table.rows().stream().map(r -> r.sku().id()).toList());
    String reason = "SKU 精华油1:125ml is on lines 2, 4 with different prices; none of them is imported, keep one line";
    assertEquals(List.of(new Rejection(2, reason), new Rejection(4, reason)), table.rejections());
  }

  @Test
  void sameSkuTwiceWithTheSamePricesImportsOnceAndReportsTheRepeat() {
    String csv = "product,size,list_price,floor\n精华油1,125ml,200,180\n精华油1,125ml,200.00,180\n";

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals(List.of(2), table.rows().stream().map(ReferenceRow::line).toList());
    assertEquals(List.of(new Rejection(3, "SKU 精华油1:125ml is on lines 2, 3 with the same prices; imported once, from line 2")),
        table.rejections());
  }

  @Test
  void floorAboveTheListPriceIsAProblemWhileAFloorEqualToItIsNot() {
    List<ReferenceRow> rows = ReferenceTableParser.parse("product,size,list_price,floor\n精华油1,125ml,200,210\n"
        + "精华油2,30ml,200,200.00\n").rows();

    assertEquals("floor 210 is above the list_price 200", rows.get(0).floorProblem());
    assertNull(rows.get(1).floorProblem());
  }

  @Test
  void sizeThatIsNotASizeIsRejectedAndBothPackOrdersOfAVialBoxAreOneSize() {
    String csv = "product,size,list_price,floor\n精华油1,大瓶,200,180\n精华油2,30,200,180\n"
        + "凝时精华,6ml*4,200,180\n按摩油1,125ml/瓶,200,180\n沐浴露,0ml,100,80\n";

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals(List.of("凝时精华:4x6ml", "按摩油1:125ml"), table.rows().stream().map(r -> r.sku().id()).toList());
    assertEquals(List.of(
        new Rejection(2, "size (容量) '大瓶' is not a size such as 125ml, 0.5L, 50g or 4x6ml"),
        new Rejection(3, "size (容量) '30' is not a size such as 125ml, 0.5L, 50g or 4x6ml"),
        new Rejection(6, "size (容量) '0ml' is not a size such as 125ml, 0.5L, 50g or 4x6ml")), table.rejections());
  }

  @Test
  void rowHoldingAReplacementCharacterIsRejectedNamingTheColumn() {
    String csv = "product,size,list_price,floor\n精\uFFFD油1,125ml,200,180\n精华油2,30ml,200,180\n";

    ReferenceTable table = ReferenceTableParser.parse(csv);

    assertEquals(List.of(3), table.rows().stream().map(ReferenceRow::line).toList());
    assertEquals(List.of(new Rejection(2,
        "product (商品名称) holds the replacement character U+FFFD: the text was damaged before the table was saved")),
        table.rejections());
  }

  private static void assertRow(ReferenceRow row, int line, String product, String size, String list, String floor) {
    assertEquals(line, row.line());
    assertEquals(product, row.product());
    assertEquals(size, row.size());
    assertEquals(new BigDecimal(list), row.listPrice());
    assertEquals(new BigDecimal(floor), row.floor());
  }
}
