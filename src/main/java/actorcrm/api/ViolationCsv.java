package actorcrm.api;

import actorcrm.pricing.PriceControlReadModel.ViolationRow;

import java.math.BigDecimal;
import java.util.List;

/** The violations list as the price-control staff open it in a spreadsheet: RFC 4180, UTF-8 with BOM. */
final class ViolationCsv {
  private static final String HEADER = "id,shop,sku,listing_url,status,landed_price,quantity,floor,gap_pct,repeat,"
      + "opened_at,last_seen_at,resolved_at,resolution,title,page_price,discount_info,stage,notices,fix_due_at,"
      + "escalated_at,image_url";

  private ViolationCsv() {}

  static String write(List<ViolationRow> rows) {
    StringBuilder out = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
    for (ViolationRow r : rows) {
      var e = r.evidence();
      out.append(String.join(",",
          cell(r.id()), cell(r.shop()), cell(r.sku()), cell(r.listingUrl()), cell(r.status()), money(r.landedPrice()),
          cell(r.quantity()), money(r.floor()), money(r.gapPct()), cell(r.repeat()), cell(r.openedAt()),
          cell(r.lastSeenAt()), cell(r.resolvedAt()), cell(r.resolution()),
          cell(e == null ? null : e.path("title").asText(null)),
          cell(e == null ? null : e.path("page_price").asText(null)),
          cell(e == null ? null : e.path("discount_info").asText(null)), cell(r.stage()), cell(r.notices()),
          cell(r.fixDueAt()), cell(r.escalatedAt()), cell(e == null ? null : e.path("image_url").asText(null))))
          .append("\r\n");
    }
    return out.toString();
  }

  private static String money(BigDecimal amount) {
    return amount == null ? "" : amount.toPlainString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    // Leading = + - @ would be run as formulas by a spreadsheet; a quote mark keeps them text.
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
