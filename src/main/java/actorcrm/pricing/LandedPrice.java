package actorcrm.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * The cheapest way found to buy a listing: buying {@code quantity} listings costs {@code subtotal}
 * at page price and {@code payable} (exact) after promotions, which is {@code perUnit} per unit
 * (rounded half-up to cents). {@code steps} shows the arithmetic for the person reviewing it.
 */
public record LandedPrice(BigDecimal perUnit, int quantity, BigDecimal subtotal, BigDecimal payable, List<String> steps) {

  public LandedPrice {
    steps = List.copyOf(steps);
  }
}
