package actorcrm.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one listing against the brand's reference prices: parses its promotions and size,
 * matches its title to a product, finds the lowest landed price per unit and gives a verdict.
 * Anything uncertain (no or unknown size, combo, guessed size, fuzzy name) can at worst be REVIEW,
 * never VIOLATION. Stateless and thread-safe; build a new one when the catalog changes.
 */
public final class PriceCheck {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Catalog catalog;
  private final PriceCheckSettings settings;
  private final TitleMatcher matcher;
  private final LandedPriceCalculator calculator;

  public PriceCheck(Catalog catalog, PriceCheckSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
    this.matcher = new TitleMatcher(catalog, settings.matchThreshold());
    this.calculator = new LandedPriceCalculator(settings.maxQuantity(), settings.mode());
  }

  public PriceCheckResult check(Listing listing) {
    ParsedPromotions promotions = PromotionParser.parse(listing.discountInfo());
    ParsedSize parsed = SizeParser.parse(listing.itemSize(), listing.itemName());
    MatchResult match = matcher.matchListing(listing.itemName(), parsed);
    String product = match.product();
    BigDecimal price = listing.itemPrice();
    List<String> notes = new ArrayList<>();
    if (product != null) {
      List<ReferenceRow> rows = catalog.rowsOf(product);
      List<String> sizes = rows.stream().map(ReferenceRow::size).toList();
      parsed = SizeParser.inferOnlySize(SizeParser.fitTo(parsed, sizes), sizes);
      if (settings.inferSizeFromPriceBand()) {
        parsed = SizeParser.inferFromPriceBand(parsed, price, rows);
      }
      if (parsed.source() == SizeSource.INFERRED) {
        notes.add("size " + parsed.size() + " inferred: the listing names none, and " + (sizes.size() == 1
            ? "it is the only reference size of " + product
            : "its list price is nearest the page price"));
      }
    }
    int units = listing.unitsPerListing() != null && listing.unitsPerListing() > 0
        ? listing.unitsPerListing()
        : parsed.packCount();
    LandedPrice landed = price == null || price.signum() < 0
        ? null
        : calculator.lowest(price, promotions.rules(), units);
    Optional<ReferenceRow> reference = product == null ? Optional.empty() : catalog.find(product, parsed.size());

    Verdict verdict = verdict(listing, match, parsed, promotions, landed, reference, notes);
    BigDecimal floor = reference.map(ReferenceRow::floor).orElse(null);
    BigDecimal gapPct = floor == null || landed == null
        ? null
        : floor.subtract(landed.perUnit()).multiply(HUNDRED).divide(floor, 2, RoundingMode.HALF_UP);
    boolean pricingError = landed != null && (landed.payable().signum() == 0
        || floor != null && landed.perUnit().compareTo(floor.multiply(settings.pricingErrorFraction())) < 0);
    if (pricingError) {
      notes.add("possible pricing error: landed " + Money.cents(landed.perUnit()) + " per unit");
    }
    if (promotions.hasUnparsed()) {
      notes.add("promotion text not understood: " + String.join(" | ", promotions.unparsed()));
    }
    if (landed != null) {
      // The reviewer must see which of the rules that exclude each other the landed price rests on.
      landed.combination().ifPresent(notes::add);
    }
    return new PriceCheckResult(
        reference.map(r -> r.sku().id()).orElse(null),
        product,
        match.matched(),
        match.confidence(),
        match.candidates(),
        parsed.size(),
        parsed.source(),
        parsed.combo(),
        units,
        landed,
        floor,
        reference.map(ReferenceRow::listPrice).orElse(null),
        verdict,
        gapPct,
        pricingError,
        promotions.rules(),
        promotions.unparsed(),
        promotions.hasUnparsed(),
        notes);
  }

  private Verdict verdict(Listing listing, MatchResult match, ParsedSize parsed, ParsedPromotions promotions, LandedPrice landed,
      Optional<ReferenceRow> reference, List<String> notes) {
    if (!match.matched()) {
      notes.add("title matches no product at " + Money.cents(settings.matchThreshold()) + " or above without a tie");
      return Verdict.UNMATCHED;
    }
    if (landed == null) {
      notes.add("page price missing or negative: " + listing.itemPrice());
      return Verdict.REVIEW;
    }
    if (parsed.combo()) {
      notes.add("listing is a combo or set; no single floor applies");
      return Verdict.REVIEW;
    }
    if (parsed.size() == null) {
      notes.add("no size in item_size or title");
      return Verdict.REVIEW;
    }
    if (reference.isEmpty()) {
      notes.add("size " + parsed.size() + " is not a reference size of " + match.product()
          + " " + catalog.rowsOf(match.product()).stream().map(ReferenceRow::size).toList());
      return Verdict.REVIEW;
    }
    if (landed.perUnit().compareTo(reference.get().floor()) >= 0) {
      // Promotions only lower a price: unread text can hide a discount that takes an "OK" listing under the floor.
      if (promotions.hasUnparsed()) {
        notes.add("not under the floor on the promotions understood; the text not understood may lower it");
        return Verdict.REVIEW;
      }
      return Verdict.OK;
    }
    if (parsed.source() == SizeSource.INFERRED) {
      notes.add("under the floor, but size " + parsed.size() + " was inferred, not read");
      return Verdict.REVIEW;
    }
    if (match.confidence().compareTo(TitleMatcher.CONTAINMENT_SCORE) < 0) {
      notes.add("under the floor, but the title only resembles " + match.product()
          + " (confidence " + match.confidence() + ")");
      return Verdict.REVIEW;
    }
    return Verdict.VIOLATION;
  }
}
