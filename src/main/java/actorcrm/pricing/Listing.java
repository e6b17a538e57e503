package actorcrm.pricing;

import java.math.BigDecimal;

/**
 * A distributor's listing as scraped, with the seed's field names: the page price is for one
 * listing, which may hold several units ({@code unitsPerListing}, null = read from size/title).
 */
public record Listing(String shopName, String itemName, String itemUrl, String itemImg, BigDecimal itemPrice,
    String discountInfo, String itemSize, Integer unitsPerListing) {}
