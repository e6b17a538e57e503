package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the parser and the calculator over {@link PromotionCorpus} with PriceCheck's verdict rule, each
 * string against floors just under, at and just over its true landed price and one far from it, and
 * reports the shares of certain, REVIEW and wrong verdicts (issue #10, "Measure and report").
 */
class PromotionCorpusTest {

  private static final int SIZE = 10_000;
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private final LandedPriceCalculator calculator = new LandedPriceCalculator();

  @Test
  void noCertainVerdictDisagreesWithTheTruthOnTheCorpus() {
    List<PromotionCorpus.Entry> corpus = PromotionCorpus.generate(SIZE);
    int verdicts = 0;
    int certain = 0;
    int review = 0;
    int certainStrings = 0;
    List<String> wrong = new ArrayList<>();
    for (PromotionCorpus.Entry entry : corpus) {
      ParsedPromotions parsed = PromotionParser.parse(entry.discountInfo());
      BigDecimal landed = calculator.lowest(entry.pagePrice(), parsed.rules(), 1).perUnit();
      boolean allCertain = true;
      for (BigDecimal floor : floors(entry)) {
        Verdict verdict = landed.compareTo(floor) < 0 ? Verdict.VIOLATION : parsed.hasUnparsed() ? Verdict.REVIEW : Verdict.OK;
        boolean under = entry.truth().compareTo(floor) < 0;
        verdicts++;
        if (verdict == Verdict.REVIEW) {
          review++;
          allCertain = false;
          continue;
        }
        certain++;
        // Unreadable text can only lower the true price: OK on it is never right; VIOLATION is right when the readable part is under.
        boolean right = verdict == Verdict.VIOLATION ? under : entry.readable() && !under;
        if (!right) {
          wrong.add(entry.discountInfo() + " at " + entry.pagePrice() + ", floor " + floor + ": " + verdict + ", landed " + landed
              + ", truth " + entry.truth() + (entry.readable() ? "" : " (with unreadable text)") + ", read " + parsed.rules()
              + ", unread " + parsed.unparsed());
        }
      }
      if (allCertain) {
        certainStrings++;
      }
    }
    System.out.printf("promotion corpus: %d strings, %d verdicts: certain %.1f%%, REVIEW %.1f%%, wrong %.1f%% (%d); "
            + "strings certain at every floor %.1f%%%n", corpus.size(), verdicts, 100.0 * certain / verdicts, 100.0 * review / verdicts,
        100.0 * wrong.size() / verdicts, wrong.size(), 100.0 * certainStrings / corpus.size());
    wrong.stream().limit(30).forEach(System.out::println);
    assertTrue(corpus.size() >= 2_000);
    assertEquals(List.of(), wrong.stream().limit(10).toList());
  }

  @Test
  void theCorpusIsTheSameOnEveryRun() {
    assertEquals(PromotionCorpus.generate(50), PromotionCorpus.generate(50));
  }

  // Floors one cent around the truth catch any landed price that is off by a cent; 0.9 x the page price is a usual floor.
  private static List<BigDecimal> floors(PromotionCorpus.Entry entry) {
    List<BigDecimal> floors = new ArrayList<>(List.of(entry.truth(), entry.truth().add(CENT), entry.pagePrice().multiply(new BigDecimal("0.9"))));
    if (entry.truth().compareTo(CENT) > 0) {
      floors.add(entry.truth().subtract(CENT));
    }
    return floors;
  }
}
