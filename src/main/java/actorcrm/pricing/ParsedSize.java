package actorcrm.pricing;

/**
 * Size and packaging read from a listing: {@code size} canonical like {@code 125ml}, {@code 500ml}
 * (for 0.5L), {@code 4x6ml} or {@code 30ml旅行装} (null when none was found), {@code packCount} units
 * of that size sold per listing, {@code combo} when the listing is a set of different items that no
 * single floor applies to, and where the size came from.
 */
public record ParsedSize(String size, int packCount, boolean combo, SizeSource source) {

  public ParsedSize {
    if (packCount < 1) {
      throw new IllegalArgumentException("packCount must be at least 1, got " + packCount);
    }
  }
}
