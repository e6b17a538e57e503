package actorcrm.pricing;

/** Where a listing's size came from; anything but FIELD or TITLE is a guess and is reported as such. */
public enum SizeSource {
  FIELD,
  TITLE,
  INFERRED,
  NONE
}
