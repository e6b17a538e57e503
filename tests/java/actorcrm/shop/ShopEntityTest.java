package actorcrm.shop;

import actorcrm.node.EntityTestKits;
import actorcrm.pricing.Candidate;
import actorcrm.pricing.ReviewItem;
import actorcrm.pricing.SizeFit;
import actorcrm.pricing.Verdict;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class ShopEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

  private EventSourcedBehaviorTestKit<ShopEntity.Command, ShopEntity.Event, ShopEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ShopEntity.create("经销商1", EntityTestKits.SETTINGS));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<ShopEntity.Command, ShopEntity.Event, ShopEntity.State,
      StatusReply<ShopEntity.State>> opened(String id, boolean repeat) {
    return kit.runCommand(replyTo -> new ShopEntity.CountViolationOpened(id, repeat, T0, replyTo));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<ShopEntity.Command, ShopEntity.Event, ShopEntity.State,
      StatusReply<ShopEntity.State>> resolved(String id) {
    return kit.runCommand(replyTo -> new ShopEntity.CountViolationResolved(id, T0, replyTo));
  }

  static ReviewItem review(String url, String hash) {
    return new ReviewItem(url, "经销商1", "某某牌洗发水 500ml", new BigDecimal("59.90"), "[]", "500ml", Verdict.UNMATCHED,
        List.of(new Candidate("沐浴露", new BigDecimal("0.21"), SizeFit.MATCH)), List.of("title matches no product"),
        hash, T0);
  }

  @Test
  void registeringNamesTheShop() {
    var result = kit.<StatusReply<ShopEntity.State>>runCommand(replyTo -> new ShopEntity.Register("经销商1", replyTo));
    assertEquals("经销商1", result.reply().getValue().name());
    assertTrue(result.state().known());
  }

  @Test
  void openViolationsTotalsAndRepeatOffencesAreCounted() {
    opened("a:125ml#1", false);
    opened("b:30ml#1", false);
    resolved("a:125ml#1");
    var repeat = opened("a:125ml#2", true);
    assertEquals(2, repeat.state().openViolations());
    assertEquals(3, repeat.state().violationsTotal());
    assertEquals(1, repeat.state().repeatOffences());
  }

  @Test
  void aViolationDeliveredAgainIsCountedOnce() {
    opened("a:125ml#1", false);
    assertTrue(opened("a:125ml#1", false).hasNoEvents());
    resolved("a:125ml#1");
    var redelivered = opened("a:125ml#1", false);
    assertTrue(redelivered.hasNoEvents(), "a replay of an already resolved violation must not reopen it");
    assertEquals(0, redelivered.state().openViolations());
    assertEquals(1, redelivered.state().violationsTotal());
  }

  @Test
  void anUnchangedListingIsQueuedForReviewOnce() {
    var first = kit.<StatusReply<Boolean>>runCommand(r -> new ShopEntity.QueueForReview(review("https://x/1", "h1"), r));
    assertTrue(first.reply().getValue());
    var same = kit.<StatusReply<Boolean>>runCommand(r -> new ShopEntity.QueueForReview(review("https://x/1", "h1"), r));
    assertFalse(same.reply().getValue());
    assertTrue(same.hasNoEvents());
    var changed = kit.<StatusReply<Boolean>>runCommand(r -> new ShopEntity.QueueForReview(review("https://x/1", "h2"), r));
    assertTrue(changed.reply().getValue());
  }

  @Test
  void countersSurviveRestartAcrossSnapshots() {
    for (int i = 1; i <= 7; i++) {
      opened("p:1ml#" + i, i > 1);
    }
    resolved("p:1ml#3");
    ShopEntity.State before = kit.getState();
    kit.restart();
    assertEquals(before, kit.getState());
    assertEquals(6, kit.getState().openViolations());
  }

  private ShopEntity.Placement place(String url, String sku) {
    return kit.<StatusReply<ShopEntity.Placement>>runCommand(
        replyTo -> new ShopEntity.PlaceListing(url, sku, T0, replyTo)).reply().getValue();
  }

  @Test
  void aListingPlacedOnAnotherProductNamesTheProductItWasOnBefore() {
    assertNull(place("https://x/1", "精华油1:125ml").previousSku());
    assertNull(place("https://x/1", "精华油1:125ml").previousSku(), "placed where it already is");
    assertEquals("精华油1:125ml", place("https://x/1", "精华油1:200ml").previousSku());
    assertEquals("精华油1:200ml", kit.getState().listingSkus().get("https://x/1"));
    kit.restart();
    assertEquals("精华油1:200ml", place("https://x/1", "精华油2:30ml").previousSku(), "the placement survives a restart");
  }
}
