package actorcrm.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The cheapest way found to buy a listing: buying {@code quantity} listings costs {@code subtotal}
 * at page price and {@code payable} (exact) after promotions, which is {@code perUnit} per unit
 * (rounded half-up to cents). {@code steps} shows the arithmetic for the person reviewing it; when
 * rules that exclude each other were weighed, one step names the combination used.
 */
public record LandedPrice(BigDecimal perUnit, int quantity, BigDecimal subtotal, BigDecimal payable, List<String> steps) {

  static final String COMBINATION = "combination: ";

  public LandedPrice {
    steps = List.copyOf(steps);
  }

  /** The step naming the combination of promotions used, when there was a choice. */
  public Optional<String> combination() {
    return steps.stream().filter(s -> s.startsWith(COMBINATION)).findFirst();
  }
}
