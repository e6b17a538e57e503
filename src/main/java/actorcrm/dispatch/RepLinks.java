package actorcrm.dispatch;

import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Whom a rep tells about its changes: the team's dispatchers, and the items it hands back. */
public interface RepLinks {
  void repChanged(RepEntity.State state, String previousTeam);

  /** Routes one handed-back item again; completes once the item has taken it back. */
  CompletionStage<Done> handBack(String repId, String itemId, RepEntity.Held held, String reason);

  /** Whether the item's own entity says this rep owns it (or is reserving it). */
  CompletionStage<Boolean> holds(String repId, String itemId, RepEntity.Held held);

  /** The links of a node: dispatchers and item entities through cluster sharding. */
  static RepLinks sharded(ActorSystem<?> system, Duration timeout) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return new RepLinks() {
      @Override
      public void repChanged(RepEntity.State state, String previousTeam) {
        for (WorkKind kind : WorkKind.values()) {
          if (previousTeam != null && !previousTeam.equals(state.profile().team())) {
            sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(previousTeam, kind))
                .tell(new DispatcherEntity.RepLeft(state.repId()));
          }
          sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(state.profile().team(), kind))
              .tell(new DispatcherEntity.RepUpdated(state.snapshot(kind), state.profile().team()));
        }
      }

      @Override
      public CompletionStage<Done> handBack(String repId, String itemId, RepEntity.Held held, String reason) {
        return sharding.entityRefFor(held.kind().entityKey(), itemId)
            .ask(r -> new AssignmentCommand.Reroute(repId, reason, r), timeout);
      }

      @Override
      public CompletionStage<Boolean> holds(String repId, String itemId, RepEntity.Held held) {
        return sharding.entityRefFor(held.kind().entityKey(), itemId)
            .ask(r -> new AssignmentCommand.Holds(repId, r), timeout);
      }
    };
  }
}
