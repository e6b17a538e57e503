package actorcrm.dispatch;

import actorcrm.node.EntityTestKits;
import org.apache.pekko.Done;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class RepEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final RepProfile ANN = new RepProfile("Ann", "east", Map.of("vip", 4, "refund", 2), 2, 8);
  private static final DispatchSettings SALES = new DispatchSettings(3,
      new PresenceGrace(Duration.ofMillis(300), Duration.ofMillis(300)), Duration.ofMillis(200), EntityTestKits.RETRIES);

  private final List<RepSnapshot> told = new CopyOnWriteArrayList<>();
  private final List<String> handedBack = new CopyOnWriteArrayList<>();
  private volatile boolean itemsAnswer = true;
  private volatile boolean itemsClaimTheRep = true;
  private EventSourcedBehaviorTestKit<RepEntity.Command, RepEntity.Event, RepEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    RepLinks links = new RepLinks() {
      @Override
      public void repChanged(RepEntity.State state, String previousTeam) {
        told.add(state.snapshot(WorkKind.LEAD));
      }

      @Override
      public CompletionStage<Done> handBack(String repId, String itemId, RepEntity.Held held, String reason) {
        handedBack.add(itemId);
        return itemsAnswer ? CompletableFuture.completedFuture(Done.getInstance())
            : CompletableFuture.failedFuture(new TimeoutException("item did not answer"));
      }

      @Override
      public CompletionStage<Boolean> holds(String repId, String itemId, RepEntity.Held held) {
        return CompletableFuture.completedFuture(itemsClaimTheRep);
      }
    };
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), RepEntity.create("ann", EntityTestKits.SETTINGS, SALES, links, null));
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
    var bad = new RepProfile("Ann", "east", Map.of("vip", 9), 2, 8);
    var result = run(r -> new RepEntity.UpdateProfile(bad, r));
    assertTrue(result.reply().getError().getMessage().contains("vip"));
  }

  @Test
  void departureHandsEverythingBackAndLocksTheRep() throws Exception {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    reserve("t1", 3, WorkKind.TICKET);
    var departed = kit.<StatusReply<RepEntity.State>>runCommand(RepEntity.Depart::new);
    assertEquals(RepEntity.Employment.DEPARTED, departed.state().employment());
    awaitTrue(() -> handedBack.size() == 2 && kit.getState().handingBack().isEmpty());
    assertEquals(List.of("l1", "t1"), new ArrayList<>(handedBack));
    assertTrue(kit.getState().items().isEmpty());
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
    awaitTrue(() -> !handedBack.isEmpty());
    assertEquals(List.of("l1"), new ArrayList<>(handedBack));
    assertTrue(kit.getState().items().isEmpty());
  }

  @Test
  void itemsNotConfirmedAsHandedBackAreHandedBackAgainAfterARestart() throws Exception {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    itemsAnswer = false;
    kit.<StatusReply<RepEntity.State>>runCommand(RepEntity.Depart::new);
    awaitTrue(() -> !handedBack.isEmpty());
    assertEquals(List.of("l1"), new ArrayList<>(kit.getState().handingBack().keySet()), "still pending");
    itemsAnswer = true;
    handedBack.clear();
    kit.restart();
    awaitTrue(() -> kit.getState().handingBack().isEmpty());
    assertEquals(List.of("l1"), new ArrayList<>(handedBack));
  }

  @Test
  void aReservationItsItemNoLongerClaimsIsReleasedAfterARestart() throws Exception {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    itemsClaimTheRep = false;
    kit.restart();
    awaitTrue(() -> kit.getState().items().isEmpty());
  }

  @Test
  void whileRunningAReservationItsItemNoLongerClaimsIsReleasedOnceItIsOlderThanAnAnswerCanTake() throws Exception {
    onboard();
    itemsClaimTheRep = false;
    reserve("l1", 1, WorkKind.LEAD);
    Thread.sleep(EntityTestKits.SETTINGS.askTimeout().toMillis() / 2);
    assertEquals(List.of("l1"), new ArrayList<>(kit.getState().items().keySet()),
        "a young reservation may still be on its way to the item's journal");
    awaitTrue(() -> kit.getState().items().isEmpty());
    assertEquals(0, kit.getState().load(WorkKind.LEAD));
  }

  @Test
  void capacityCannotBeLoweredBelowWhatTheRepHolds() {
    onboard();
    reserve("l1", 1, WorkKind.LEAD);
    reserve("l2", 1, WorkKind.LEAD);
    var lower = run(r -> new RepEntity.UpdateProfile(new RepProfile("Ann", "east", Map.of(), 1, 8), r));
    assertTrue(lower.reply().getError().getMessage().contains("lead_capacity 1 is below the load of 2"),
        lower.reply().getError().getMessage());
    var move = run(r -> new RepEntity.UpdateProfile(new RepProfile("Ann", "west", Map.of(), 2, 8), r));
    assertTrue(move.reply().isError(), "a team change would leave the old team's items behind");
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean());
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
