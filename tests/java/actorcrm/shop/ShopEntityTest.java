package actorcrm.shop;

import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class ShopEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());

  private EventSourcedBehaviorTestKit<ShopEntity.Command, ShopEntity.Event, ShopEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ShopEntity.create("经销商1", EntityTestKits.SETTINGS));
  }

  @Test
  void registeringNamesTheShop() {
    var result = kit.<StatusReply<ShopEntity.State>>runCommand(
        replyTo -> new ShopEntity.Register("经销商1", replyTo));
    assertEquals("经销商1", result.reply().getValue().name());
    assertTrue(result.state().known());
  }

  @Test
  void listingsAreCountedOncePerUrl() {
    kit.<StatusReply<ShopEntity.State>>runCommand(replyTo -> new ShopEntity.RecordListing("https://shop/1", replyTo));
    kit.<StatusReply<ShopEntity.State>>runCommand(replyTo -> new ShopEntity.RecordListing("https://shop/2", replyTo));
    var again = kit.<StatusReply<ShopEntity.State>>runCommand(
        replyTo -> new ShopEntity.RecordListing("https://shop/1", replyTo));
    assertTrue(again.hasNoEvents());
    assertEquals(2, again.state().listings());
  }

  @Test
  void countersSurviveRestartAcrossSnapshots() {
    for (int i = 0; i < 7; i++) {
      int n = i;
      kit.<StatusReply<ShopEntity.State>>runCommand(replyTo -> new ShopEntity.RecordListing("https://shop/" + n, replyTo));
    }
    ShopEntity.State before = kit.getState();
    kit.restart();
    assertEquals(before, kit.getState());
    assertEquals(7, kit.getState().listings());
  }
}
