package actorcrm.sales;

import actorcrm.platform.PooledJdbcSession;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.ItemEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps the leaderboard read model from the leads' journal (tag {@code sales}), exactly once, once
 * in the cluster. Envelopes are applied in groups, one transaction (with the offset) per group, so
 * a busy sales floor costs the database a commit per group rather than per assignment.
 */
public final class SalesProjection {
  private SalesProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    var projection = JdbcProjection.groupedWithin(
        ProjectionId.of("sales-leaderboard", LeadEntity.SALES_TAG),
        EventSourcedProvider.<ItemEvent>eventsByTag(system, JdbcReadJournal.Identifier(), LeadEntity.SALES_TAG),
        () -> new PooledJdbcSession(dataSource),
        Handler::new,
        system)
        .withGroup(500, Duration.ofMillis(200));
    ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, "sales-leaderboard", 1,
        i -> ProjectionBehavior.create(projection), ProjectionBehavior.stopMessage());
  }

  /** Maps a group of assignments, first contacts, won / lost stages and hand-overs to the manager to the read model, in one transaction. */
  static final class Handler extends JdbcHandler<List<EventEnvelope<ItemEvent>>, PooledJdbcSession> {
    @Override
    public void process(PooledJdbcSession session, List<EventEnvelope<ItemEvent>> envelopes) throws Exception {
      session.withConnection(c -> {
        for (EventEnvelope<ItemEvent> envelope : envelopes) {
          apply(c, PersistenceId.extractEntityId(envelope.persistenceId()), envelope.event());
        }
        return null;
      });
    }

    private static void apply(Connection c, String leadId, ItemEvent event) throws SQLException {
      if (event instanceof LeadEntity.SentToManager e) {
        LeaderboardReadModel.toManager(c, leadId, e.team(), e.reason(), e.at());
      } else if (event instanceof LeadEntity.StageChanged e && !e.change().to().open()) {
        LeaderboardReadModel.closed(c, leadId);
      }
      if (event instanceof AssignmentEvent.Assigned e) {
        LeaderboardReadModel.increment(c, e.team(), e.repId(), LeaderboardReadModel.Counter.ASSIGNED);
      } else if (event instanceof LeadEntity.FirstContacted e) {
        LeaderboardReadModel.increment(c, e.team(), e.repId(), e.withinSla()
            ? LeaderboardReadModel.Counter.CONTACTED_WITHIN_SLA : LeaderboardReadModel.Counter.CONTACTED_LATE);
      } else if (event instanceof LeadEntity.StageChanged e && e.owner() != null
          && (e.change().to() == LeadStage.WON || e.change().to() == LeadStage.LOST)) {
        LeaderboardReadModel.increment(c, e.team(), e.owner(), e.change().to() == LeadStage.WON
            ? LeaderboardReadModel.Counter.WON : LeaderboardReadModel.Counter.LOST);
      }
    }
  }
}
