package actorcrm.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the journal, snapshot and durable-state tables from the DDL that ships inside
 * pekko-persistence-jdbc, before the node starts, plus the index on the tag table that
 * {@link TagFirstReadJournalDao} reads by. Every statement is made idempotent so a restart is a
 * no-op; any SQL error stops the start with the database's own message.
 */
public final class JournalSchema {
  private static final Pattern CREATE_INDEX =
      Pattern.compile("^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?!IF NOT EXISTS)", Pattern.CASE_INSENSITIVE);

  /** The tag-first eventsByTag query walks this index from a tag's offset. */
  static final String TAG_INDEX = "event_tag_tag_event_id_idx";
  private static final String H2_TAG_INDEX =
      "CREATE INDEX IF NOT EXISTS \"" + TAG_INDEX + "\" ON PUBLIC.\"event_tag\" (\"tag\", \"event_id\")";
  // CONCURRENTLY keeps the journal writable while a large tag table is indexed on upgrade.
  private static final String POSTGRES_TAG_INDEX =
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + TAG_INDEX + " ON public.event_tag (tag, event_id)";

  private JournalSchema() {}

  public static void apply(DbSettings db) {
    String resource = db.isPostgres() ? "schema/postgres/postgres-create-schema.sql" : "schema/h2/h2-create-schema.sql";
    List<String> statements = statements(resource);
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
         Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      for (String sql : statements) {
        statement.execute(sql);
      }
      statement.execute(db.isPostgres() ? POSTGRES_TAG_INDEX : H2_TAG_INDEX);
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the journal schema on " + db.redactedUrl() + " failed: " + e.getMessage(), e);
    }
  }

  static List<String> statements(String resource) {
    String ddl;
    try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("DDL " + resource + " is missing from the pekko-persistence-jdbc jar");
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Reading DDL " + resource + " failed", e);
    }
    return Arrays.stream(ddl.split(";"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> CREATE_INDEX.matcher(s).replaceFirst(m -> m.group(0) + "IF NOT EXISTS "))
        .toList();
  }
}
