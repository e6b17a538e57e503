package actorcrm.node;

import actorcrm.dispatch.Assignment;
import actorcrm.dispatch.AssignmentCommand;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.DispatcherEntity;
import actorcrm.dispatch.FairnessState;
import actorcrm.dispatch.Presence;
import actorcrm.dispatch.RepEntity;
import actorcrm.dispatch.RepProfile;
import actorcrm.dispatch.RepSnapshot;
import actorcrm.dispatch.RoutingPolicy;
import actorcrm.dispatch.RoutingRecord;
import actorcrm.dispatch.WorkItem;
import actorcrm.dispatch.WorkKind;
import actorcrm.dispatch.WorkQueue;
import actorcrm.pricing.Candidate;
import actorcrm.pricing.LandedPrice;
import actorcrm.pricing.Observation;
import actorcrm.pricing.Offer;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ProductEvent;
import actorcrm.pricing.PricePoint;
import actorcrm.pricing.ProductState;
import actorcrm.pricing.ReviewItem;
import actorcrm.pricing.SizeFit;
import actorcrm.pricing.Verdict;
import actorcrm.pricing.Violation;
import actorcrm.sales.ActivityType;
import actorcrm.sales.DedupeIndexEntity;
import actorcrm.sales.LeadEntity;
import actorcrm.sales.LeadInfo;
import actorcrm.sales.LeadStage;
import actorcrm.sales.LeadState;
import actorcrm.service.CustomerTier;
import actorcrm.service.SlaAlert;
import actorcrm.service.SlaEvent;
import actorcrm.service.SlaPolicy;
import actorcrm.service.SlaTimer;
import actorcrm.service.TicketEntity;
import actorcrm.service.TicketPriority;
import actorcrm.service.TicketState;
import actorcrm.shop.ShopEntity;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    ActorRef<StatusReply<ProductState>> statusRef = testKit.<StatusReply<ProductState>>createTestProbe().ref();
    var landed = new LandedPrice(new BigDecimal("172.00"), 10, new BigDecimal("1900.00"), new BigDecimal("1720.00"),
        List.of("10 x 190.00 = 1900.00", "每满200减20 x9 = -180.00", "1720.00 / 10 = 172.00"));
    var observation = new Observation("https://shop/a", "经销商1", "精华油1", "https://img/a.jpg", new BigDecimal("190.00"), "['每满200减20']",
        "125ml", 1, Verdict.VIOLATION, true, landed, false, List.of("每满200减20"), List.of("买一送一"), List.of("note"),
        new BigDecimal("0.99"), AT);
    var history = List.of(new PricePoint(new BigDecimal("200.00"), "[]", new BigDecimal("200.00"), 1, Verdict.OK, AT, AT),
        new PricePoint(new BigDecimal("190.00"), "['每满200减20']", new BigDecimal("172.00"), 10, Verdict.VIOLATION, AT, AT));
    var evidence = new Violation.Evidence("https://shop/a", "精华油1", "https://img/a.jpg", new BigDecimal("190.00"),
        "['每满200减20']", List.of("每满200减20"), new BigDecimal("172.00"), 10, landed.steps(), false, AT, history);
    var violation = new Violation("精华油1:125ml#1", "精华油1:125ml", "https://shop/a", "经销商1", Violation.Status.OPEN,
        new BigDecimal("172.00"), 10, new BigDecimal("172.00"), new BigDecimal("180.00"), new BigDecimal("4.44"), false,
        AT, AT, null, null, evidence, new Violation.Enforcement(List.of(new Violation.Notice(Violation.Channel.WANGWANG,
            "小李", "请恢复价格", "operator:li", AT)), AT.plusSeconds(172_800), null));
    var offer = new Offer("https://shop/a", "经销商1", "精华油1", "https://img/a.jpg", new BigDecimal("190.00"), "['每满200减20']",
        Verdict.VIOLATION, true, new BigDecimal("172.00"), 10, false, List.of("每满200减20"), List.of(), landed.steps(),
        List.of(), "abc", AT, AT);
    var state = new ProductState("精华油1:125ml",
        new ProductState.ReferencePrice("精华油1", "125ml", new BigDecimal("200.00"), new BigDecimal("180.00"), 2, AT),
        List.of(new ProductState.FloorChange(new BigDecimal("185.50"), 1, AT)),
        Map.of(offer.listingUrl(), offer), Map.of(violation.listingUrl(), violation), 1,
        Map.of(offer.listingUrl(), history));

    roundTrip(new ProductEntity.SetReference("精华油1", "125ml", new BigDecimal("200.00"), new BigDecimal("180.00"), statusRef));
    roundTrip(new ProductEntity.RecordOffer(observation,
        testKit.<StatusReply<ProductEntity.OfferOutcome>>createTestProbe().ref()));
    roundTrip(new ProductEntity.ExpireUnseen(AT, Duration.ofHours(72), testKit.<StatusReply<Integer>>createTestProbe().ref()));
    roundTrip(new ProductEntity.Get(testKit.<ProductState>createTestProbe().ref()));
    roundTrip(new ProductEntity.ListingMoved("https://shop/a", "精华油1:200ml", AT,
        testKit.<StatusReply<Integer>>createTestProbe().ref()));
    roundTrip(new ProductEntity.OfferOutcome("精华油1:125ml", "https://shop/a", false, "opened", "精华油1:125ml#1", true));
    roundTrip(new ProductEvent.ReferenceSet("精华油1", "125ml", new BigDecimal("200.00"), new BigDecimal("180.00"), AT));
    roundTrip(new ProductEvent.OfferRecorded(offer, true));
    roundTrip(new ProductEvent.OfferDropped("https://shop/a", AT));
    roundTrip(new ProductEvent.ViolationOpened(violation));
    roundTrip(new ProductEvent.ViolationDeepened(violation.id(), "https://shop/a", new BigDecimal("162.00"), 10,
        new BigDecimal("180.00"), new BigDecimal("10.00"), evidence, AT));
    roundTrip(new ProductEvent.ViolationSeen(violation.id(), "https://shop/a", new BigDecimal("172.00"), 10,
        new BigDecimal("180.00"), new BigDecimal("4.44"), AT));
    roundTrip(new ProductEntity.NoticeViolation(violation.id(), Violation.Channel.EMAIL, "小李", "请恢复价格", "admin:admin",
        testKit.<StatusReply<Violation>>createTestProbe().ref()));
    roundTrip(new ProductEntity.EscalateOverdue(AT, testKit.<StatusReply<Integer>>createTestProbe().ref()));
    roundTrip(new ProductEvent.ViolationNoticed(violation.id(), "https://shop/a", "经销商1",
        violation.enforcement().notices().get(0), AT.plusSeconds(172_800)));
    roundTrip(new ProductEvent.ViolationEscalated(violation.id(), "https://shop/a", "经销商1", AT, 1,
        new BigDecimal("172.00"), new BigDecimal("180.00"), new BigDecimal("4.44"), AT.plusSeconds(172_800)));
    roundTrip(new ProductEvent.ViolationResolved(violation.id(), "https://shop/a", "经销商1",
        Violation.Resolution.LISTING_GONE, AT, new BigDecimal("172.00"), new BigDecimal("180.00"), null));
    roundTrip(new ProductEvent.ViolationResolved(violation.id(), "https://shop/a", "经销商1",
        Violation.Resolution.MOVED, AT, new BigDecimal("172.00"), new BigDecimal("180.00"), "精华油1:200ml"));
    roundTrip(state);
    roundTrip(ProductState.empty("x:1ml"));
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.success(state), true);
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.success(violation), true);
    ProductState back = (ProductState) new SerializationTestKit(testKit.system()).verifySerialization(state, true);
    assertEquals(new BigDecimal("185.50"), back.floorHistory().get(0).floor());
    assertEquals(new BigDecimal("172.00"), back.priceHistory().get("https://shop/a").get(1).landedPrice());
  }

  @Test
  void shopMessagesRoundTrip() {
    ActorRef<StatusReply<ShopEntity.State>> statusRef = testKit.<StatusReply<ShopEntity.State>>createTestProbe().ref();
    var item = new ReviewItem("https://x/1", "经销商1", "某某牌洗发水", new BigDecimal("59.90"), "[]", "500ml",
        Verdict.UNMATCHED, List.of(new Candidate("沐浴露", new BigDecimal("0.21"), SizeFit.MATCH)), List.of("n"), "h", AT);
    roundTrip(new ShopEntity.Register("经销商1", statusRef));
    roundTrip(new ShopEntity.QueueForReview(item, testKit.<StatusReply<Boolean>>createTestProbe().ref()));
    roundTrip(new ShopEntity.CountViolationOpened("a:1ml#1", true, AT, statusRef));
    roundTrip(new ShopEntity.CountViolationResolved("a:1ml#1", AT, statusRef));
    roundTrip(new ShopEntity.PlaceListing("https://x/1", "a:1ml", AT,
        testKit.<StatusReply<ShopEntity.Placement>>createTestProbe().ref()));
    roundTrip(new ShopEntity.Placement("a:2ml"));
    roundTrip(new ShopEntity.Placement(null));
    roundTrip(new ShopEntity.ListingPlaced("https://x/1", "a:1ml", AT));
    roundTrip(new ShopEntity.Get(testKit.<ShopEntity.State>createTestProbe().ref()));
    roundTrip(new ShopEntity.Registered("经销商1", AT));
    roundTrip(new ShopEntity.ListingQueuedForReview(item));
    roundTrip(new ShopEntity.ViolationCounted("a:1ml#1", false, AT));
    roundTrip(new ShopEntity.ViolationUncounted("a:1ml#1", AT));
    var state = new ShopEntity.State("经销商1", "经销商1", AT, Set.of("a:1ml#2"), 2, 1, AT, Map.of("a:1ml", 2),
        Map.of("https://x/1", "h"), Map.of("https://x/2", "a:1ml"));
    roundTrip(state);
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.success(state), true);
  }

  @Test
  void repMessagesRoundTrip() {
    ActorRef<StatusReply<RepEntity.State>> statusRef = testKit.<StatusReply<RepEntity.State>>createTestProbe().ref();
    var profile = new RepProfile("Ann", "east", Map.of("vip", 4), 20, 8);
    var held = new RepEntity.Held(WorkKind.TICKET, 3, AT);
    roundTrip(new RepEntity.UpdateProfile(profile, statusRef));
    roundTrip(new RepEntity.SetPresence(Presence.AWAY, statusRef));
    roundTrip(new RepEntity.Depart(statusRef));
    roundTrip(new RepEntity.Reserve("L-1", WorkKind.LEAD, 1, statusRef));
    roundTrip(new RepEntity.Release("L-1", statusRef));
    roundTrip(new RepEntity.GetSnapshot(WorkKind.LEAD, testKit.<RepSnapshot>createTestProbe().ref()));
    roundTrip(new RepEntity.Get(testKit.<RepEntity.State>createTestProbe().ref()));
    roundTrip(new RepEntity.ProfileUpdated(profile, AT));
    roundTrip(new RepEntity.PresenceChanged(Presence.ONLINE, AT));
    roundTrip(new RepEntity.ItemReserved("T-1", WorkKind.TICKET, 3, AT));
    roundTrip(new RepEntity.ItemReleased("T-1", AT));
    roundTrip(new RepEntity.ItemsHandedBack(Map.of("T-1", held), "rep departed", AT));
    roundTrip(new RepEntity.Departed(AT));
    roundTrip(new RepEntity.HandBackConfirmed("T-1", AT));
    var state = new RepEntity.State("ann", profile, Presence.OFFLINE, RepEntity.Employment.DEPARTED, AT, AT,
        Map.of("T-1", held), Map.of("L-9", new RepEntity.Held(WorkKind.LEAD, 1, AT)), 3, 1);
    roundTrip(state);
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.success(state), true);
    new SerializationTestKit(testKit.system()).verifySerialization(StatusReply.error("rep ann has departed"), false);
  }

  @Test
  void leadAndDispatcherMessagesRoundTrip() {
    var info = new LeadInfo("key-1", "客户", "13800138000", "a@b.c", "web", "east", Map.of("vip", 3), 2);
    var item = WorkItem.lead("L-1", Map.of("vip", 3), Set.of("bob"), 2);
    var decision = RoutingPolicy.route(item, List.of(new RepSnapshot("ann", true, Presence.ONLINE, Map.of("vip", 4), 5, 1),
        new RepSnapshot("bob", true, Presence.ONLINE, Map.of("vip", 4), 5, 0)), FairnessState.seeded(7));
    ActorRef<StatusReply<LeadState>> leadRef = testKit.<StatusReply<LeadState>>createTestProbe().ref();
    roundTrip(new LeadEntity.Create(info, leadRef));
    roundTrip(new LeadEntity.Get(testKit.<LeadState>createTestProbe().ref()));
    roundTrip(new LeadEntity.LogActivity("ann", ActivityType.CALL, "called back", leadRef));
    roundTrip(new LeadEntity.ChangeStage(LeadStage.QUOTED, "ann", leadRef));
    roundTrip(new AssignmentCommand.Propose("ann", decision, testKit.<Done>createTestProbe().ref()));
    roundTrip(new AssignmentCommand.Reroute("ann", "rep departed", testKit.<Done>createTestProbe().ref()));
    roundTrip(new AssignmentCommand.Holds("ann", testKit.<Boolean>createTestProbe().ref()));
    roundTrip(new LeadEntity.Created("L-1", info, AT));
    roundTrip(new LeadEntity.Linked("L-0", "ann", AT));
    roundTrip(new AssignmentEvent.Queued(decision, AT));
    roundTrip(new AssignmentEvent.Proposed("ann", decision, AT));
    roundTrip(new AssignmentEvent.Assigned("ann", "east", AT));
    roundTrip(new LeadEntity.FirstContacted("ann", "east", true, AT));
    roundTrip(new AssignmentEvent.ProposalRefused("ann", "full", AT));
    roundTrip(new AssignmentEvent.Unassigned("ann", "idle", true, AT));
    roundTrip(new LeadEntity.SentToManager("east", "idle", AT));
    roundTrip(new LeadEntity.ActivityLogged(new LeadEntity.Activity("ann", ActivityType.VIEW, null, AT)));
    roundTrip(new LeadEntity.StageChanged(new LeadEntity.StageChange(LeadStage.QUALIFIED, LeadStage.QUOTED, "ann", AT),
        "ann", "east"));
    roundTrip(new LeadEntity.QuotationCreated(new LeadEntity.Quotation("Q-L-1-1", "L-1", AT)));
    var assignment = new Assignment(Assignment.Status.ASSIGNED, "ann", null, AT, Set.of("bob"), 1,
        List.of(new RoutingRecord(decision, "proposed", AT)));
    roundTrip(new LeadState("L-1", info, AT, LeadStage.QUOTED, assignment, new LeadState.Link("L-0", "bob"), false, AT,
        List.of(new LeadEntity.Activity("ann", ActivityType.CALL, "x", AT)), List.of(), List.of()));
    roundTrip(new DispatcherEntity.Route(item, testKit.<DispatcherEntity.RouteReply>createTestProbe().ref()));
    roundTrip(new DispatcherEntity.RepUpdated(new RepSnapshot("ann", true, Presence.ONLINE, Map.of(), 5, 1), "east"));
    roundTrip(new RepSnapshot("ann", true, Presence.ONLINE, Map.of("vip", 4), 5, 1));
    roundTrip(new DispatcherEntity.RepLeft("ann"));
    roundTrip(new DispatcherEntity.Withdraw("L-1"));
    roundTrip(new DispatcherEntity.Declined("L-1", "ann", 1));
    roundTrip(new DispatcherEntity.Proposal("ann", decision));
    roundTrip(new DispatcherEntity.Queued(decision));
    roundTrip(new DispatcherEntity.RepRostered("ann"));
    roundTrip(new DispatcherEntity.Enqueued(item, AT));
    roundTrip(new DispatcherEntity.Dequeued("L-1", AT));
    roundTrip(new DispatcherEntity.State(Set.of("ann"), WorkQueue.empty().enqueue(item, AT)));
    roundTrip(new DedupeIndexEntity.Claim("L-1", "L-0", testKit.<StatusReply<String>>createTestProbe().ref()));
    roundTrip(new DedupeIndexEntity.Claimed("L-1", AT));
    roundTrip(new DedupeIndexEntity.State("L-1"));
  }

  @Test
  void ticketMessagesRoundTrip() {
    var info = new TicketEntity.TicketInfo("k", "c-1", CustomerTier.VIP, 4, Map.of("billing", 2), "发票", "desk");
    var clock = SlaPolicy.defaults().start(TicketPriority.P1, AT).pause(AT.plusSeconds(60));
    var item = WorkItem.ticket("T-1", Map.of("billing", 2), 4, Set.of(), 4);
    var decision = RoutingPolicy.route(item, List.of(new RepSnapshot("ann", true, Presence.ONLINE, Map.of("billing", 3), 8, 0)),
        FairnessState.seeded(3));
    ActorRef<StatusReply<TicketState>> ref = testKit.<StatusReply<TicketState>>createTestProbe().ref();
    roundTrip(new TicketEntity.Create(info, ref));
    roundTrip(new TicketEntity.Get(testKit.<TicketState>createTestProbe().ref()));
    roundTrip(new TicketEntity.SetProgress(TicketEntity.Progress.WAITING_ON_CUSTOMER, ref));
    roundTrip(new TicketEntity.Created("T-1", info, TicketPriority.P1, clock, AT));
    roundTrip(new TicketEntity.ProgressChanged(TicketEntity.Progress.RESPONDED, clock.resume(AT.plusSeconds(90)), AT));
    roundTrip(new TicketEntity.SlaAlerted(List.of(new SlaEvent(SlaTimer.FIRST_RESPONSE, SlaAlert.BREACH)),
        clock.due(AT.plusSeconds(7200)).clock(), AT));
    var assignment = new Assignment(Assignment.Status.PROPOSED, null, "ann", null, Set.of(), 0,
        List.of(new RoutingRecord(decision, "proposed", AT)));
    roundTrip(new TicketState("T-1", info, TicketPriority.P1, true, TicketEntity.Progress.OPEN, assignment, clock,
        List.of(new TicketEntity.SlaRecord(new SlaEvent(SlaTimer.RESOLUTION, SlaAlert.WARNING), AT)), AT));
  }
}
