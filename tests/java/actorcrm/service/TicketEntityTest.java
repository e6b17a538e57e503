package actorcrm.service;

import actorcrm.Eventually;
import actorcrm.dispatch.AssignmentCommand;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.FakeAssignmentLinks;
import actorcrm.dispatch.ItemCommand;
import actorcrm.dispatch.ItemEvent;
import actorcrm.node.EntityTestKits;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assignment protocol as a ticket runs it, with the dispatcher and the reps answered by fakes. */
@ExtendWith(LogCapturingExtension.class)
class TicketEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final ServiceSettings SERVICE = new ServiceSettings(SlaPolicy.defaults());
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final String ticketId = "T-" + UUID.randomUUID();
  private final FakeAssignmentLinks links = new FakeAssignmentLinks(List.of("ann"));
  private final EventSourcedBehaviorTestKit<ItemCommand, ItemEvent, TicketState> kit = EventSourcedBehaviorTestKit.create(
      testKit.system(), TicketEntity.create(ticketId, EntityTestKits.SETTINGS, SERVICE, EntityTestKits.RETRIES, links, null));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static TicketEntity.TicketInfo info() {
    return new TicketEntity.TicketInfo("key", "c-1", CustomerTier.VIP, 3, Map.of("billing", 2), "发票", "desk");
  }

  private List<Class<?>> journal() {
    return kit.persistenceTestKit().persistedInStorage("ticket|" + ticketId).stream()
        .<Class<?>>map(Object::getClass).toList();
  }

  @Test
  void aTicketIsProposedThenAssignedAndItsCreatorHearsTheOwner() {
    TicketState created = kit.<StatusReply<TicketState>>runCommand(r -> new TicketEntity.Create(info(), r))
        .reply().getValue();
    assertEquals(TicketEntity.Routing.ASSIGNED, created.routing());
    assertEquals("ann", created.owner());
    assertEquals("ann", links.reserved.get(ticketId));
    assertEquals(List.of(TicketEntity.Created.class, AssignmentEvent.Proposed.class, AssignmentEvent.Assigned.class),
        journal());
  }

  @Test
  void aRefusedReservationIsGivenBackAndTheTicketIsRoutedAgain() {
    links.refusingOnce.add("ann");
    TicketState created = kit.<StatusReply<TicketState>>runCommand(r -> new TicketEntity.Create(info(), r))
        .reply().getValue();
    assertEquals("ann", created.owner());
    assertEquals(List.of(TicketEntity.Created.class, AssignmentEvent.Proposed.class,
        AssignmentEvent.ProposalRefused.class, AssignmentEvent.Proposed.class, AssignmentEvent.Assigned.class), journal());
    assertTrue(links.released.contains("ann:" + ticketId), "the refused reservation is released: " + links.released);
    assertTrue(created.decisions().get(0).outcome().startsWith("refused by ann"), created.decisions().toString());
  }

  @Test
  void aTicketRestartedWhileReservingReservesAtTheSameRepAgain() {
    links.silent.add("ann");
    TestProbe<StatusReply<TicketState>> creator = testKit.createTestProbe();
    kit.runCommand(new TicketEntity.Create(info(), creator.ref()));
    Eventually.await(WAIT, () -> assertEquals(TicketEntity.Routing.PROPOSED, kit.getState().routing()));
    links.silent.remove("ann");
    kit.restart();
    Eventually.await(WAIT, () -> assertEquals("ann", kit.getState().owner()));
    assertEquals(List.of(TicketEntity.Created.class, AssignmentEvent.Proposed.class, AssignmentEvent.Assigned.class),
        journal());
  }

  @Test
  void aRepHandingTheTicketBackUnassignsItAndItIsRoutedAgain() {
    kit.<StatusReply<TicketState>>runCommand(r -> new TicketEntity.Create(info(), r));
    Done done = kit.<Done>runCommand(r -> new AssignmentCommand.Reroute("ann", "rep departed", r)).reply();
    assertEquals(Done.getInstance(), done);
    Eventually.await(WAIT, () -> assertEquals(TicketEntity.Routing.ASSIGNED, kit.getState().routing()));
    assertEquals(List.of(TicketEntity.Created.class, AssignmentEvent.Proposed.class, AssignmentEvent.Assigned.class,
        AssignmentEvent.Unassigned.class, AssignmentEvent.Proposed.class, AssignmentEvent.Assigned.class), journal());
  }

  @Test
  void aTicketSaysWhichRepItCountsAsItsOwner() {
    kit.<StatusReply<TicketState>>runCommand(r -> new TicketEntity.Create(info(), r));
    assertTrue(kit.<Boolean>runCommand(r -> new AssignmentCommand.Holds("ann", r)).reply());
    assertFalse(kit.<Boolean>runCommand(r -> new AssignmentCommand.Holds("bob", r)).reply());
  }

  @Test
  void resolvingGivesTheOwnersCapacityBackAndLeavesTheQueue() {
    kit.<StatusReply<TicketState>>runCommand(r -> new TicketEntity.Create(info(), r));
    TicketState resolved = kit.<StatusReply<TicketState>>runCommand(
        r -> new TicketEntity.SetProgress(TicketEntity.Progress.RESOLVED, r)).reply().getValue();
    assertEquals(TicketEntity.Routing.DONE, resolved.routing());
    assertTrue(links.released.contains("ann:" + ticketId), links.released.toString());
    assertEquals(List.of(ticketId), links.withdrawn);
  }

  @Test
  void aProposalToATicketThatDoesNotExistIsDeclinedAndJournalsNothing() {
    var result = kit.<Done>runCommand(r -> new AssignmentCommand.Propose("ann", null, r));
    assertEquals(Done.getInstance(), result.reply());
    assertTrue(result.hasNoEvents());
    assertFalse(kit.getState().known());
  }
}
