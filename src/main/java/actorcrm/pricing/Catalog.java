package actorcrm.pricing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The brand's reference prices keyed by SKU, built from imported rows. Rows are applied in the
 * order given, so a later row for the same SKU (later in the file, or from a later import appended
 * after the earlier one) replaces the earlier one. Immutable.
 */
public final class Catalog {

  private final Map<String, ReferenceRow> bySku;
  private final Map<String, List<String>> aliases;

  private Catalog(Map<String, ReferenceRow> bySku, Map<String, List<String>> aliases) {
    this.bySku = bySku;
    this.aliases = aliases;
  }

  public static Catalog of(List<ReferenceRow> rows) {
    return of(rows, Map.of());
  }

  public static Catalog of(List<ReferenceRow> rows, Map<String, List<String>> aliasesByProduct) {
    Map<String, ReferenceRow> bySku = new LinkedHashMap<>();
    for (ReferenceRow row : rows) {
      bySku.remove(row.sku().id());
      bySku.put(row.sku().id(), row);
    }
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    aliasesByProduct.forEach((product, names) -> aliases.put(Sku.normaliseProduct(product), List.copyOf(names)));
    return new Catalog(Collections.unmodifiableMap(bySku), Map.copyOf(aliases));
  }

  public Optional<ReferenceRow> find(String product, String size) {
    if (product == null || size == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(bySku.get(Sku.normaliseProduct(product) + ":" + Sku.normaliseSize(size)));
  }

  public Optional<ReferenceRow> find(Sku sku) {
    return Optional.ofNullable(bySku.get(sku.id()));
  }

  public List<ReferenceRow> rowsOf(String product) {
    String canonical = Sku.normaliseProduct(product);
    return bySku.values().stream().filter(r -> r.product().equals(canonical)).toList();
  }

  public Collection<ReferenceRow> rows() {
    return List.copyOf(bySku.values());
  }

  public List<CatalogEntry> entries() {
    Map<String, Set<String>> sizes = new LinkedHashMap<>();
    for (ReferenceRow row : rows()) {
      sizes.computeIfAbsent(row.product(), p -> new LinkedHashSet<>()).add(row.size());
    }
    List<CatalogEntry> entries = new ArrayList<>();
    sizes.forEach((product, productSizes) ->
        entries.add(new CatalogEntry(product, aliases.getOrDefault(product, List.of()), productSizes)));
    return entries;
  }

  public int size() {
    return bySku.size();
  }
}
