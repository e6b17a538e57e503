package actorcrm.node;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalSchemaTest {
  @Test
  void schemaIsCreatedAndApplyingItAgainChangesNothing() throws SQLException {
    DbSettings db = new DbSettings(TestNodes.memoryDb(), "sa", "");
    JournalSchema.apply(db);
    JournalSchema.apply(db);
    try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
         var rs = c.createStatement().executeQuery(
             "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('event_journal','event_tag','snapshot','durable_state')")) {
      rs.next();
      assertEquals(4, rs.getInt(1));
    }
  }

  @Test
  void theTagTableIsIndexedByTagAndEventIdForTheTagFirstQuery() throws SQLException {
    DbSettings db = new DbSettings(TestNodes.memoryDb(), "sa", "");
    JournalSchema.apply(db);
    JournalSchema.apply(db);
    try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
         var rs = c.createStatement().executeQuery("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
             + " WHERE INDEX_NAME = '" + JournalSchema.TAG_INDEX + "' ORDER BY ORDINAL_POSITION")) {
      List<String> columns = new ArrayList<>();
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
      assertEquals(List.of("tag", "event_id"), columns);
    }
  }

  @Test
  void everyIndexStatementIsIdempotent() {
    for (String resource : new String[] {"schema/h2/h2-create-schema.sql", "schema/postgres/postgres-create-schema.sql"}) {
      JournalSchema.statements(resource).stream()
          .filter(s -> s.toUpperCase().contains(" INDEX "))
          .forEach(s -> assertTrue(s.toUpperCase().contains("IF NOT EXISTS"), s));
    }
  }

  @Test
  void unreachableDatabaseStopsTheStartWithTheDatabasesMessage() {
    DbSettings db = new DbSettings("jdbc:postgresql://127.0.0.1:1/none", "nobody", "");
    var e = assertThrows(IllegalStateException.class, () -> JournalSchema.apply(db));
    assertTrue(e.getMessage().startsWith("Creating the journal schema on jdbc:postgresql://127.0.0.1:1/none failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("Connection"), e.getMessage());
  }
}
