package actorcrm.ingest;

import actorcrm.platform.FieldLimits;
import actorcrm.pricing.Listing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListingDecoderTest {
  private static final ListingDecoder DECODER = new ListingDecoder(new FieldLimits(1000, new BigDecimal("10000000.00")));

  private static Decoded<Listing> decode(String json) {
    return DECODER.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSeedsListingDecodesWithAnExactPrice() {
    var d = decode("{\"shop_name\": \"经销商1\", \"item_name\": \"凝时精华\", \"item_url\": \"https://*****\", "
        + "\"item_img\": \"https://*****\", \"item_price\": 200.00, \"discount_info\": \"['每满200减20,上不封顶']\", "
        + "\"item_size\": \"\"}");
    assertTrue(d.ok(), d.problem());
    assertEquals(new BigDecimal("200.00"), d.value().itemPrice());
    assertEquals("['每满200减20,上不封顶']", d.value().discountInfo());
  }

  @Test
  void aPriceAsTextAndPromotionsAsAListAreAccepted() {
    var d = decode("{\"shop_name\":\"s\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":\"¥99.50\","
        + "\"discount_info\":[\"满200减20\",\"8折\"]}");
    assertTrue(d.ok(), d.problem());
    assertEquals(new BigDecimal("99.50"), d.value().itemPrice());
    assertEquals("满200减20;8折", d.value().discountInfo());
  }

  @Test
  void everyProblemIsNamedWithItsFieldAndValue() {
    var d = decode("{\"shop_name\":\"\",\"item_url\":\"u\",\"item_price\":\"abc\",\"units_per_listing\":0}");
    assertFalse(d.ok());
    assertTrue(d.problem().contains("shop_name must be a non-empty string"), d.problem());
    assertTrue(d.problem().contains("item_name is missing"), d.problem());
    assertTrue(d.problem().contains("item_price is not a number: 'abc'"), d.problem());
    assertTrue(d.problem().contains("units_per_listing must be a whole number from 1 to 10000, got 0"), d.problem());
  }

  @Test
  void brokenOrForeignRecordsSayWhatTheyAre() {
    assertTrue(decode("{not json").problem().startsWith("not JSON"));
    assertEquals("expected a JSON object, got array", decode("[1,2]").problem());
    assertEquals("empty record", DECODER.decode(new byte[0]).problem());
  }

  @Test
  void everyTextFieldIsHeldToTheOneLimit() {
    String over = "x".repeat(1001);
    for (String field : new String[] {"item_name", "item_url", "item_img", "item_size", "discount_info"}) {
      var d = decode("{\"shop_name\":\"s\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":1,\"" + field + "\":\""
          + over + "\"}");
      assertEquals(field + " is 1001 characters long, over the limit of 1000: '" + "x".repeat(77) + "...'", d.problem());
    }
    assertTrue(decode("{\"shop_name\":\"s\",\"item_name\":\"" + "t".repeat(1000) + "\",\"item_url\":\"u\",\"item_price\":1}")
        .ok());
  }

  @Test
  void aPriceOutsideTheConfiguredRangeIsRejectedNamingTheValue() {
    for (String price : new String[] {"1e12", "10000000.01", "0", "-1", "\"0.00\""}) {
      var d = decode("{\"shop_name\":\"s\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":" + price + "}");
      assertFalse(d.ok(), price);
      assertTrue(d.problem().startsWith("item_price must be more than 0 and at most 10000000.00, got "), d.problem());
    }
    assertTrue(decode("{\"shop_name\":\"s\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":10000000.00}").ok());
  }

  @Test
  void aShopNameThatCannotNameAShopIsRejected() {
    var d = decode("{\"shop_name\":\"../../etc/passwd\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":1}");
    assertEquals("shop_name '../../etc/passwd' cannot be a name: it contains '/' or '\\'", d.problem());
    assertEquals("shop_name 'a|b' cannot be a name: it contains '|'",
        decode("{\"shop_name\":\"a|b\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":1}").problem());
  }
}
