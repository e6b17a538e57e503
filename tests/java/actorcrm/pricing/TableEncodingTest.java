package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableEncodingTest {

  private static final String SEED = SeedFiles.text("reference-prices.seed.csv");

  @Test
  void seedTableSavedAsGbkByExcelImportsTheSameNineRowsAsUtf8() {
    TableEncoding.Decoded decoded = TableEncoding.decode(SEED.getBytes(Charset.forName("GBK")));

    assertEquals("GB18030", decoded.encoding());
    assertEquals(SEED, decoded.text());
    ReferenceTable table = ReferenceTableParser.parse(decoded.text());
    assertEquals(List.of(), table.rejections());
    assertEquals(ReferenceTableParser.parse(SEED).rows(), table.rows());
    assertEquals("沐浴露", table.rows().get(5).product());
  }

  @Test
  void gb18030TableKeepsACharacterGbkCannotHold() {
    String csv = "product,size,list_price,floor\n𠮷祥精华,30ml,200,180\n";
    assertFalse(Charset.forName("GBK").newEncoder().canEncode("𠮷"));

    TableEncoding.Decoded decoded = TableEncoding.decode(csv.getBytes(Charset.forName("GB18030")));

    assertEquals("GB18030", decoded.encoding());
    assertEquals("𠮷祥精华", ReferenceTableParser.parse(decoded.text()).rows().get(0).product());
  }

  @Test
  void utf8WithAndWithoutAByteOrderMarkReadsAsUtf8() {
    ByteArrayOutputStream withBom = new ByteArrayOutputStream();
    withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    withBom.writeBytes(SEED.getBytes(StandardCharsets.UTF_8));

    TableEncoding.Decoded bom = TableEncoding.decode(withBom.toByteArray());
    TableEncoding.Decoded plain = TableEncoding.decode(SEED.getBytes(StandardCharsets.UTF_8));

    assertEquals(new TableEncoding.Decoded(SEED, "UTF-8", null), bom);
    assertEquals(new TableEncoding.Decoded(SEED, "UTF-8", null), plain);
    assertEquals(9, ReferenceTableParser.parse(bom.text()).rows().size());
  }

  @Test
  void bytesThatAreNeitherUtf8NorGb18030AreRefusedOnTheirLine() {
    // 0x80 alone is no character in UTF-8 or in GB18030.
    byte[] csv = {'1', ',', 'x', '\n', '2', ',', 'y', '\n', '3', ',', (byte) 0x80, '\n'};

    TableEncoding.Decoded decoded = TableEncoding.decode(csv);

    assertNull(decoded.text());
    assertEquals(new Rejection(3, "the table is neither UTF-8 (byte 0x80 on line 3) nor GBK/GB18030 (byte 0x80 on line 3);"
        + " save the table as \"CSV UTF-8\" and import it again"), decoded.refusal());
  }

  @Test
  void byteOrderMarkOfUtf8OverBytesThatAreNotUtf8IsRefused() {
    byte[] gbk = "精华油1,125ml,200,180\n".getBytes(Charset.forName("GBK"));
    byte[] csv = new byte[gbk.length + 3];
    csv[0] = (byte) 0xEF;
    csv[1] = (byte) 0xBB;
    csv[2] = (byte) 0xBF;
    System.arraycopy(gbk, 0, csv, 3, gbk.length);

    TableEncoding.Decoded decoded = TableEncoding.decode(csv);

    assertNull(decoded.text());
    assertEquals(1, decoded.refusal().line());
    assertEquals("the table starts with a UTF-8 byte-order mark but is not UTF-8: byte 0xBE on line 1;"
        + " save the table as \"CSV UTF-8\" and import it again", decoded.refusal().reason());
  }

  @Test
  void utf16FromExcelsUnicodeTextIsRefusedByName() {
    byte[] csv = ("\uFEFF" + SEED).getBytes(StandardCharsets.UTF_16LE);

    TableEncoding.Decoded decoded = TableEncoding.decode(csv);

    assertNull(decoded.text());
    assertEquals(new Rejection(1, "the table is UTF-16 (Excel's \"Unicode text\"), which is not read;"
        + " save the table as \"CSV UTF-8\" and import it again"), decoded.refusal());
  }

  @Test
  void gbkUserDefinedBytesThatOnlyDecodeToPrivateUseCharactersAreRefused() {
    // 0xAA 0xA1 is in GBK's user-defined area: GB18030 maps it to U+E000, which no Chinese table holds.
    byte[] csv = {'a', ',', '1', '\n', 'b', ',', (byte) 0xAA, (byte) 0xA1, '\n'};

    TableEncoding.Decoded decoded = TableEncoding.decode(csv);

    assertNull(decoded.text());
    assertEquals(new Rejection(2, "the table is not UTF-8 (byte 0xAA on line 2), and read as GBK/GB18030 it holds the"
        + " private-use character U+E000 on line 2, so it is in some other encoding;"
        + " save the table as \"CSV UTF-8\" and import it again"), decoded.refusal());
  }
}
