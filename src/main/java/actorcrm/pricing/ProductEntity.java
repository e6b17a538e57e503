package actorcrm.pricing;

import actorcrm.platform.CborSerializable;
import actorcrm.platform.RejoinSafeAllocation;
import actorcrm.platform.EntitySettings;
import actorcrm.pricing.ProductEvent.OfferDropped;
import actorcrm.pricing.ProductEvent.OfferRecorded;
import actorcrm.pricing.ProductEvent.ReferenceSet;
import actorcrm.pricing.ProductEvent.ViolationDeepened;
import actorcrm.pricing.ProductEvent.ViolationEscalated;
import actorcrm.pricing.ProductEvent.ViolationNoticed;
import actorcrm.pricing.ProductEvent.ViolationOpened;
import actorcrm.pricing.ProductEvent.ViolationResolved;
import actorcrm.pricing.ProductEvent.ViolationSeen;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One product (SKU = canonical product + size). Holds the brand's reference row with its floor
 * history and every listing's current offer, and runs each listing's violation lifecycle against
 * its own floor. Events are persisted before the caller is answered.
 */
public final class ProductEntity extends EventSourcedBehaviorWithEnforcedReplies<ProductEntity.Command, ProductEvent, ProductState> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "product");

  public sealed interface Command extends CborSerializable {}

  /** Sets the reference row; an unchanged row is acknowledged without a new event. */
  public record SetReference(String product, String size, BigDecimal listPrice, BigDecimal floor,
                             ActorRef<StatusReply<ProductState>> replyTo) implements Command {}

  /** A sighting of a listing matched to this product; answered once its consequences are journaled. */
  public record RecordOffer(Observation observation, ActorRef<StatusReply<OfferOutcome>> replyTo) implements Command {}

  /**
   * The listing was sighted at {@code at} selling {@code toSku} with certainty: its violation here
   * resolves as moved and its offer is dropped. Answers how many events it wrote (0 when it knew nothing newer).
   */
  public record ListingMoved(String listingUrl, String toSku, Instant at, ActorRef<StatusReply<Integer>> replyTo)
      implements Command {}

  /**
   * Records a notice to the shop on open violation {@code violationId} at this entity's time and
   * answers the violation with it; the first notice starts the fix window.
   */
  public record NoticeViolation(String violationId, Violation.Channel channel, String by, String text, String recordedBy,
                                ActorRef<StatusReply<Violation>> replyTo) implements Command {}

  /** Escalates, once each, the open violations whose fix window passed by {@code now}; answers how many. */
  public record EscalateOverdue(Instant now, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  /** Resolves and drops listings not seen for {@code ttl} before {@code now}. */
  public record ExpireUnseen(Instant now, Duration ttl, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  public record Get(ActorRef<ProductState> replyTo) implements Command {}

  /**
   * What one sighting did: {@code change} is none, opened, deepened, seen or resolved; {@code placed}
   * when the listing has just become certain here (new, or uncertain before), so the product it sold
   * before, if any, must learn that it left.
   */
  public record OfferOutcome(String sku, String listingUrl, boolean duplicate, String change, String violationId,
                             boolean placed) implements CborSerializable {}

  public static void init(ActorSystem<?> system, EntitySettings settings, PricingSettings pricing) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), settings, pricing))
        .withAllocationStrategy(RejoinSafeAllocation.of(system)));
  }

  public static Behavior<Command> create(String sku, EntitySettings settings, PricingSettings pricing) {
    return new ProductEntity(sku, settings, pricing);
  }

  private final String sku;
  private final EntitySettings settings;
  private final Clock clock;
  private final Duration seenRefresh;
  private final Duration listingTtl;
  private final Duration fixWindow;

  private ProductEntity(String sku, EntitySettings settings, PricingSettings pricing) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), sku));
    this.sku = sku;
    this.settings = settings;
    this.clock = settings.clock();
    this.seenRefresh = pricing.seenRefresh();
    this.listingTtl = pricing.listingTtl();
    this.fixWindow = pricing.fixWindow();
  }

  @Override
  public ProductState emptyState() {
    return ProductState.empty(sku);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.retention();
  }

  @Override
  public Set<String> tagsFor(ProductEvent event) {
    if (event instanceof ReferenceSet) {
      return Set.of(ProductEvent.CATALOG_TAG);
    }
    if (event instanceof OfferRecorded recorded && !recorded.reviewCleared()) {
      return Set.of();
    }
    if (ViolationTags.isSliced(event)) {
      return Set.of(ProductEvent.TAG, ViolationTags.forSku(sku));
    }
    return Set.of(ProductEvent.TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, ProductEvent, ProductState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(SetReference.class, this::onSetReference)
        .onCommand(RecordOffer.class, this::onRecordOffer)
        .onCommand(ListingMoved.class, this::onListingMoved)
        .onCommand(NoticeViolation.class, this::onNotice)
        .onCommand(EscalateOverdue.class, this::onEscalateOverdue)
        .onCommand(ExpireUnseen.class, this::onExpireUnseen)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<ProductEvent, ProductState> onSetReference(ProductState state, SetReference cmd) {
    String problem = problem(cmd);
    if (problem != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(problem));
    }
    BigDecimal list = money(cmd.listPrice());
    BigDecimal floor = money(cmd.floor());
    ProductState.ReferencePrice current = state.reference();
    if (current != null && current.product().equals(cmd.product()) && current.size().equals(cmd.size())
        && current.listPrice().compareTo(list) == 0 && current.floor().compareTo(floor) == 0) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    Instant now = clock.instant();
    ReferenceSet set = new ReferenceSet(cmd.product(), cmd.size(), list, floor, now);
    List<ProductEvent> events = new ArrayList<>();
    events.add(set);
    events.addAll(state.apply(set).rejudgeAll(now, listingTtl));
    return Effect().persist(events).thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<ProductEvent, ProductState> onRecordOffer(ProductState state, RecordOffer cmd) {
    Observation o = cmd.observation();
    if (o.listingUrl() == null || o.listingUrl().isBlank()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("item_url is required"));
    }
    List<ProductEvent> events = state.observe(o, seenRefresh);
    if (events.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(new OfferOutcome(sku, o.listingUrl(), true, "none", null,
          false)));
    }
    OfferOutcome outcome = outcome(o.listingUrl(), events);
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> StatusReply.success(outcome));
  }

  private ReplyEffect<ProductEvent, ProductState> onListingMoved(ProductState state, ListingMoved cmd) {
    List<ProductEvent> events = state.moveAway(cmd.listingUrl(), cmd.toSku(), cmd.at());
    if (events.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(0));
    }
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> StatusReply.success(events.size()));
  }

  private ReplyEffect<ProductEvent, ProductState> onNotice(ProductState state, NoticeViolation cmd) {
    Violation v = state.violation(cmd.violationId());
    if (v == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("no violation " + cmd.violationId() + " on product " + sku
          + " (unknown, or an older one of a listing that has had a newer violation since)"));
    }
    if (!v.open()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("violation " + cmd.violationId() + " is resolved ("
          + v.resolution().wire() + " at " + v.resolvedAt() + "); a notice needs an open violation"));
    }
    Violation.Notice notice = new Violation.Notice(cmd.channel(), cmd.by(), cmd.text(), cmd.recordedBy(), clock.instant());
    return Effect().persist(state.notice(v, notice, fixWindow))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(s.violation(cmd.violationId())));
  }

  private ReplyEffect<ProductEvent, ProductState> onEscalateOverdue(ProductState state, EscalateOverdue cmd) {
    List<ProductEvent> events = state.escalateOverdue(cmd.now());
    if (events.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(0));
    }
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> StatusReply.success(events.size()));
  }

  private ReplyEffect<ProductEvent, ProductState> onExpireUnseen(ProductState state, ExpireUnseen cmd) {
    List<ProductEvent> events = state.expire(cmd.now(), cmd.ttl());
    int dropped = (int) events.stream().filter(e -> e instanceof OfferDropped).count();
    if (events.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(0));
    }
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> StatusReply.success(dropped));
  }

  private OfferOutcome outcome(String url, List<ProductEvent> events) {
    boolean placed = events.stream().anyMatch(e -> e instanceof OfferRecorded r && r.reviewCleared());
    for (ProductEvent e : events) {
      if (e instanceof ViolationOpened v) {
        return new OfferOutcome(sku, url, false, "opened", v.violation().id(), placed);
      }
      if (e instanceof ViolationDeepened v) {
        return new OfferOutcome(sku, url, false, "deepened", v.id(), placed);
      }
      if (e instanceof ViolationSeen v) {
        return new OfferOutcome(sku, url, false, "seen", v.id(), placed);
      }
      if (e instanceof ViolationResolved v) {
        return new OfferOutcome(sku, url, false, "resolved", v.id(), placed);
      }
    }
    return new OfferOutcome(sku, url, false, "none", null, placed);
  }

  private static String problem(SetReference cmd) {
    if (cmd.product() == null || cmd.product().isBlank()) {
      return "product is required";
    }
    if (cmd.size() == null || cmd.size().isBlank()) {
      return "size is required";
    }
    if (cmd.floor() == null || cmd.floor().signum() <= 0) {
      return "floor must be a positive amount, got " + cmd.floor();
    }
    if (cmd.listPrice() == null || cmd.listPrice().signum() < 0) {
      return "list_price must be zero or more, got " + cmd.listPrice();
    }
    return null;
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  @Override
  public EventHandler<ProductState, ProductEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ReferenceSet.class, ProductState::apply)
        .onEvent(OfferRecorded.class, ProductState::apply)
        .onEvent(OfferDropped.class, ProductState::apply)
        .onEvent(ViolationOpened.class, ProductState::apply)
        .onEvent(ViolationDeepened.class, ProductState::apply)
        .onEvent(ViolationSeen.class, ProductState::apply)
        .onEvent(ViolationResolved.class, ProductState::apply)
        .onEvent(ViolationNoticed.class, ProductState::apply)
        .onEvent(ViolationEscalated.class, ProductState::apply)
        .build();
  }
}
