package actorcrm.pricing;

/**
 * How threshold promotions combine. PARALLEL (the default, matching how Taobao/Tmall check each
 * campaign's threshold against the goods amount) evaluates every 满减, 每满减 and the coupon against
 * the amount after item-level discounts. SEQUENTIAL lets each see the amount left by the previous
 * ones, in the order 满减/tiers, then 每满减, then the coupon.
 */
public enum StackingMode {
  PARALLEL,
  SEQUENTIAL
}
