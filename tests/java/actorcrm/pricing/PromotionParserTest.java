package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    assertEquals(List.of(new QuantityPercentOff(2, n("0.8")), NthItem.secondHalfPrice(), new PurchaseLimit(3)), p.rules());
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

    assertEquals(List.of(new PercentOff(n("0.8")), new PurchaseLimit(2), NthItem.secondHalfPrice(), new FullReduction(n("300"), n("30"))), p.rules());
  }

  @Test
  void unknownFragmentsAreReturnedVerbatimBesideTheRulesUnderstood() {
    ParsedPromotions p = PromotionParser.parse("['  送小样 ','满200减20','满2件减20','5元券']");

    assertEquals(List.of(new FullReduction(n("200"), n("20")), new QuantityReduction(2, n("20"))), p.rules());
    assertEquals(List.of("送小样", "5元券"), p.unparsed());
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
  void freeShippingOverAThresholdIsNotAboutPrice() {
    ParsedPromotions p = PromotionParser.parse("满99包邮，两件包邮，满2件打8折");

    assertEquals(List.of(new QuantityPercentOff(2, n("0.8"))), p.rules());
    assertEquals(List.of("满99包邮", "2件包邮"), p.nonPrice());
    assertEquals(List.of(), p.unparsed());
    // 9.9元包邮 states a price; it is not a shipping threshold.
    assertEquals(List.of("9.9元包邮"), PromotionParser.parse("9.9元包邮").unparsed());
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

  @ParameterizedTest(name = "{0}")
  @CsvSource({"买一送一, 1, 1", "买1送1, 1, 1", "买2送1, 2, 1", "买二赠一, 2, 1", "买3件送1件, 3, 1", "买１送１, 1, 1", "买 2 送 1, 2, 1"})
  void buyNGetMFreeInDigitsChineseNumeralsAndFullWidth(String text, int buy, int free) {
    assertEquals(parsed(List.of(new BuyGetFree(buy, free)), List.of()), PromotionParser.parse(text));
  }

  @Test
  void nthItemAtAPriceFreeAtARateOrHalf() {
    assertEquals(List.of(new NthItem(2, n("0"), null)), PromotionParser.parse("第二件0元").rules());
    assertEquals(List.of(new NthItem(3, n("0"), null)), PromotionParser.parse("第三件免费").rules());
    assertEquals(List.of(new NthItem(2, n("39"), null)), PromotionParser.parse("第2件39元").rules());
    assertEquals(List.of(new NthItem(2, null, n("0.9"))), PromotionParser.parse("第2件9折").rules());
    assertEquals(List.of(NthItem.secondHalfPrice()), PromotionParser.parse("第二件五折").rules());
    assertEquals(List.of(NthItem.secondHalfPrice()), PromotionParser.parse("第2件半价").rules());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"99元3件, 3, 99", "3件99元, 3, 99", "任选2件150元, 2, 150", "两件150元, 2, 150", "99.9元任选3件, 3, 99.9"})
  void bundlePriceForSeveralItemsInBothOrders(String text, int count, String price) {
    assertEquals(parsed(List.of(new Bundle(count, n(price))), List.of()), PromotionParser.parse(text));
  }

  @Test
  void declaredLandedPriceForNItemsOrOne() {
    assertEquals(List.of(new DeclaredPrice(2, n("199"))), PromotionParser.parse("拍2件到手199元").rules());
    assertEquals(List.of(new DeclaredPrice(2, n("199"))), PromotionParser.parse("拍两件 到手价199").rules());
    assertEquals(List.of(new DeclaredPrice(1, n("99"))), PromotionParser.parse("到手价99").rules());
    assertEquals(List.of(new DeclaredPrice(1, n("89.9"))), PromotionParser.parse("券后价89.9元/件").rules());
  }

  @Test
  void amountOffWithoutThresholdIsACouponOnlyWhenACouponIsTaken() {
    assertEquals(List.of(new Coupon(BigDecimal.ZERO, n("20"))), PromotionParser.parse("领券立减20").rules());
    assertEquals(List.of(new OrderReduction(n("20"))), PromotionParser.parse("立减20元").rules());
    assertEquals(List.of(new OrderReduction(n("30"))), PromotionParser.parse("直降30").rules());
    assertEquals(List.of(new OrderReduction(n("15"))), PromotionParser.parse("下单立减15").rules());
  }

  @Test
  void quantityThresholdsTakeAnAmountOrARate() {
    assertEquals(List.of(new QuantityReduction(3, n("50"))), PromotionParser.parse("满3件立减50").rules());
    assertEquals(List.of(new QuantityPercentOff(2, n("0.9")), new QuantityPercentOff(3, n("0.8"))),
        PromotionParser.parse("多买多折：2件9折 3件8折").rules());
    assertEquals(List.of(new QuantityPercentOff(2, n("0.9")), new QuantityPercentOff(3, n("0.8"))),
        PromotionParser.parse("两件九折/三件八折").rules());
  }

  @Test
  void pricesValidNowForTheFirstBuyersOrForALimitedTime() {
    assertEquals(List.of(new SpotPrice(n("99"), 100)), PromotionParser.parse("前100名99元").rules());
    assertEquals(List.of(new SpotPrice(n("99"), 100)), PromotionParser.parse("前100名 到手价99").rules());
    assertEquals(List.of(new SpotPrice(n("99"), 0)), PromotionParser.parse("限时价99").rules());
    assertEquals(List.of(new SpotPrice(n("89.5"), 0)), PromotionParser.parse("限时秒杀价：89.5元").rules());
  }

  @Test
  void presaleWithBalanceOrWithAnInflatedDeposit() {
    Presale withBalance = new Presale(n("50"), n("150"), null);
    assertEquals(List.of(withBalance), PromotionParser.parse("定金50尾款150").rules());
    assertEquals(List.of(withBalance), PromotionParser.parse("['定金50元','尾款150元']").rules());
    assertEquals(List.of(withBalance), PromotionParser.parse("定金50 尾款150").rules());
    assertEquals(List.of(new Presale(n("50"), null, n("100"))), PromotionParser.parse("定金50抵100").rules());
    assertEquals(List.of(new Presale(n("50"), null, n("100"))), PromotionParser.parse("付定金50元膨胀100元").rules());
  }

  @Test
  void newFormsCombineWithTheExistingOnesAcrossEverySeparator() {
    ParsedPromotions p = PromotionParser.parse("买一送一 | 每满200减20 / 包邮，限购２件；领券立减10 8折");

    assertEquals(List.of(new BuyGetFree(1, 1), new EveryFullReduction(n("200"), n("20"), null), new PurchaseLimit(2),
        new Coupon(BigDecimal.ZERO, n("10")), new PercentOff(n("0.8"))), p.rules());
    assertEquals(List.of("包邮"), p.nonPrice());
    assertEquals(List.of(), p.unparsed());
  }

  @Test
  void chineseNumeralsAreReadOnlyWhereACountIsExpected() {
    ParsedPromotions p = PromotionParser.parse("七天无理由退换 买一送一");

    assertEquals(List.of(new BuyGetFree(1, 1)), p.rules());
    assertEquals(List.of("七天无理由退换"), p.nonPrice());
  }

  @ParameterizedTest
  @ValueSource(strings = {"买0送1", "买1送0", "第1件0元", "第2件0折", "第2件10折", "0元3件", "99元1件", "拍0件到手99元", "到手价0",
      "定金50抵40", "定金50", "定金0尾款100", "满0件减10", "满2件减0", "前100名0元", "立减0", "3件10折", "买1送小样", "每件直降20",
      "每满2件减20", "99元 3件", "买100送1", "3件7折起", "低至5折", "最低99元"})
  void knownFormsWithImpossibleNumbersStayUnread(String text) {
    ParsedPromotions p = PromotionParser.parse(text);

    assertEquals(List.of(), p.rules(), text);
    assertEquals(true, p.hasUnparsed(), text);
  }

  @Test
  void aFragmentWithWordsLeftOverIsUnreadAsAWhole() {
    // The gift of 买2送1(送同款小样) is a sample, not a third unit: reading 买2送1 out of it would convict on a guess.
    assertEquals(parsed(List.of(), List.of("买2送1(送同款小样)")), PromotionParser.parse("买2送1(送同款小样)"));
    assertEquals(parsed(List.of(), List.of("88VIP再享95折")), PromotionParser.parse("88VIP再享95折"));
    assertEquals(parsed(List.of(new Presale(n("50"), null, n("100"))), List.of("会员专享价")), PromotionParser.parse("会员专享价 定金50抵100"));
    // A limit in an unread fragment still holds: it can only raise the landed price.
    assertEquals(parsed(List.of(new PurchaseLimit(1)), List.of("限购1件赠品小样价值50元")), PromotionParser.parse("限购1件赠品小样价值50元"));
    assertEquals(parsed(List.of(new PurchaseLimit(1), new BuyGetFree(3, 1)), List.of("赠品小样价值50元")),
        PromotionParser.parse("限购1件 赠品小样价值50元 买三送一"));
    // So does a cap: 每满300减30 stays capped at 100 although its cap sits in text we cannot read.
    assertEquals(parsed(List.of(new EveryFullReduction(n("300"), n("30"), n("100"))), List.of("封顶100赠品小样价值50元")),
        PromotionParser.parse("封顶100赠品小样价值50元，每满300减30"));
    assertEquals(parsed(List.of(new EveryFullReduction(n("300"), n("30"), n("100"))), List.of("赠品小样价值50元")),
        PromotionParser.parse("封顶100 赠品小样价值50元 每满300减30"));
    // Words that change nothing around a form are allowed.
    assertEquals(parsed(List.of(new PercentOff(n("0.8"))), List.of()), PromotionParser.parse("限时秒杀8折"));
    assertEquals(parsed(List.of(new FullReduction(n("200"), n("20"))), List.of()), PromotionParser.parse("店铺满减:满200减20"));
  }

  @Test
  void whiteSpaceSeparatesFormsButNotTheNumbersOfOneForm() {
    assertEquals(parsed(List.of(new FullReduction(n("200"), n("20"))), List.of()), PromotionParser.parse("满 200 减 20"));
    assertEquals(parsed(List.of(new FullReduction(n("200"), n("20")), new PercentOff(n("0.8"))), List.of()), PromotionParser.parse("满200减20 8折"));
    assertEquals(parsed(List.of(new DeclaredPrice(2, n("199"))), List.of()), PromotionParser.parse("拍2件 到手199元"));
    assertEquals(parsed(List.of(new DeclaredPrice(3, n("299"))), List.of()), PromotionParser.parse("拍3件 券后价299"));
    assertEquals(parsed(List.of(new BuyGetFree(2, 1), new DeclaredPrice(1, n("299"))), List.of()), PromotionParser.parse("买2件赠1件 券后价299"));
    // 会员价 is no price form, so the 95折 after the space is a fragment of its own.
    assertEquals(parsed(List.of(new PercentOff(n("0.95"))), List.of("店铺会员价")), PromotionParser.parse("店铺会员价 95折"));
    // A bare count before a space belongs to what came before it, not to the 到手价 after it.
    assertEquals(parsed(List.of(new DeclaredPrice(1, n("169"))), List.of("99元", "3件")), PromotionParser.parse("99元 3件 到手价169"));
  }

  private static ParsedPromotions parsed(List<Promotion> rules, List<String> unparsed) {
    return new ParsedPromotions(rules, List.of(), unparsed);
  }

  private static BigDecimal n(String value) {
    return new BigDecimal(value);
  }
}
