package actorcrm.node;

import actorcrm.platform.CborSerializable;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.Tuple3;
import scala.util.Try;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tag-first DAO answers exactly what persistence-jdbc's own DAO answers for the same journal —
 * same events, same order, same offsets — with several tags per event, events without tags,
 * journal rows deleted (gaps in the ordering) and rows marked deleted, on H2 and on PostgreSQL.
 */
@ExtendWith(LogCapturingExtension.class)
class TagFirstReadJournalDaoTest {
  private static final String DEFAULT_READ_JOURNAL = "default-dao-read-journal";
  private static final List<String> TAGS = List.of("red", "green", "blue");

  /** A note journaled with the tags it names. */
  public record Note(String text, Set<String> tags) implements CborSerializable {}

  public record Write(List<Note> notes, ActorRef<Done> replyTo) implements CborSerializable {}

  private static final class Notebook extends EventSourcedBehavior<Write, Note, Integer> {
    Notebook(String id) {
      super(PersistenceId.of("notebook", id));
    }

    @Override
    public Integer emptyState() {
      return 0;
    }

    @Override
    public CommandHandler<Write, Note, Integer> commandHandler() {
      return newCommandHandlerBuilder().forAnyState()
          .onCommand(Write.class, (state, write) -> Effect().persist(write.notes()).thenRun(s -> write.replyTo().tell(Done.getInstance())))
          .build();
    }

    @Override
    public EventHandler<Integer, Note> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onEvent(Note.class, (state, note) -> state + 1).build();
    }

