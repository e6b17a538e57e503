package actorcrm.pricing;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The journal tags that slice violation events (opened, deepened, escalated, resolved) by product, so the
 * projections that act on each of them — shop counters and the alert topic — run as several
 * instances side by side while every product's violations stay in order in one slice. The events
 * also keep {@link ProductEvent#TAG}, which the read model follows in journal order. The slice of a
 * SKU is fixed by {@link String#hashCode} (specified by the JDK, so stable across versions); changing
 * {@link #SLICES} re-slices every product and needs the same upgrade as {@link ViolationTagsUpgrade}.
 */
public final class ViolationTags {
  public static final int SLICES = 4;
  private static final String PREFIX = "violations-";

  private ViolationTags() {}

  /** The slice tag of a product's violation events. */
  public static String forSku(String sku) {
    return slice(Math.floorMod(sku.hashCode(), SLICES));
  }

  public static String slice(int index) {
    return PREFIX + index;
  }

  public static List<String> all() {
    return IntStream.range(0, SLICES).mapToObj(ViolationTags::slice).toList();
  }

  static boolean isSliced(ProductEvent event) {
    return event instanceof ProductEvent.ViolationOpened || event instanceof ProductEvent.ViolationDeepened
        || event instanceof ProductEvent.ViolationResolved || event instanceof ProductEvent.ViolationEscalated;
  }
}
