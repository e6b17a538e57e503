package actorcrm.ingest;

import actorcrm.pricing.Listing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListingDecoderTest {
  private static Decoded<Listing> decode(String json) {
    return ListingDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
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
    assertTrue(d.problem().contains("item_price is not a number: \"abc\""), d.problem());
    assertTrue(d.problem().contains("units_per_listing must be a whole number from 1 to 10000, got 0"), d.problem());
  }

  @Test
  void brokenOrForeignRecordsSayWhatTheyAre() {
    assertTrue(decode("{not json").problem().startsWith("not JSON"));
    assertEquals("expected a JSON object, got array", decode("[1,2]").problem());
    assertEquals("empty record", ListingDecoder.decode(new byte[0]).problem());
    assertTrue(decode("{\"shop_name\":\"s\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":-1}").problem()
        .contains("item_price must be a number of 0 or more"));
  }

  @Test
  void oversizedFieldsAreRejectedRatherThanStored() {
    var d = decode("{\"shop_name\":\"s\",\"item_name\":\"t\",\"item_url\":\"u\",\"item_price\":1,\"item_size\":\""
        + "9".repeat(100) + "\"}");
    assertTrue(d.problem().startsWith("item_size is longer than 64 characters"), d.problem());
  }
}
