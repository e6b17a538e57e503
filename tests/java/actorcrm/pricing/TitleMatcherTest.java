package actorcrm.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TitleMatcherTest {

  private final Catalog catalog = SeedFiles.seedCatalog();
  private final TitleMatcher matcher = new TitleMatcher(catalog, TitleMatcher.DEFAULT_THRESHOLD);

  @Test
  void exactNameBeatsItsOneDigitTwin() {
    // cleaned title 精华油1: contains 精华油1 with identical bigrams -> 0.90 + 0.10 x 1 = 1.00
    // 精华油2 shares 精华,华油 of 3+3 bigrams: Dice 2x2/6 = 0.67 (above 0.60, yet second)
    MatchResult result = matcher.match("精华油1 125ml 正品", "125ml");

    assertEquals("精华油1", result.product());
    assertEquals(new BigDecimal("1.00"), result.confidence());
    assertEquals(new Candidate("精华油2", new BigDecimal("0.67"), SizeFit.MISMATCH), result.candidates().get(1));
    assertEquals("精华油2", matcher.match("精华油2 30ml", "30ml").product());
  }

  @Test
  void noisyTitleContainingTheNameMatchesConfidently() {
    MatchResult result = matcher.match("【官方正品】精华油1 全身精华油 敏感肌可用 125ml 包邮", "125ml");

    assertEquals("精华油1", result.product());
    assertTrue(result.confidence().compareTo(TitleMatcher.CONTAINMENT_SCORE) >= 0);
    assertFalse(result.sizeMismatch());
  }

  @Test
  void unknownProductIsUnmatchedWithCandidatesListed() {
    MatchResult result = matcher.match("某某牌洗发水 500ml", "500ml");

    assertNull(result.product());
    assertFalse(result.matched());
    assertEquals(3, result.candidates().size());
    assertEquals(new BigDecimal("0.00"), result.confidence());
  }

  @Test
  void nameTieIsBrokenBySizeAndOtherwiseLeftUnmatched() {
    // 精华油 vs 精华油1 and vs 精华油2: Dice 2x2/(2+3) = 0.80 each.
    MatchResult withSize = matcher.match("精华油 30ml", "30ml");
    MatchResult withoutSize = matcher.match("精华油", null);

    assertEquals("精华油2", withSize.product());
    assertEquals(new BigDecimal("0.80"), withSize.confidence());
    assertNull(withoutSize.product());
  }

  @Test
  void confidenceUnderTheThresholdIsUnmatched() {
    TitleMatcher strict = new TitleMatcher(catalog, new BigDecimal("0.85"));

    assertNull(strict.match("精华油 30ml", "30ml").product());
  }

  @Test
  void sizeOutsideTheReferenceSizesIsReportedNotHidden() {
    MatchResult result = matcher.match("精华油1 50ml", "50ml");

    assertEquals("精华油1", result.product());
    assertTrue(result.sizeMismatch());
  }

  @Test
  void sizeGateCountsVialsAndLitresAsTheBrandSellsThem() {
    assertEquals(SizeFit.MATCH, matcher.matchListing("凝时精华 6ml*4", SizeParser.parse("", "凝时精华 6ml*4")).candidates().get(0).sizeFit());
    assertEquals(SizeFit.MATCH, matcher.match("沐浴露 0.5L", "0.5L").candidates().get(0).sizeFit());
    assertTrue(matcher.matchListing("精华油2 30ml 旅行装", SizeParser.parse("", "精华油2 30ml 旅行装")).sizeMismatch());
  }

  @Test
  void aliasesCountLikeTheCanonicalName() {
    TitleMatcher withAlias = new TitleMatcher(Catalog.of(List.copyOf(catalog.rows()), Map.of("精华油1", List.of("全身护理油"))),
        TitleMatcher.DEFAULT_THRESHOLD);

    MatchResult result = withAlias.match("热卖 全身护理油 125ml", "125ml");

    assertEquals("精华油1", result.product());
    assertTrue(result.confidence().compareTo(TitleMatcher.CONTAINMENT_SCORE) >= 0);
  }

  @Test
  void aNameEndingInADigitIsNotContainedInALongerNumber() {
    // 精华油12 has bigrams {精华,华油,油1,12}; 精华油1 shares three: Dice 2x3/(3+4) = 0.857 -> 0.86.
    // Counted as contained it would score 0.90 + 0.10 x 0.857 = 0.99; it stays a fuzzy 0.86.
    MatchResult result = matcher.match("精华油12", null);

    assertEquals(new BigDecimal("0.86"), result.confidence());
    assertTrue(result.confidence().compareTo(TitleMatcher.CONTAINMENT_SCORE) < 0);
  }
}
