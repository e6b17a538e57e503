package actorcrm.dispatch;

import actorcrm.Eventually;
import actorcrm.node.EntityTestKits;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A team's dispatcher with the reps and items answered by fakes. */
@ExtendWith(LogCapturingExtension.class)
class DispatcherEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final String team = "t" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> snapshotsAsked = new CopyOnWriteArrayList<>();
  private final List<String> proposed = new CopyOnWriteArrayList<>();
  private final DispatcherEntity.Links links = new DispatcherEntity.Links() {
    @Override
    public CompletionStage<RepSnapshot> snapshot(String repId, WorkKind kind) {
      snapshotsAsked.add(repId);
      return CompletableFuture.completedFuture(ann(1, 0));
    }

    @Override
    public CompletionStage<Done> propose(WorkKind kind, String itemId, String repId, RoutingDecision decision) {
      proposed.add(itemId + "->" + repId);
      return CompletableFuture.completedFuture(Done.getInstance());
    }
  };
  private final EventSourcedBehaviorTestKit<DispatcherEntity.Command, DispatcherEntity.Event, DispatcherEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(),
          DispatcherEntity.create(DispatcherEntity.id(team, WorkKind.LEAD), EntityTestKits.SETTINGS, EntityTestKits.RETRIES, links,
              null));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static RepSnapshot ann(int capacity, int load) {
    return new RepSnapshot("ann", true, Presence.ONLINE, Map.of(), capacity, load);
  }

  private DispatcherEntity.RouteReply route(String leadId) {
    return kit.<DispatcherEntity.RouteReply>runCommand(
        r -> new DispatcherEntity.Route(WorkItem.lead(leadId, Map.of(), Set.of(), 1), r)).reply();
  }

  @Test
  void aLeadIsProposedToTheRepWithRoomAndTheRepIsRostered() {
    var updated = kit.runCommand(new DispatcherEntity.RepUpdated(ann(1, 0), team));
    assertInstanceOf(DispatcherEntity.RepRostered.class, updated.event());
    DispatcherEntity.RouteReply reply = route("L-1");
    assertEquals("ann", assertInstanceOf(DispatcherEntity.Proposal.class, reply).repId());
  }

  @Test
  void aLeadNobodyCanTakeWaitsAndIsProposedWhenRoomFrees() {
    kit.runCommand(new DispatcherEntity.RepUpdated(ann(1, 1), team));
    assertInstanceOf(DispatcherEntity.Queued.class, route("L-1"));
    assertEquals(List.of("L-1"), kit.getState().queue().items().stream().map(q -> q.item().itemId()).toList());
    kit.runCommand(new DispatcherEntity.RepUpdated(ann(1, 0), team));
    Eventually.await(WAIT, () -> assertEquals(List.of("L-1->ann"), proposed));
    assertTrue(kit.getState().queue().isEmpty());
  }

  @Test
  void rosterAndQueueSurviveARestartAndTheRepsAreAskedForTheirLoadAgain() {
    kit.runCommand(new DispatcherEntity.RepUpdated(ann(1, 1), team));
    route("L-1");
    DispatcherEntity.State after = kit.restart().state();
    assertEquals(Set.of("ann"), after.roster());
    assertTrue(after.queue().contains("L-1"));
    Eventually.await(WAIT, () -> assertEquals(List.of("ann"), snapshotsAsked));
    // The snapshot the fake answers has room, so the waiting lead is proposed once the view is rebuilt.
    Eventually.await(WAIT, () -> assertEquals(List.of("L-1->ann"), proposed));
  }

  @Test
  void aRepNowInAnotherTeamLeavesTheRoster() {
    kit.runCommand(new DispatcherEntity.RepUpdated(ann(1, 0), team));
    var moved = kit.runCommand(new DispatcherEntity.RepUpdated(ann(1, 0), "elsewhere"));
    assertInstanceOf(DispatcherEntity.RepUnrostered.class, moved.event());
    assertInstanceOf(DispatcherEntity.Queued.class, route("L-1"));
  }
}
