package actorcrm.bench;

import actorcrm.pricing.Catalog;
import actorcrm.pricing.Listing;
import actorcrm.pricing.PriceCheck;
import actorcrm.pricing.PriceCheckSettings;
import actorcrm.pricing.ReferenceTableParser;

import java.math.BigDecimal;

/** Price checks per second on one thread (match, size, promotions, landed price): the CPU part of the listing graph. */
public final class PriceCheckBench {
  public static void main(String[] args) {
    int products = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    StringBuilder csv = new StringBuilder("product,size,list_price,floor\n");
    for (int p = 0; p < products; p++) {
      csv.append(String.format("品牌精华%04d", p)).append(",100ml,200,180\n");
    }
    PriceCheck check = new PriceCheck(Catalog.of(ReferenceTableParser.parse(csv.toString()).rows()),
        PriceCheckSettings.defaults());
    for (int round = 0; round < 3; round++) {
      int n = 20_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        check.check(new Listing("经销商1", String.format("品牌精华%04d 正品 官方 100ml", i % products), "u" + i, "",
            BigDecimal.valueOf(170 + i % 60), i % 5 == 0 ? "['每满200减20,上不封顶']" : "[]", "100ml", null));
      }
      double s = (System.nanoTime() - start) / 1e9;
      System.out.printf("%d products: %,.0f checks/s (%.1f µs each)%n", products, n / s, s * 1e6 / n);
    }
  }
}
