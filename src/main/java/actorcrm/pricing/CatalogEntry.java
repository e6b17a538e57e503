package actorcrm.pricing;

import java.util.List;
import java.util.Set;

/** A canonical product as the title matcher sees it: its name, the other names shops use for it, and its reference sizes. */
public record CatalogEntry(String product, List<String> aliases, Set<String> sizes) {

  public CatalogEntry {
    aliases = List.copyOf(aliases);
    sizes = Set.copyOf(sizes);
  }
}
