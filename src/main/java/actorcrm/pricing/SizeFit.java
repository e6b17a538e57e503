package actorcrm.pricing;

/** Whether a listing's size is one of a product's reference sizes; UNKNOWN when the listing has no size. */
public enum SizeFit {
  MATCH,
  UNKNOWN,
  MISMATCH
}
