package actorcrm.sales;

import actorcrm.TestClock;
import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class DedupeIndexEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());

  private final EventSourcedBehaviorTestKit<DedupeIndexEntity.Command, DedupeIndexEntity.Event, DedupeIndexEntity.State>
      kit = EventSourcedBehaviorTestKit.create(testKit.system(),
          DedupeIndexEntity.create("phone:" + UUID.randomUUID(), TestClock.AHEAD));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private String claim(String leadId, String replacing) {
    return kit.<StatusReply<String>>runCommand(r -> new DedupeIndexEntity.Claim(leadId, replacing, r)).reply().getValue();
  }

  @Test
  void theFirstLeadHoldsTheKeyAndALaterOneIsToldWhoHoldsIt() {
    assertEquals("L-1", claim("L-1", null));
    assertEquals("L-1", claim("L-2", null));
    assertEquals("L-1", kit.restart().state().holder(), "the holder survives a restart");
  }

  @Test
  void aHolderFoundNotOpenIsReplacedOnlyIfItStillHoldsTheKey() {
    claim("L-1", null);
    assertEquals("L-9", claim("L-9", "L-1"));
    assertEquals("L-9", claim("L-3", "L-1"), "L-1 no longer holds the key, so L-3 cannot replace it");
  }

  @Test
  void onlyTheHolderReleasesTheKey() {
    claim("L-1", null);
    assertTrue(kit.runCommand(new DedupeIndexEntity.Release("L-2")).hasNoEvents());
    kit.runCommand(new DedupeIndexEntity.Release("L-1"));
    assertNull(kit.restart().state().holder());
    assertEquals("L-4", claim("L-4", null));
  }
}
