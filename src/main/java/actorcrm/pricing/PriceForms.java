package actorcrm.pricing;

import static actorcrm.pricing.PromotionForm.AMOUNT;
import static actorcrm.pricing.PromotionForm.COUNT;
import static actorcrm.pricing.PromotionForm.PRICE_END;
import static actorcrm.pricing.PromotionForm.amount;
import static actorcrm.pricing.PromotionForm.count;
import static actorcrm.pricing.PromotionForm.of;
import static actorcrm.pricing.PromotionForm.rate;

import actorcrm.pricing.Promotion.DeclaredPrice;
import actorcrm.pricing.Promotion.OrderReduction;
import actorcrm.pricing.Promotion.PercentOff;
import actorcrm.pricing.Promotion.Presale;
import actorcrm.pricing.Promotion.PurchaseLimit;
import actorcrm.pricing.Promotion.SpotPrice;
import java.util.List;

/**
 * Forms that set what an item or an order costs outright: 定金/尾款 pre-sale, 前N名 and 限时 prices,
 * a declared 到手价, 立减/直降, N折, and 限购. Presale and 前N名 come before 到手价 because they may
 * contain it (前100名到手价99).
 */
final class PriceForms {

  static final List<PromotionForm> LIMITS = List.of(
      of("限购" + COUNT + "件?", m -> new PurchaseLimit(count(m.group(1)))));

  static final List<PromotionForm> PRICES = List.of(
      of("定金:?" + AMOUNT + "元?(?:,)?尾款:?" + AMOUNT + PRICE_END,
          m -> new Presale(amount(m.group(1)), amount(m.group(2)), null)),
      of("定金:?" + AMOUNT + "元?(?:可抵|抵扣|抵|膨胀为|膨胀至|膨胀|当)" + AMOUNT + PRICE_END,
          m -> new Presale(amount(m.group(1)), null, amount(m.group(2)))),
      of("前" + COUNT + "名(?:到手价?|仅需|只需|只要|价)?:?" + AMOUNT + PRICE_END,
          m -> new SpotPrice(amount(m.group(2)), count(m.group(1)))),
      of("(?:限时特价|限时秒杀价|限时秒杀|限时价|限时|秒杀价|活动价|特价):?" + AMOUNT + PRICE_END,
          m -> new SpotPrice(amount(m.group(1)), 0)),
      of("(?:拍|买|(?<![送赠\\d]))" + COUNT + "件(?:到手价?|券后价?):?" + AMOUNT + PRICE_END,
          m -> new DeclaredPrice(count(m.group(1)), amount(m.group(2)))),
      of("(?:到手价?|券后价?):?" + AMOUNT + PRICE_END, m -> new DeclaredPrice(1, amount(m.group(1)))));

  // Per item (每件直降20) is a different rule and must stay unread, so 每 before the word blocks the match.
  static final List<PromotionForm> ORDER_REDUCTIONS = List.of(
      of("(?<!每件)(?<!每)(?:下单)?(?:立减|直降):?" + AMOUNT + PRICE_END, m -> new OrderReduction(amount(m.group(1)))));

  static final List<PromotionForm> PERCENT = List.of(
      of(AMOUNT + "折", m -> new PercentOff(rate(m.group(1)))));

  private PriceForms() {}
}
