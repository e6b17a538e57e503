package actorcrm.pricing;

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
