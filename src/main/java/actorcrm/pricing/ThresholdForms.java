package actorcrm.pricing;

import static actorcrm.pricing.PromotionForm.AMOUNT;
import static actorcrm.pricing.PromotionForm.PRICE_END;
import static actorcrm.pricing.PromotionForm.amount;
import static actorcrm.pricing.PromotionForm.of;

import actorcrm.pricing.Promotion.Coupon;
import actorcrm.pricing.Promotion.EveryFullReduction;
import actorcrm.pricing.Promotion.FullReduction;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Forms that take money off once an amount is reached: coupons (满X减Y券, 无门槛券, 领券立减X), 每满X减Y
 * and 满X减Y, and the modifiers folded into a 每满 rule (上不封顶, 最高减Z). A 满X减Y is a coupon only
 * when 券 is written next to it, so a plain 满减 beside a coupon in the same fragment stays a 满减.
 */
final class ThresholdForms {

  static final List<PromotionForm> COUPONS = List.of(
      of("(?:(?:领|店铺|优惠)?券)满" + AMOUNT + "元?(?:可用|使用)?减" + AMOUNT + "元?",
          m -> new Coupon(amount(m.group(1)), amount(m.group(2)))),
      of("满" + AMOUNT + "元?(?:可用|使用)?减" + AMOUNT + "元?(?=(?:店铺|优惠)?券)", m -> new Coupon(amount(m.group(1)), amount(m.group(2)))),
      of("无门槛(?:优惠)?券?" + AMOUNT + "元?|" + AMOUNT + "元?无门槛",
          m -> new Coupon(BigDecimal.ZERO, amount(m.group(1) != null ? m.group(1) : m.group(2)))),
      of("领(?:优惠)?券(?:立减|直降|减)" + AMOUNT + PRICE_END, m -> new Coupon(BigDecimal.ZERO, amount(m.group(1)))));

  static final Pattern COUPON_WORD = Pattern.compile("(?:店铺|优惠)?券");

  static final List<PromotionForm> REDUCTIONS = List.of(
      of("每满" + AMOUNT + "元?减" + AMOUNT + "元?", m -> new EveryFullReduction(amount(m.group(1)), amount(m.group(2)), null)),
      of("(?<!每)满" + AMOUNT + "元?立?减" + AMOUNT + "元?", m -> new FullReduction(amount(m.group(1)), amount(m.group(2)))));

  static final Pattern UNCAPPED = Pattern.compile("上不封顶");
  static final Pattern CAP = Pattern.compile("(?:最高|最多|封顶|上限)减?" + AMOUNT + "元?");

  private ThresholdForms() {}
}
