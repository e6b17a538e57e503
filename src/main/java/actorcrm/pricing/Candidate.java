package actorcrm.pricing;

import java.math.BigDecimal;

/** A product a title might be, with its name similarity (0..1, 2 decimals) and whether the listing's size fits it. */
public record Candidate(String product, BigDecimal score, SizeFit sizeFit) {}
