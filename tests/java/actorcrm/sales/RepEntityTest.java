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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class RepEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final RepEntity.Profile ANN = new RepEntity.Profile("Ann", "east", List.of("vip", "refund"), 20, 8);

  private EventSourcedBehaviorTestKit<RepEntity.Command, RepEntity.Event, RepEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), RepEntity.create("ann", EntityTestKits.SETTINGS));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<RepEntity.Command, RepEntity.Event, RepEntity.State,
      StatusReply<RepEntity.State>> presence(RepEntity.Presence p) {
    return kit.runCommand(replyTo -> new RepEntity.SetPresence(p, replyTo));
  }

  @Test
  void newRepStartsOfflineAndActive() {
    var result = kit.<StatusReply<RepEntity.State>>runCommand(replyTo -> new RepEntity.UpdateProfile(ANN, replyTo));
    assertEquals(ANN, result.reply().getValue().profile());
    assertEquals(RepEntity.Presence.OFFLINE, result.state().presence());
    assertEquals(RepEntity.Employment.ACTIVE, result.state().employment());
  }

  @Test
  void presenceOfAnUnknownRepIsRejected() {
    var result = presence(RepEntity.Presence.ONLINE);
    assertTrue(result.reply().isError());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void negativeCapacityIsRejectedNamingTheField() {
    var bad = new RepEntity.Profile("Ann", "east", List.of(), -1, 8);
    var result = kit.<StatusReply<RepEntity.State>>runCommand(replyTo -> new RepEntity.UpdateProfile(bad, replyTo));
    assertTrue(result.reply().getError().getMessage().contains("lead_capacity"));
  }

  @Test
  void departedRepIsOfflineAndLocked() {
    kit.<StatusReply<RepEntity.State>>runCommand(replyTo -> new RepEntity.UpdateProfile(ANN, replyTo));
    presence(RepEntity.Presence.ONLINE);
    var departed = kit.<StatusReply<RepEntity.State>>runCommand(RepEntity.Depart::new);
    assertEquals(RepEntity.Employment.DEPARTED, departed.state().employment());
    assertEquals(RepEntity.Presence.OFFLINE, departed.state().presence());
    assertTrue(presence(RepEntity.Presence.ONLINE).reply().isError());
    var edit = kit.<StatusReply<RepEntity.State>>runCommand(replyTo -> new RepEntity.UpdateProfile(ANN, replyTo));
    assertTrue(edit.reply().isError());
  }

  @Test
  void profilePresenceAndEmploymentSurviveRestart() {
    kit.<StatusReply<RepEntity.State>>runCommand(replyTo -> new RepEntity.UpdateProfile(ANN, replyTo));
    presence(RepEntity.Presence.ONLINE);
    presence(RepEntity.Presence.AWAY);
    presence(RepEntity.Presence.ONLINE);
    RepEntity.State before = kit.getState();
    kit.restart();
    assertEquals(before, kit.getState());
    assertEquals(RepEntity.Presence.ONLINE, kit.getState().presence());
  }
}
