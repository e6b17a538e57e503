package actorcrm.pricing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Brings a journal written before violation events carried {@link ViolationTags} up to date, once,
 * at node start before the projections run: the violation events after the point the old
 * single-tag shop-counter and alert projections had reached get their slice tag, and each slice
 * projection starts where its old single-tag projection stopped (or from the start if it never
 * ran). So nothing the old projections had not handled is skipped, and nothing they had handled is
 * sent again. Journals that already have slice offsets for every sliced projection are left alone.
 */
public final class ViolationTagsUpgrade {
  private static final String OFFSETS = "\"pekko_projection_offset_store\"";
  private static final int PAGE = 10_000;
  private static final List<String> SLICED_EVENTS = List.of(ProductEvent.ViolationOpened.class.getName(),
      ProductEvent.ViolationDeepened.class.getName(), ProductEvent.ViolationResolved.class.getName());

  private ViolationTagsUpgrade() {}

  /** Runs the upgrade if it is still due; returns how many events got a slice tag. */
  public static int apply(DataSource dataSource, Clock clock) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Map<String, Long> legacy = new LinkedHashMap<>();
      for (String projection : PriceControlProjection.SLICED) {
        if (sliceOffsets(c, projection) < ViolationTags.SLICES) {
          legacy.put(projection, legacyOffset(c, projection));
        }
      }
      c.commit();
      if (legacy.isEmpty()) {
        return 0;
      }
      int tagged = tagAfter(c, legacy.values().stream().mapToLong(Long::longValue).min().orElseThrow());
      for (Map.Entry<String, Long> e : legacy.entrySet()) {
        seedSliceOffsets(c, e.getKey(), e.getValue(), clock.millis());
      }
      c.commit();
      return tagged;
    } catch (SQLException e) {
      throw new IllegalStateException("Adding violation slice tags to the journal failed: " + e.getMessage(), e);
    }
  }

  private static int sliceOffsets(Connection c, String projection) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + OFFSETS
        + " WHERE \"projection_name\" = ? AND \"projection_key\" IN (" + placeholders(ViolationTags.SLICES) + ")")) {
      q.setString(1, projection);
      for (int i = 0; i < ViolationTags.SLICES; i++) {
        q.setString(i + 2, ViolationTags.slice(i));
      }
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Where the projection got to on the single price-control tag; 0 if it never stored an offset. */
  private static long legacyOffset(Connection c, String projection) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT \"current_offset\" FROM " + OFFSETS
        + " WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
      q.setString(1, projection);
      q.setString(2, ProductEvent.TAG);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
      }
    }
  }

  /** Gives every violation event after {@code floor} that has no slice tag yet its slice tag, a page per transaction. */
  private static int tagAfter(Connection c, long floor) throws SQLException {
    String select = "SELECT t.\"event_id\", j.\"persistence_id\" FROM \"event_tag\" t"
        + " JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\""
        + " WHERE t.\"tag\" = ? AND t.\"event_id\" > ? AND j.\"event_ser_manifest\" IN (" + placeholders(SLICED_EVENTS.size()) + ")"
        + " AND NOT EXISTS (SELECT 1 FROM \"event_tag\" s WHERE s.\"event_id\" = t.\"event_id\" AND s.\"tag\" IN ("
        + placeholders(ViolationTags.SLICES) + "))"
        + " ORDER BY t.\"event_id\" LIMIT " + PAGE;
    int tagged = 0;
    long after = floor;
    while (true) {
      List<Long> page = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(select)) {
        int i = 1;
        q.setString(i++, ProductEvent.TAG);
        q.setLong(i++, after);
        for (String manifest : SLICED_EVENTS) {
          q.setString(i++, manifest);
        }
        for (String slice : ViolationTags.all()) {
          q.setString(i++, slice);
        }
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            String persistenceId = rs.getString(2);
            page.add(rs.getLong(1));
            tags.add(ViolationTags.forSku(persistenceId.substring(persistenceId.indexOf('|') + 1)));
          }
        }
      }
      if (page.isEmpty()) {
        return tagged;
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
        for (int k = 0; k < page.size(); k++) {
          insert.setLong(1, page.get(k));
          insert.setString(2, tags.get(k));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
      tagged += page.size();
      after = page.get(page.size() - 1);
    }
  }

  private static void seedSliceOffsets(Connection c, String projection, long offset, long now) throws SQLException {
    for (String slice : ViolationTags.all()) {
      boolean stored;
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM " + OFFSETS
          + " WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
        q.setString(1, projection);
        q.setString(2, slice);
        try (ResultSet rs = q.executeQuery()) {
          stored = rs.next();
        }
      }
      if (stored) {
        continue;
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + OFFSETS
          + " (\"projection_name\", \"projection_key\", \"current_offset\", \"manifest\", \"mergeable\", \"last_updated\")"
          + " VALUES (?, ?, ?, 'SEQ', FALSE, ?)")) {
        insert.setString(1, projection);
        insert.setString(2, slice);
        insert.setString(3, Long.toString(offset));
        insert.setLong(4, now);
        insert.executeUpdate();
      }
    }
  }

  private static String placeholders(int n) {
    return IntStream.range(0, n).mapToObj(i -> "?").collect(Collectors.joining(", "));
  }
}
