package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SkuTest {

  @Test
  void idJoinsCanonicalProductAndNormalisedSize() {
    assertEquals("精华油1:125ml", Sku.of(" 精华油1 ", "125ML").id());
  }

  @Test
  void multiplicationSignsAndCaseFoldToTheSameSize() {
    assertEquals("凝时精华:4x6ml", Sku.of("凝时精华", "4×6ml").id());
    assertEquals("凝时精华:4x6ml", Sku.of("凝时精华", "4X6ML").id());
    assertEquals("凝时精华:4x6ml", Sku.of("凝时精华", "4*6 ml").id());
  }

  @Test
  void fullWidthDigitsInTheNameFoldToAscii() {
    assertEquals(Sku.of("精华油1", "30ml"), Sku.of("精华油１", "30ml"));
  }

  @Test
  void parseReadsAnIdBack() {
    assertEquals(Sku.of("精华油2", "30ml"), Sku.parse("精华油2:30ml"));
  }

  @Test
  void productAndSizeAreRequired() {
    assertThrows(IllegalArgumentException.class, () -> Sku.of("", "125ml"));
    assertThrows(IllegalArgumentException.class, () -> Sku.of("精华油1", null));
  }
}
