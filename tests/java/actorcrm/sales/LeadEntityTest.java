package actorcrm.sales;

import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.FakeAssignmentLinks;
import actorcrm.dispatch.ItemCommand;
import actorcrm.dispatch.ItemEvent;
import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lead's own lifecycle around the assignment protocol, with the dispatcher, reps and dedupe index answered by fakes. */
@ExtendWith(LogCapturingExtension.class)
class LeadEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final SalesSettings SALES = new SalesSettings(CirculationRule.defaults(), Duration.ofHours(1),
      Duration.ofSeconds(5));

  private final String leadId = "L-" + UUID.randomUUID();
  private final FakeAssignmentLinks links = new FakeAssignmentLinks(List.of("ann"));
  private final List<String> keysReleased = new CopyOnWriteArrayList<>();
  private volatile DedupeClaims.Holder duplicateOf = DedupeClaims.Holder.NONE;
  private final DedupeClaims claims = new DedupeClaims() {
    @Override
    public CompletionStage<Holder> claim(String leadId, LeadInfo info) {
      return CompletableFuture.completedFuture(duplicateOf);
    }

    @Override
    public void release(String leadId, LeadInfo info) {
      keysReleased.add(leadId);
    }
  };
  private final EventSourcedBehaviorTestKit<ItemCommand, ItemEvent, LeadState> kit = EventSourcedBehaviorTestKit.create(
      testKit.system(), LeadEntity.create(leadId, EntityTestKits.SETTINGS, SALES, EntityTestKits.RETRIES, links, claims, null));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static LeadInfo info() {
    return new LeadInfo("key", "客户", "13800138000", "a@b.c", "web", "east", Map.of(), 1);
  }

  private LeadState create() {
    return kit.<StatusReply<LeadState>>runCommand(r -> new LeadEntity.Create(info(), r)).reply().getValue();
  }

  private List<Class<?>> journal() {
    return kit.persistenceTestKit().persistedInStorage("lead|" + leadId).stream().<Class<?>>map(Object::getClass).toList();
  }

  @Test
  void aNewLeadIsJournaledOnlyWithItsFirstRoutingOutcomeAndThenAssigned() {
    LeadState lead = create();
    assertEquals(LeadStatus.ASSIGNED, lead.status());
    assertEquals("ann", lead.owner());
    assertEquals(List.of(LeadEntity.Created.class, AssignmentEvent.Proposed.class, AssignmentEvent.Assigned.class),
        journal());
  }

  @Test
  void aLeadDuplicatingAnOpenLeadIsLinkedToItAndItsOwnerAndNotRouted() {
    LeadState original = LeadState.empty("L-0").apply(new LeadEntity.Created("L-0", info(), null))
        .apply(new AssignmentEvent.Assigned("bob", "east", null));
    duplicateOf = new DedupeClaims.Holder("L-0", original);
    LeadState lead = create();
    assertEquals(LeadStatus.LINKED, lead.status());
    assertEquals("L-0", lead.linkedTo());
    assertEquals("bob", lead.owner());
    assertEquals(List.of(LeadEntity.Created.class, LeadEntity.Linked.class), journal());
    assertTrue(links.routed.isEmpty(), "a linked lead is not routed");
    assertEquals(List.of(leadId), keysReleased);
  }

  @Test
  void anAssignedLeadIsTheSameAfterARestart() {
    LeadState before = create();
    LeadState after = kit.restart().state();
    assertEquals(before, after);
    assertEquals(LeadStatus.ASSIGNED, after.status());
  }

  @Test
  void losingTheLeadGivesItsOwnersCapacityAndItsKeysBack() {
    create();
    LeadState lost = kit.<StatusReply<LeadState>>runCommand(r -> new LeadEntity.ChangeStage(LeadStage.LOST, "ann", r))
        .reply().getValue();
    assertEquals(LeadStatus.CLOSED, lost.status());
    assertEquals("ann", lost.owner(), "a closed lead keeps its owner for the record");
    assertTrue(links.released.contains("ann:" + leadId), links.released.toString());
    assertEquals(List.of(leadId), links.withdrawn);
    assertEquals(List.of(leadId), keysReleased);
  }
}
