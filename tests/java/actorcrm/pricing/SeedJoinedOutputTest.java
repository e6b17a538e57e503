package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the seed Flink job's output (joined-output.seed.csv). Its first nine fields are shop,
 * canonical product, url, img, page price, discount_info, size, computed one-unit price, reference
 * row number; the reference row follows (with the same unquoted commas as the table).
 */
class SeedJoinedOutputTest {

  private final Catalog catalog = SeedFiles.seedCatalog();

  @Test
  void withOneUnitEveryListingPricesAndMatchesAsTheSeedJobDid() {
    PriceCheck oneUnit = new PriceCheck(catalog, PriceCheckSettings.defaults().withMaxQuantity(1));
    List<String[]> rows = seedRows();

    assertEquals(10, rows.size());
    for (String[] row : rows) {
      PriceCheckResult result = oneUnit.check(listingOf(row));

      assertEquals(0, new BigDecimal(row[7]).compareTo(result.landedPrice().perUnit()), String.join(",", row));
      assertEquals(row[1], result.product());
      assertEquals(0, new BigDecimal(row[row.length - 1]).compareTo(result.floor()));
      assertEquals(Verdict.OK, result.verdict());
    }
  }

  @Test
  void withTenUnitsTheLast125mlAnd200mlListingsAreViolations() {
    PriceCheck upToTen = new PriceCheck(catalog, PriceCheckSettings.defaults());
    List<String[]> rows = seedRows();

    // row 10: 125ml at 190 -> 1720 / 10 = 172.00 < 180; row 9: 200ml at 300 -> 540 / 2 = 270.00 < 280
    PriceCheckResult at190 = upToTen.check(listingOf(rows.get(9)));
    PriceCheckResult at300 = upToTen.check(listingOf(rows.get(8)));

    assertEquals(Verdict.VIOLATION, at190.verdict());
    assertEquals(new BigDecimal("172.00"), at190.landedPrice().perUnit());
    assertEquals(10, at190.landedPrice().quantity());
    assertEquals(Verdict.VIOLATION, at300.verdict());
    assertEquals(new BigDecimal("270.00"), at300.landedPrice().perUnit());
    assertEquals(2, at300.landedPrice().quantity());
  }

  private static Listing listingOf(String[] row) {
    return new Listing(row[0], row[1], row[2], row[3], new BigDecimal(row[4]), row[5], row[6], null);
  }

  private static List<String[]> seedRows() {
    return SeedFiles.text("joined-output.seed.csv").lines()
        .filter(line -> !line.isBlank())
        .map(line -> line.split(",", -1))
        .toList();
  }
}
