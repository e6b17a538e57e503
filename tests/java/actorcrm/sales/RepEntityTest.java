package actorcrm.sales;

import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class RepEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final RepEntity.Profile ANN = new RepEntity.Profile("Ann", "east", Map.of("vip", 4, "refund", 2), 2, 8);
  private static final SalesSettings SALES = new SalesSettings(3,
      new PresenceGrace(Duration.ofMillis(300), Duration.ofMillis(300)), CirculationRule.defaults(), Duration.ofHours(1),
      Duration.ofSeconds(5));

  private final List<RepSnapshot> told = new CopyOnWriteArrayList<>();
  private final List<String> handedBack = new CopyOnWriteArrayList<>();
  private EventSourcedBehaviorTestKit<RepEntity.Command, RepEntity.Event, RepEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    RepEntity.Links links = new RepEntity.Links() {
      @Override
      public void repChanged(RepEntity.State state, String previousTeam) {
        told.add(state.snapshot(WorkKind.LEAD));
      }

      @Override
      public void handBack(String repId, Map<String, RepEntity.Held> items, String reason) {
        handedBack.addAll(items.keySet());
      }
    };
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), RepEntity.create("ann", EntityTestKits.SETTINGS, SALES, links));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<RepEntity.Command, RepEntity.Event, RepEntity.State,
      StatusReply<RepEntity.State>> run(java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<StatusReply<RepEntity.State>>, RepEntity.Command> command) {
    return kit.runCommand(command::apply);
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<RepEntity.Command, RepEntity.Event, RepEntity.State,
      StatusReply<RepEntity.State>> reserve(String item, int weight, WorkKind kind) {
    return run(r -> new RepEntity.Reserve(item, kind, weight, r));
  }

  private void onboard() {
    run(r -> new RepEntity.UpdateProfile(ANN, r));
    run(r -> new RepEntity.SetPresence(Presence.ONLINE, r));
  }

  @Test
  void aNewRepStartsOfflineAndActiveAndTellsTheDispatcher() {
    var result = run(r -> new RepEntity.UpdateProfile(ANN, r));
    assertEquals(ANN, result.reply().getValue().profile());
    assertEquals(Presence.OFFLINE, result.state().presence());
    assertEquals(RepEntity.Employment.ACTIVE, result.state().employment());
    assertEquals(1, told.size());
    assertEquals(4, told.get(0).proficiency("vip"));
  }

  @Test
  void reservationsNeverTakeTheRepOverCapacity() {
    onboard();
    assertTrue(reserve("l1", 1, WorkKind.LEAD).reply().isSuccess());
    assertTrue(reserve("l2", 1, WorkKind.LEAD).reply().isSuccess());
    var third = reserve("l3", 1, WorkKind.LEAD);
    assertTrue(third.reply().isError());
    assertTrue(third.reply().getError().getMessage().contains("full"), third.reply().getError().getMessage());
    assertTrue(third.hasNoEvents());
    assertEquals(2, third.state().load(WorkKind.LEAD));
    assertTrue(reserve("t1", 5, WorkKind.TICKET).reply().isSuccess(), "ticket capacity is separate");
  }

  @Test
  void aReservationIsIdempotentPerItem() {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    var again = reserve("l1", 1, WorkKind.LEAD);
    assertTrue(again.reply().isSuccess());
    assertTrue(again.hasNoEvents());
    assertEquals(1, again.state().load(WorkKind.LEAD));
  }

  @Test
  void aRepNotOnlineIsNotGivenWork() {
    run(r -> new RepEntity.UpdateProfile(ANN, r));
    var refused = reserve("l1", 1, WorkKind.LEAD);
    assertTrue(refused.reply().getError().getMessage().contains("offline"));
  }

  @Test
  void releasingFreesCapacity() {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    reserve("l2", 1, WorkKind.LEAD);
    run(r -> new RepEntity.Release("l1", r));
    assertTrue(reserve("l3", 1, WorkKind.LEAD).reply().isSuccess());
  }

  @Test
  void skillProficiencyOutsideOneToFiveIsRejectedNamingTheSkill() {
    var bad = new RepEntity.Profile("Ann", "east", Map.of("vip", 9), 2, 8);
    var result = run(r -> new RepEntity.UpdateProfile(bad, r));
    assertTrue(result.reply().getError().getMessage().contains("vip"));
  }

  @Test
  void departureHandsEverythingBackAndLocksTheRep() {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    reserve("t1", 3, WorkKind.TICKET);
    var departed = kit.<StatusReply<RepEntity.State>>runCommand(RepEntity.Depart::new);
    assertEquals(RepEntity.Employment.DEPARTED, departed.state().employment());
    assertEquals(List.of("l1", "t1"), new ArrayList<>(handedBack));
    assertTrue(departed.state().items().isEmpty());
    assertTrue(run(r -> new RepEntity.SetPresence(Presence.ONLINE, r)).reply().isError());
    assertTrue(reserve("l9", 1, WorkKind.LEAD).reply().isError());
  }

  @Test
  void itemsOfAnAbsentRepAreHandedBackAfterTheGracePeriod() throws Exception {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    run(r -> new RepEntity.SetPresence(Presence.OFFLINE, r));
    Thread.sleep(100);
    assertTrue(handedBack.isEmpty(), "not before the grace period");
    long deadline = System.currentTimeMillis() + 5000;
    while (handedBack.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of("l1"), new ArrayList<>(handedBack));
    assertTrue(kit.getState().items().isEmpty());
  }

  @Test
  void profilePresenceAndHeldItemsSurviveRestart() {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    run(r -> new RepEntity.SetPresence(Presence.AWAY, r));
    run(r -> new RepEntity.SetPresence(Presence.ONLINE, r));
    RepEntity.State before = kit.getState();
    kit.restart();
    assertEquals(before, kit.getState());
    assertEquals(1, kit.getState().load(WorkKind.LEAD));
  }
}
