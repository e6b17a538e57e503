package actorcrm.pricing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static actorcrm.pricing.PriceControlReadModel.json;
import static actorcrm.pricing.PriceControlReadModel.time;

/**
 * The writes of the price-control read model ({@link PriceControlReadModel}), called by the
 * projection inside its transaction, in journal order: violations and their history (opened,
 * deepened, noticed, escalated, resolved) and the review list.
 */
final class PriceControlWrites {
  private PriceControlWrites() {}

  /** Writes an opened violation; answers whether it was new (not a replay of one already written). */
  static boolean violationOpened(Connection c, Violation v) throws SQLException {
    String evidence = json(v.evidence());
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE price_violations SET status = ?, landed_price = ?, quantity = ?, floor_price = ?, gap_pct = ?, "
            + "last_seen_at = ?, resolved_at = NULL, resolution = NULL, evidence = ? WHERE id = ?")) {
      update.setString(1, v.status().wire());
      update.setBigDecimal(2, v.landedPrice());
      update.setInt(3, v.quantity());
      update.setBigDecimal(4, v.floor());
      update.setBigDecimal(5, v.gapPct());
      update.setObject(6, time(v.lastSeenAt()));
      update.setString(7, evidence);
      update.setString(8, v.id());
      if (update.executeUpdate() > 0) {
        return false;
      }
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO price_violations (id, sku, shop, listing_url, status, landed_price, quantity, floor_price, gap_pct, "
            + "repeat_offence, opened_at, last_seen_at, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, v.id());
      insert.setString(2, v.sku());
      insert.setString(3, v.shop());
      insert.setString(4, v.listingUrl());
      insert.setString(5, v.status().wire());
      insert.setBigDecimal(6, v.landedPrice());
      insert.setInt(7, v.quantity());
      insert.setBigDecimal(8, v.floor());
      insert.setBigDecimal(9, v.gapPct());
      insert.setBoolean(10, v.repeat());
      insert.setObject(11, time(v.openedAt()));
      insert.setObject(12, time(v.lastSeenAt()));
      insert.setString(13, evidence);
      insert.executeUpdate();
    }
    history(c, v.id(), v.openedAt(), "opened", detail("landed_price", v.landedPrice(), "quantity", v.quantity(),
        "floor", v.floor(), "gap_pct", v.gapPct(), "repeat", v.repeat()));
    return true;
  }

  static void violationDeepened(Connection c, ProductEvent.ViolationDeepened e) throws SQLException {
    violationChanged(c, e.id(), e.landedPrice(), e.quantity(), e.floor(), e.gapPct(), e.at(), e.evidence());
    history(c, e.id(), e.at(), "deepened", detail("landed_price", e.landedPrice(), "quantity", e.quantity(),
        "floor", e.floor(), "gap_pct", e.gapPct()));
  }

  static void violationChanged(Connection c, String id, BigDecimal landed, int quantity, BigDecimal floor,
                               BigDecimal gapPct, Instant at, Violation.Evidence evidence) throws SQLException {
    String set = "UPDATE price_violations SET landed_price = ?, quantity = ?, floor_price = ?, gap_pct = ?, last_seen_at = ?";
    String sql = evidence == null ? set + " WHERE id = ?" : set + ", evidence = ? WHERE id = ?";
    try (PreparedStatement update = c.prepareStatement(sql)) {
      update.setBigDecimal(1, landed);
      update.setInt(2, quantity);
      update.setBigDecimal(3, floor);
      update.setBigDecimal(4, gapPct);
      update.setObject(5, time(at));
      int i = 6;
      if (evidence != null) {
        update.setString(i++, json(evidence));
      }
      update.setString(i, id);
      update.executeUpdate();
    }
  }

  static void violationResolved(Connection c, ProductEvent.ViolationResolved e) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE price_violations SET status = 'resolved', resolved_at = ?, resolution = ? WHERE id = ?")) {
      update.setObject(1, time(e.at()));
      update.setString(2, e.resolution().wire());
      update.setString(3, e.id());
      update.executeUpdate();
    }
    history(c, e.id(), e.at(), "resolved", detail("resolution", e.resolution().wire(), "reason", e.reason(),
        "landed_price", e.landedPrice(), "floor", e.floor(), "moved_to", e.movedTo()));
  }

  static void violationNoticed(Connection c, ProductEvent.ViolationNoticed e) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE price_violations SET stage = CASE WHEN escalated_at IS NULL THEN 'noticed' ELSE stage END, "
            + "notices = notices + 1, fix_due_at = ?, noticed_at = COALESCE(noticed_at, ?) WHERE id = ?")) {
      update.setObject(1, time(e.fixDueAt()));
      update.setObject(2, time(e.notice().at()));
      update.setString(3, e.id());
      update.executeUpdate();
    }
    Violation.Notice n = e.notice();
    history(c, e.id(), n.at(), "noticed", detail("channel", n.channel().wire(), "by", n.by(), "text", n.text(),
        "recorded_by", n.recordedBy(), "fix_due_at", e.fixDueAt()));
  }

  static void violationEscalated(Connection c, ProductEvent.ViolationEscalated e) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE price_violations SET stage = 'escalated', escalated_at = ? WHERE id = ?")) {
      update.setObject(1, time(e.at()));
      update.setString(2, e.id());
      update.executeUpdate();
    }
    history(c, e.id(), e.at(), "escalated", detail("fix_due_at", e.fixDueAt(), "notices", e.notices(),
        "landed_price", e.landedPrice(), "floor", e.floor(), "gap_pct", e.gapPct()));
  }

  /** Key-value pairs in order, nulls kept (a resolution journaled before prices were carried has none). */
  private static Map<String, Object> detail(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** Appends one entry to a violation's history: what happened, when, and its particulars. */
  private static void history(Connection c, String violationId, Instant at, String kind, Map<String, Object> detail)
      throws SQLException {
    int seq;
    try (PreparedStatement q = c.prepareStatement(
        "SELECT COALESCE(MAX(seq), 0) FROM price_violation_history WHERE violation_id = ?")) {
      q.setString(1, violationId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        seq = rs.getInt(1) + 1;
      }
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO price_violation_history (violation_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, violationId);
      insert.setInt(2, seq);
      insert.setObject(3, time(at));
      insert.setString(4, kind);
      insert.setString(5, json(detail));
      insert.executeUpdate();
    }
  }

  static void queuedForReview(Connection c, ReviewItem item) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM listing_reviews WHERE listing_url = ?")) {
      delete.setString(1, item.listingUrl());
      delete.executeUpdate();
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO listing_reviews (listing_url, shop, title, page_price, discount_info, item_size, verdict, candidates, "
            + "notes, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, item.listingUrl());
      insert.setString(2, item.shop());
      insert.setString(3, item.title());
      insert.setBigDecimal(4, item.pagePrice());
      insert.setString(5, item.discountInfo());
      insert.setString(6, item.itemSize());
      insert.setString(7, item.verdict().name());
      insert.setString(8, json(item.candidates()));
      insert.setString(9, json(item.notes()));
      insert.setObject(10, time(item.seenAt()));
      insert.executeUpdate();
    }
  }

  static void matched(Connection c, String listingUrl) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM listing_reviews WHERE listing_url = ?")) {
      delete.setString(1, listingUrl);
      delete.executeUpdate();
    }
  }
}