    @Override
    public Set<String> tagsFor(Note note) {
      return note.tags();
    }
  }

  @Test
  void answersLikeTheDefaultDaoOnH2() throws Exception {
    compareOn(TestNodes.memoryDb(), "sa");
  }

  @Test
  void answersLikeTheDefaultDaoOnPostgres() throws Exception {
    Assumptions.assumeTrue(TestNodes.postgresAnswers(),
        "PostgreSQL does not answer on 127.0.0.1:5432, so the PostgreSQL DAO comparison is skipped");
    String url = TestNodes.freshPostgresDb();
    try {
      compareOn(url, "postgres");
    } finally {
      TestNodes.dropPostgresDb(url);
    }
  }

  private static Config config(String url, String user) {
    Config node = NodeConfig.load(ConfigFactory.parseMap(Map.of(
        "actorcrm.db.url", url,
        "actorcrm.db.user", user,
        "pekko.actor.provider", "local",
        "pekko.coordinated-shutdown.exit-jvm", "off")));
    return ConfigFactory.parseString(DEFAULT_READ_JOURNAL + " = ${jdbc-read-journal}\n"
            + DEFAULT_READ_JOURNAL + ".dao = \"" + DefaultReadJournalDao.class.getName() + "\"")
        .withFallback(node).resolve();
  }

  private void compareOn(String url, String user) throws Exception {
    DbSettings db = new DbSettings(url, user, "");
    JournalSchema.apply(db);
    ActorTestKit kit = ActorTestKit.create("dao-" + System.nanoTime(), config(url, user));
    try {
      writeNotes(kit);
      long max = maxOrdering(db);
      punchGaps(db, max);

      var tagFirst = scaladslJournal(kit, JdbcReadJournal.Identifier());
      var standard = scaladslJournal(kit, DEFAULT_READ_JOURNAL);
      assertTrue(tagFirst.readJournalDao() instanceof TagFirstReadJournalDao, "the node's config selects the tag-first DAO");
      assertTrue(standard.readJournalDao().getClass() == DefaultReadJournalDao.class);

      long[][] windows = {{0, max, 1000}, {0, max, 7}, {5, max, 3}, {0, max / 2, 1000}, {max / 3, 2 * max / 3, 4},
          {max / 2, max / 2, 10}, {max, max, 10}, {0, 0, 10}};
      for (String tag : List.of("red", "green", "blue", "none")) {
        for (long[] w : windows) {
          List<String> expected = daoRows(kit, standard, tag, w);
          assertEquals(expected, daoRows(kit, tagFirst, tag, w), "tag " + tag + ", offset " + w[0] + ", max offset " + w[1] + ", max " + w[2]);
        }
        List<String> all = daoRows(kit, standard, tag, new long[] {0, max, 1000});
        if (!tag.equals("none")) {
          assertTrue(all.size() > 20, "tag " + tag + " has events to compare: " + all.size());
        }
      }

      JdbcReadJournal tagFirstQueries = PersistenceQuery.get(kit.system().classicSystem())
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      JdbcReadJournal standardQueries = PersistenceQuery.get(kit.system().classicSystem())
          .getReadJournalFor(JdbcReadJournal.class, DEFAULT_READ_JOURNAL);
      for (String tag : TAGS) {
        for (Offset from : List.of(NoOffset.getInstance(), Offset.sequence(max / 2))) {
          List<String> expected = envelopes(standardQueries, tag, from, kit);
          assertEquals(expected, envelopes(tagFirstQueries, tag, from, kit), "currentEventsByTag " + tag + " from " + from);
        }
      }
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** 8 notebooks write 300 notes, interleaved, each with none, one or several of the tags. */
  private static void writeNotes(ActorTestKit kit) {
    List<ActorRef<Write>> books = new ArrayList<>();
    for (int b = 0; b < 8; b++) {
      books.add(kit.spawn(new Notebook("book-" + b)));
    }
    TestProbe<Done> written = kit.createTestProbe();
    for (int round = 0; round < 25; round++) {
      for (int b = 0; b < books.size(); b++) {
        List<Note> notes = new ArrayList<>();
        for (int k = 0; k <= (round + b) % 2; k++) {
          int n = round * 100 + b * 10 + k;
          Set<String> tags = new TreeSet<>();
          for (int t = 0; t < TAGS.size(); t++) {
            if ((n >> t) % 2 == 1) {
              tags.add(TAGS.get(t));
            }
          }
          notes.add(new Note("note " + n, tags));
        }
        books.get(b).tell(new Write(notes, written.getRef()));
      }
      for (int b = 0; b < books.size(); b++) {
        written.expectMessageClass(Done.class, Duration.ofSeconds(10));
      }
    }
  }

  private static long maxOrdering(DbSettings db) throws SQLException {
    try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
         var rs = c.createStatement().executeQuery("SELECT MAX(\"ordering\") FROM \"event_journal\"")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Deletes every 7th journal row (its tags go with it) and marks every 11th deleted. */
  private static void punchGaps(DbSettings db, long max) throws SQLException {
    try (var c = DriverManager.getConnection(db.url(), db.user(), db.password()); var s = c.createStatement()) {
      c.setAutoCommit(true);
      assertTrue(s.executeUpdate("DELETE FROM \"event_journal\" WHERE MOD(\"ordering\", 7) = 3") > 10);
      assertTrue(s.executeUpdate("UPDATE \"event_journal\" SET \"deleted\" = TRUE WHERE MOD(\"ordering\", 11) = 5") > 10);
    }
  }

  private static org.apache.pekko.persistence.jdbc.query.scaladsl.JdbcReadJournal scaladslJournal(ActorTestKit kit, String id) {
    return PersistenceQuery.get(kit.system().classicSystem())
        .<org.apache.pekko.persistence.jdbc.query.scaladsl.JdbcReadJournal>readJournalFor(id);
  }

  private static List<String> daoRows(ActorTestKit kit, org.apache.pekko.persistence.jdbc.query.scaladsl.JdbcReadJournal journal, String tag,
                                      long[] window) throws Exception {
    var source = org.apache.pekko.stream.javadsl.Source.fromGraph(
        journal.readJournalDao().eventsByTag(tag, window[0], window[1], window[2]));
    List<Try<Tuple3<PersistentRepr, scala.collection.immutable.Set<String>, Object>>> rows =
        source.runWith(Sink.seq(), kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    List<String> described = new ArrayList<>();
    for (var row : rows) {
      PersistentRepr repr = row.get()._1();
      described.add(row.get()._3() + " " + repr.persistenceId() + "#" + repr.sequenceNr() + " " + repr.payload()
          + " deleted=" + repr.deleted() + " writer=" + repr.writerUuid() + " at=" + repr.timestamp()
          + " manifest=" + repr.manifest() + " tags=" + row.get()._2() + " meta=" + repr.metadata());
    }
    return described;
  }

  private static List<String> envelopes(JdbcReadJournal journal, String tag, Offset from, ActorTestKit kit) throws Exception {
    List<EventEnvelope> envelopes = journal.currentEventsByTag(tag, from).runWith(Sink.seq(), kit.system())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    return envelopes.stream().map(e -> e.offset() + " " + e.persistenceId() + "#" + e.sequenceNr() + " " + e.event()
        + " at=" + e.timestamp()).toList();
  }
}
