package actorcrm.pricing;

/**
 * Outcome of checking one listing. VIOLATION only when product, size and pack are all certain
 * and the landed price per unit is under the floor; REVIEW when a person must decide (size not
 * given or not a reference size, combo set, guessed size or fuzzy name below the floor);
 * UNMATCHED when the title names no product with enough confidence.
 */
public enum Verdict {
  OK,
  VIOLATION,
  REVIEW,
  UNMATCHED
}
