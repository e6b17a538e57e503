package actorcrm.pricing;

import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LogCapturingExtension.class)
class ProductEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());

  private EventSourcedBehaviorTestKit<ProductEntity.Command, ProductEntity.Event, ProductEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(),
        ProductEntity.create("精华油1:125ml", EntityTestKits.SETTINGS));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEntity.Event,
      ProductEntity.State, StatusReply<ProductEntity.State>> set(String list, String floor) {
    return kit.runCommand(replyTo -> new ProductEntity.SetReference("精华油1", "125ml", new BigDecimal(list),
        new BigDecimal(floor), replyTo));
  }

  @Test
  void referenceRowIsStoredWithExactMoney() {
    var result = set("200", "180");
    assertTrue(result.reply().isSuccess());
    ProductEntity.ReferencePrice ref = result.state().reference();
    assertEquals(new BigDecimal("200.00"), ref.listPrice());
    assertEquals(new BigDecimal("180.00"), ref.floor());
    assertEquals(1, ref.version());
    assertTrue(result.state().known());
  }

  @Test
  void reimportRaisesTheVersionAndKeepsTheFloorHistory() {
    set("200", "180");
    set("210", "180");
    var result = set("210", "170");
    assertEquals(3, result.state().reference().version());
    List<BigDecimal> floors = result.state().floorHistory().stream().map(ProductEntity.FloorChange::floor).toList();
    assertEquals(List.of(new BigDecimal("180.00"), new BigDecimal("170.00")), floors);
  }

  @Test
  void unchangedRowWritesNoEvent() {
    set("200", "180");
    var again = set("200.00", "180.0");
    assertTrue(again.hasNoEvents());
    assertEquals(1, again.state().reference().version());
  }

  @Test
  void nonPositiveFloorIsRejectedAndNothingIsStored() {
    var result = set("200", "0");
    assertTrue(result.reply().isError());
    assertTrue(result.reply().getError().getMessage().contains("floor"));
    assertTrue(result.hasNoEvents());
    assertFalse(result.state().known());
  }

  @Test
  void stateIsTheSameAfterRestart() {
    set("200", "180");
    set("200", "175");
    ProductEntity.State before = kit.getState();
    kit.restart();
    assertEquals(before, kit.getState());
  }
}
