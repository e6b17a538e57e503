package actorcrm.node;

import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.PekkoSerialization;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableColumnNames;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Try;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction$;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The read journal's DAO (configured as {@code jdbc-read-journal.dao}) with an {@code eventsByTag}
 * query that starts from the tag table: it walks the index on {@code (tag, event_id)} from the
 * offset and fetches only the journal rows it returns, so a poll costs what it returns. The
 * plugin's own query (pekko-persistence-jdbc 1.1.1) selects every journal row of the offset range,
 * payloads included, before joining the tags (apache/pekko-persistence-jdbc#105), so a projection
 * behind by a million rows reads a million rows per poll of 500. Everything else, and the decoding
 * of rows into events, is the plugin's.
 */
public final class TagFirstReadJournalDao extends DefaultReadJournalDao {
  private final Serialization serialization;
  private final String eventsByTagSql;

  public TagFirstReadJournalDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile, ReadJournalConfig config,
                                Serialization serialization, ExecutionContext ec, Materializer mat) {
    super(db, profile, config, serialization, ec, mat);
    this.serialization = serialization;
    this.eventsByTagSql = eventsByTagSql(config);
  }

  static String eventsByTagSql(ReadJournalConfig config) {
    var journal = config.eventJournalTableConfiguration();
    var tags = config.eventTagTableConfiguration();
    EventJournalTableColumnNames c = journal.columnNames();
    String columns = String.join(", ", List.of(c.ordering(), c.deleted(), c.persistenceId(), c.sequenceNumber(),
            c.writer(), c.writeTimestamp(), c.adapterManifest(), c.eventPayload(), c.eventSerId(), c.eventSerManifest(),
            c.metaPayload(), c.metaSerId(), c.metaSerManifest()).stream().map(name -> "j." + quote(name)).toList());
    String eventId = "t." + quote(tags.columnNames().eventId());
    String tag = "t." + quote(tags.columnNames().tag());
    String journalTable = table(journal.schemaName(), journal.tableName());
    // The tag rows come first in a subquery of their own: joined directly, H2 plans a scan of the
    // journal. Ordering by (tag, event id) lets both databases read the index in order and stop at
    // the limit; deleted rows are left out before the limit, as the plugin's query does.
    return "SELECT " + columns + " FROM (SELECT " + tag + ", " + eventId
        + " FROM " + table(tags.schemaName(), tags.tableName()) + " t"
        + " WHERE " + tag + " = ? AND " + eventId + " > ? AND " + eventId + " <= ?"
        + " AND NOT EXISTS (SELECT 1 FROM " + journalTable + " d WHERE d." + quote(c.ordering()) + " = " + eventId
        + " AND d." + quote(c.deleted()) + ")"
        + " ORDER BY " + tag + ", " + eventId + " LIMIT ?) k"
        + " JOIN " + journalTable + " j ON j." + quote(c.ordering()) + " = k." + quote(tags.columnNames().eventId())
        + " ORDER BY k." + quote(tags.columnNames().eventId());
  }

  private static String quote(String identifier) {
    return '"' + identifier + '"';
  }

  private static String table(Option<String> schema, String name) {
    return schema.isDefined() ? quote(schema.get()) + "." + quote(name) : quote(name);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public org.apache.pekko.stream.scaladsl.Source<Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed> eventsByTag(
      String tag, long offset, long maxOffset, long max) {
    long limit = correctMaxForH2Driver(max);
    // Slick types an action's effects as a Scala intersection that Java cannot name; the action is plain JDBC.
    DBIOAction action = SimpleJdbcAction$.MODULE$.apply(
        (JdbcBackend.JdbcActionContext ctx) -> rows(ctx.session().conn(), tag, offset, maxOffset, limit));
    scala.concurrent.Future<List<JournalPekkoSerializationRow>> rows = db().run(action);
    return Source.completionStage(FutureConverters.asJava(rows))
        .mapConcat(list -> list)
        .map(row -> PekkoSerialization.fromRow(serialization, row)
            .map(decoded -> new Tuple3<>(decoded._1(), scala.collection.immutable.Set$.MODULE$.<String>empty(), decoded._2())))
        .asScala();
  }

  private List<JournalPekkoSerializationRow> rows(Connection connection, String tag, long offset, long maxOffset,
                                                 long limit) {
    try (PreparedStatement query = connection.prepareStatement(eventsByTagSql)) {
      query.setString(1, tag);
      query.setLong(2, offset);
      query.setLong(3, maxOffset);
      query.setLong(4, limit);
      List<JournalPekkoSerializationRow> rows = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.add(new JournalPekkoSerializationRow(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getLong(4),
              rs.getString(5), rs.getLong(6), rs.getString(7), rs.getBytes(8), rs.getInt(9), rs.getString(10),
              Option.apply(rs.getBytes(11)), Option.apply((Object) rs.getObject(12, Integer.class)),
              Option.apply(rs.getString(13))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading events tagged " + tag + " after " + offset + " failed: " + e.getMessage(), e);
    }
  }
}
