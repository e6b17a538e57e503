package actorcrm.pricing;

import static actorcrm.pricing.PromotionForm.AMOUNT;
import static actorcrm.pricing.PromotionForm.COUNT;
import static actorcrm.pricing.PromotionForm.PRICE_END;
import static actorcrm.pricing.PromotionForm.amount;
import static actorcrm.pricing.PromotionForm.count;
import static actorcrm.pricing.PromotionForm.of;
import static actorcrm.pricing.PromotionForm.rate;

import actorcrm.pricing.Promotion.BuyGetFree;
import actorcrm.pricing.Promotion.Bundle;
import actorcrm.pricing.Promotion.NthItem;
import actorcrm.pricing.Promotion.QuantityPercentOff;
import actorcrm.pricing.Promotion.QuantityReduction;
import java.math.BigDecimal;
import java.util.List;

/**
 * Forms that price several items together: 买N送M, 第N件X元/0元/N折/半价, N元M件 and M件N元 (任选),
 * 满N件减X, and N件M折 (one tier of 多买多折). 第N件 comes before N件M折, which it contains.
 */
final class QuantityForms {

  static final List<PromotionForm> FORMS = List.of(
      of("买" + COUNT + "件?[送赠]" + COUNT + "件?(?![\\d.元])", m -> new BuyGetFree(count(m.group(1)), count(m.group(2)))),
      of("第" + COUNT + "件半价", m -> new NthItem(count(m.group(1)), null, new BigDecimal("0.5"))),
      of("第" + COUNT + "件(?:免费|免单)", m -> new NthItem(count(m.group(1)), BigDecimal.ZERO, null)),
      of("第" + COUNT + "件" + AMOUNT + "折", m -> new NthItem(count(m.group(1)), null, rate(m.group(2)))),
      of("第" + COUNT + "件" + AMOUNT + PRICE_END, m -> new NthItem(count(m.group(1)), amount(m.group(2)), null)),
      of("(?<![满减\\d.])" + AMOUNT + "元(?:任选|任意)?" + COUNT + "件(?![\\d.])", m -> new Bundle(count(m.group(2)), amount(m.group(1)))),
      of("(?<![满第\\d])(?:任选|任意)?" + COUNT + "件" + AMOUNT + "元(?![\\d.折])", m -> new Bundle(count(m.group(1)), amount(m.group(2)))),
      of("(?<!每)满" + COUNT + "件立?减" + AMOUNT + PRICE_END, m -> new QuantityReduction(count(m.group(1)), amount(m.group(2)))),
      of("(?<![每第])满?" + COUNT + "件打?" + AMOUNT + "折", m -> new QuantityPercentOff(count(m.group(1)), rate(m.group(2)))));

  private QuantityForms() {}
}
