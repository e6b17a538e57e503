package actorcrm.node;

import actorcrm.pricing.ProductEntity;
import actorcrm.sales.RepEntity;
import actorcrm.shop.ShopEntity;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Every command, event, state and reply survives the wire and the journal unchanged, through Jackson CBOR. */
@ExtendWith(LogCapturingExtension.class)
class SerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static void roundTrip(Object message) {
    var serializer = SerializationExtension.get(testKit.system().classicSystem()).findSerializerFor(message);
    assertInstanceOf(JacksonCborSerializer.class, serializer, () -> message.getClass() + " is not bound to CBOR");
    new SerializationTestKit(testKit.system()).verifySerialization(message, true);
  }

  @Test
  void productMessagesRoundTrip() {
    ActorRef<StatusReply<ProductEntity.State>> statusRef = testKit.<StatusReply<ProductEntity.State>>createTestProbe().ref();
    ActorRef<ProductEntity.State> stateRef = testKit.<ProductEntity.State>createTestProbe().ref();
    var reference = new ProductEntity.ReferencePrice("精华油1", "125ml", new BigDecimal("200.00"), new BigDecimal("180.00"), 2, AT);
    var state = new ProductEntity.State("精华油1:125ml", reference,
        List.of(new ProductEntity.FloorChange(new BigDecimal("185.50"), 1, AT), new ProductEntity.FloorChange(new BigDecimal("180.00"), 2, AT)));
    roundTrip(new ProductEntity.SetReference("精华油1", "125ml", new BigDecimal("200.00"), new BigDecimal("180.00"), statusRef));
    roundTrip(new ProductEntity.Get(stateRef));
    roundTrip(new ProductEntity.ReferenceSet("精华油1", "125ml", new BigDecimal("200.00"), new BigDecimal("180.00"), AT));
    roundTrip(state);
    roundTrip(ProductEntity.State.empty("x:1ml"));
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.success(state), true);
    assertEquals(new BigDecimal("185.50"),
        ((ProductEntity.State) new SerializationTestKit(testKit.system()).verifySerialization(state, true))
            .floorHistory().get(0).floor());
  }

  @Test
  void shopMessagesRoundTrip() {
    ActorRef<StatusReply<ShopEntity.State>> statusRef = testKit.<StatusReply<ShopEntity.State>>createTestProbe().ref();
    roundTrip(new ShopEntity.Register("经销商1", statusRef));
    roundTrip(new ShopEntity.RecordListing("https://shop/1", statusRef));
    roundTrip(new ShopEntity.Get(testKit.<ShopEntity.State>createTestProbe().ref()));
    roundTrip(new ShopEntity.Registered("经销商1", AT));
    roundTrip(new ShopEntity.ListingFirstSeen("https://shop/1", AT));
    var state = new ShopEntity.State("经销商1", "经销商1", AT, 2, AT, Set.of("https://shop/1", "https://shop/2"));
    roundTrip(state);
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.success(state), true);
  }

  @Test
  void repMessagesRoundTrip() {
    ActorRef<StatusReply<RepEntity.State>> statusRef = testKit.<StatusReply<RepEntity.State>>createTestProbe().ref();
    var profile = new RepEntity.Profile("Ann", "east", List.of("vip"), 20, 8);
    roundTrip(new RepEntity.UpdateProfile(profile, statusRef));
    roundTrip(new RepEntity.SetPresence(RepEntity.Presence.AWAY, statusRef));
    roundTrip(new RepEntity.Depart(statusRef));
    roundTrip(new RepEntity.Get(testKit.<RepEntity.State>createTestProbe().ref()));
    roundTrip(new RepEntity.ProfileUpdated(profile, AT));
    roundTrip(new RepEntity.PresenceChanged(RepEntity.Presence.ONLINE, AT));
    roundTrip(new RepEntity.Departed(AT));
    var state = new RepEntity.State("ann", profile, RepEntity.Presence.OFFLINE, RepEntity.Employment.DEPARTED, AT, AT);
    roundTrip(state);
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.success(state), true);
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.error("rep ann has departed"), false);
  }
}
