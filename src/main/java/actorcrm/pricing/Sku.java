package actorcrm.pricing;


import actorcrm.platform.IdRules;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Identity of a price-controlled product: canonical product name plus normalised size. Its id
 * ({@code 精华油1:125ml}; Pekko reserves {@code |} in entity ids) keys catalog rows and product entities, so every place that builds a SKU
 * goes through {@link #of} and gets the same spelling for the same product.
 */
public record Sku(String product, String size) {

  public Sku {
    product = normaliseProduct(product);
    size = normaliseSize(size);
    if (product.isEmpty() || size.isEmpty()) {
      throw new IllegalArgumentException("a SKU needs a product and a size, got '" + product + "' / '" + size + "'");
    }
  }

  public static Sku of(String product, String size) {
    return new Sku(product, size);
  }

  public static Sku parse(String id) {
    int bar = id.lastIndexOf(':');
    if (bar < 0) {
      throw new IllegalArgumentException("not a SKU id: " + id);
    }
    return new Sku(id.substring(0, bar), id.substring(bar + 1));
  }

  /**
   * Why {@code id} is not the id of a SKU, or null if it is: {@code product:size}, each a valid name,
   * spelled as {@link #of} spells it (so one product never answers under two ids).
   */
  public static String idProblem(String id) {
    String problem = IdRules.problem(id);
    if (problem != null) {
      return problem;
    }
    int colon = id.lastIndexOf(':');
    if (colon < 0) {
      return "a SKU id is product:size, and it has no ':'";
    }
    String product = id.substring(0, colon);
    String size = id.substring(colon + 1);
    String part = IdRules.nameProblem(product);
    if (part != null) {
      return "its product " + IdRules.quote(product) + " is not a name: " + part;
    }
    part = IdRules.nameProblem(size);
    if (part != null) {
      return "its size " + IdRules.quote(size) + " is not a name: " + part;
    }
    String canonical = of(product, size).id();
    return canonical.equals(id) ? null : "it is not in canonical spelling; the same SKU is " + IdRules.quote(canonical);
  }

  public String id() {
    return product + ":" + size;
  }

  @Override
  public String toString() {
    return id();
  }

  public static String normaliseProduct(String product) {
    if (product == null) {
      return "";
    }
    // NFKC folds full-width letters and digits (精华油１) onto the ASCII spelling of the table.
    return Normalizer.normalize(product, Normalizer.Form.NFKC).trim().replaceAll("\\s+", " ");
  }

  public static String normaliseSize(String size) {
    if (size == null) {
      return "";
    }
    return Normalizer.normalize(size, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", "")
        .replace('×', 'x')
        .replace('*', 'x')
        .replace("毫升", "ml")
        .replace("克", "g");
  }
}
