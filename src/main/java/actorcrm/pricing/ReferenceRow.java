package actorcrm.pricing;

import java.math.BigDecimal;

/**
 * One imported row of the brand's price-control table: the canonical product, its normalised
 * size, the list price shown on the main image and the floor (lowest allowed landed price per
 * unit). {@code line} is the 1-based line of the source CSV, kept for traceability.
 */
public record ReferenceRow(int line, String product, String size, BigDecimal listPrice, BigDecimal floor, String effect) {

  public Sku sku() {
    return Sku.of(product, size);
  }

  /** Why the row's prices contradict each other, or null: no listing can be held to a floor above the list price. */
  public String floorProblem() {
    return floor.compareTo(listPrice) > 0
        ? "floor " + floor.toPlainString() + " is above the list_price " + listPrice.toPlainString()
        : null;
  }
}
