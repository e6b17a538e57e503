package actorcrm.pricing;

import actorcrm.TestClock;
import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A product entity in the testkit on a clock the test moves, with the sightings its tests record.
 * One testkit per test class (hence one instance per class); each test starts a new entity at T0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProductEntityFixture {
  static final String SKU = "精华油1:125ml";
  static final String URL = "https://shop/a";
  static final Duration REFRESH = Duration.ofMinutes(1);
  static final Duration FIX_WINDOW = Duration.ofHours(48);
  static final PricingSettings PRICING = new PricingSettings(PriceCheckSettings.defaults(), REFRESH,
      Duration.ofHours(72), Duration.ofMinutes(1), "", FIX_WINDOW);
  static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

  final TestClock clock = TestClock.at(T0);
  EventSourcedBehaviorTestKit<ProductEntity.Command, ProductEvent, ProductState> kit;

  private final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());

  @AfterAll
  void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    clock.set(T0);
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ProductEntity.create(SKU, EntityTestKits.settings(clock), PRICING));
  }

  EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEvent, ProductState,
      StatusReply<ProductState>> set(String list, String floor) {
    return kit.runCommand(replyTo -> new ProductEntity.SetReference("精华油1", "125ml", new BigDecimal(list),
        new BigDecimal(floor), replyTo));
  }

  /** A sighting whose cheapest purchase is {@code quantity} listings at {@code perUnit} each. */
  static Observation sighting(String url, String pagePrice, String perUnit, int quantity, Verdict verdict,
                                      Instant at) {
    return sighting(url, pagePrice, perUnit, quantity, verdict, verdict != Verdict.REVIEW, at);
  }

  static Observation sighting(String url, String pagePrice, String perUnit, int quantity, Verdict verdict,
                                      boolean certain, Instant at) {
    return sighting(url, pagePrice, perUnit, quantity, verdict, certain, List.of(), at);
  }

  static Observation sighting(String url, String pagePrice, String perUnit, int quantity, Verdict verdict,
                                      boolean certain, List<String> unparsed, Instant at) {
    BigDecimal unit = new BigDecimal(perUnit);
    BigDecimal payable = unit.multiply(BigDecimal.valueOf(quantity));
    LandedPrice landed = new LandedPrice(unit, quantity, new BigDecimal(pagePrice).multiply(BigDecimal.valueOf(quantity)),
        payable, List.of("worked example"));
    return new Observation(url, "经销商1", "精华油1 125ml", "https://img/a.jpg", new BigDecimal(pagePrice), "['每满200减20,上不封顶']", "125ml",
        1, verdict, certain, landed, false, List.of("每满200减20上不封顶"), unparsed, List.of(), new BigDecimal("0.99"), at);
  }

  EventSourcedBehaviorTestKit.CommandResultWithReply<ProductEntity.Command, ProductEvent, ProductState,
      StatusReply<ProductEntity.OfferOutcome>> observe(Observation o) {
    return kit.runCommand(replyTo -> new ProductEntity.RecordOffer(o, replyTo));
  }
}
