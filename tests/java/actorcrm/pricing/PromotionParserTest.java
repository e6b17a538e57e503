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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PromotionParserTest {

  @ParameterizedTest
  @ValueSource(strings = {"['每满200减20,上不封顶']", "['每满200减20;上不封顶']", "['每满200减20，上不封顶']",
      "[''每满200减20,上不封顶'']", "每满200减20；上不封顶", "['每满200减20上不封顶']", "[\"每满200减20\",\"上不封顶\"]"})
  void everyFullReductionWithNoCapInAnyListOrSeparatorSpelling(String text) {
    assertEquals(parsed(List.of(new EveryFullReduction(n("200"), n("20"), null)), List.of()), PromotionParser.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"['每满200减20','最高减60']", "['最高减60','每满200减20']", "每满200减20,封顶60", "每满200减20、最多减60元"})
  void capInANeighbouringFragmentLimitsTheEveryFullReduction(String text) {
    assertEquals(parsed(List.of(new EveryFullReduction(n("200"), n("20"), n("60"))), List.of()), PromotionParser.parse(text));
  }

  @ParameterizedTest(name = "{0} pays {1}")
  @CsvSource({"8折, 0.8", "9.5折, 0.95", "95折, 0.95", "7.5折, 0.75", "限时8.8折, 0.88"})
  void percentOffReadsOneAndTwoDigitForms(String text, String rate) {
    assertEquals(List.of(new PercentOff(n(rate))), PromotionParser.parse(text).rules());
  }

  @Test
  void quantityPercentOffSecondHalfAndLimitAreItemRules() {
    ParsedPromotions p = PromotionParser.parse("['满2件8折','第二件半价','每人限购3件']");

    assertEquals(List.of(new QuantityPercentOff(2, n("0.8")), new SecondHalfPrice(), new PurchaseLimit(3)), p.rules());
  }

  @Test
  void singleFullReductionIsOnceWithDecimalAmounts() {
    assertEquals(List.of(new FullReduction(n("199.5"), n("20"))), PromotionParser.parse("['满199.5减20']").rules());
  }

  @Test
  void severalFullReductionsAreTiersOfOneCampaign() {
    TieredReduction expected = new TieredReduction(List.of(new FullReduction(n("200"), n("20")), new FullReduction(n("300"), n("40"))));

    assertEquals(List.of(expected), PromotionParser.parse("满300减40/满200减20").rules());
    assertEquals(List.of(expected), PromotionParser.parse("['满200减20','满300减40']").rules());
  }

  @Test
  void fullReductionMarkedUncappedRepeats() {
    assertEquals(List.of(new EveryFullReduction(n("200"), n("20"), null)), PromotionParser.parse("['满200减20,上不封顶']").rules());
  }

  @Test
  void couponsWithAndWithoutThreshold() {
    ParsedPromotions p = PromotionParser.parse("['满200减30券','无门槛10元券','5元无门槛优惠券']");

    assertEquals(List.of(new Coupon(n("200"), n("30")), new Coupon(BigDecimal.ZERO, n("10")), new Coupon(BigDecimal.ZERO, n("5"))), p.rules());
    assertEquals(List.of(), p.unparsed());
  }

  @Test
  void chineseAndAsciiSeparatorsSplitPlainText() {
    ParsedPromotions p = PromotionParser.parse("8折；限购2件、第二件半价;满300减30");

    assertEquals(List.of(new PercentOff(n("0.8")), new PurchaseLimit(2), new SecondHalfPrice(), new FullReduction(n("300"), n("30"))), p.rules());
  }

  @Test
  void unknownFragmentsAreReturnedVerbatimBesideTheRulesUnderstood() {
    ParsedPromotions p = PromotionParser.parse("['  送小样 ','满200减20','满2件减20','5元券']");

    assertEquals(List.of(new FullReduction(n("200"), n("20"))), p.rules());
    assertEquals(List.of("送小样", "满2件减20", "5元券"), p.unparsed());
  }

  @Test
  void doubleQuotedListOfUnknownTextIsAllUnparsed() {
    assertEquals(parsed(List.of(), List.of("a", "b")), PromotionParser.parse("[\"a\",\"b\"]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"上不封顶", "最高减60", "0折", "10折", "限购0件", "每满0减20"})
  void modifiersWithNothingToModifyAndImpossibleValuesAreUnparsed(String text) {
    assertEquals(parsed(List.of(), List.of(text)), PromotionParser.parse(text));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"[]", "[", "   ", "['']"})
  void emptyOrBrokenInputGivesNothingAndDoesNotThrow(String text) {
    assertEquals(ParsedPromotions.none(), PromotionParser.parse(text));
  }

  @Test
  void unclosedListStillYieldsWhatItSays() {
    assertEquals(parsed(List.of(new FullReduction(n("200"), n("20"))), List.of()), PromotionParser.parse("['满200减20"));
  }

  @Test
  void pythonUnicodeEscapesAreDecoded() {
    assertEquals(List.of(new FullReduction(n("200"), n("20"))), PromotionParser.parse("['\\u6ee1200\\u51cf20']").rules());
  }

  @Test
  void nonPriceTextIsRecognisedAndDoesNotCountAsUnread() {
    ParsedPromotions p = PromotionParser.parse("['满200减20', '包邮', '7天无理由退换', '正品保障，假一赔十']");
    assertEquals(List.of(new FullReduction(n("200"), n("20"))), p.rules());
    assertEquals(List.of("包邮", "7天无理由退换", "正品保障", "假一赔十"), p.nonPrice());
    assertEquals(List.of(), p.unparsed());
  }

  @Test
  void nonPricePhraseWithAnUnreadPriceStaysUnread() {
    ParsedPromotions p = PromotionParser.parse("赠品小样价值50元");
    assertEquals(List.of("赠品小样价值50元"), p.unparsed());
  }

  @Test
  void labelsWriteRulesBackAsShopsDo() {
    assertEquals("每满200减20上不封顶", new EveryFullReduction(n("200"), n("20"), null).label());
    assertEquals("每满200减20最高减60", new EveryFullReduction(n("200"), n("20"), n("60")).label());
    assertEquals("9.5折", new PercentOff(n("0.95")).label());
    assertEquals("满2件8折", new QuantityPercentOff(2, n("0.8")).label());
    assertEquals("无门槛10元券", new Coupon(BigDecimal.ZERO, n("10")).label());
  }

  private static ParsedPromotions parsed(List<Promotion> rules, List<String> unparsed) {
    return new ParsedPromotions(rules, List.of(), unparsed);
  }

  private static BigDecimal n(String value) {
    return new BigDecimal(value);
  }
}
