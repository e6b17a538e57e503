package actorcrm.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the customer's seed files copied under tests/resources/seed from the test classpath. */
public final class SeedFiles {

  private SeedFiles() {}

  public static String text(String name) {
    try (InputStream in = SeedFiles.class.getClassLoader().getResourceAsStream("seed/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource seed/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Catalog seedCatalog() {
    return Catalog.of(ReferenceTableParser.parse(text("reference-prices.seed.csv")).rows());
  }
}
