package actorcrm.shop;

import actorcrm.platform.CborSerializable;
import actorcrm.platform.RejoinSafeAllocation;
import actorcrm.platform.EntitySettings;
import actorcrm.pricing.ProductEvent;
import actorcrm.pricing.ReviewItem;
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

import org.pcollections.PSortedMap;
import org.pcollections.PSortedSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One shop (a distributor's shop, keyed by its name as the listings carry it). Holds its identity,
 * its listings awaiting review, the product each of its listings was last matched to with certainty
 * (so a listing that moves to another product resolves its violation on the old one at once), and
 * its price-control record: open violations, all violations ever, and repeat offences (a listing
 * breaking the floor again after a resolved violation).
 */
public final class ShopEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ShopEntity.Command, ShopEntity.Event, ShopEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "shop");

  public sealed interface Command extends CborSerializable {}

  /** Names the shop; the first call registers it, later ones with another name rename it. */
  public record Register(String name, ActorRef<StatusReply<State>> replyTo) implements Command {}

  /** A listing of this shop needs a person; an unchanged one already queued writes nothing. */
  public record QueueForReview(ReviewItem item, ActorRef<StatusReply<Boolean>> replyTo) implements Command {}

  /** A violation of this shop opened; counted once per violation id, however often it is delivered. */
  public record CountViolationOpened(String violationId, boolean repeat, Instant at,
                                     ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record CountViolationResolved(String violationId, Instant at, ActorRef<StatusReply<State>> replyTo)
      implements Command {}

  /**
   * A listing of this shop was matched to {@code sku} with certainty; answers the product it was
   * placed on before ({@code previousSku} null when none). Placing it where it already is writes nothing.
   */
  public record PlaceListing(String listingUrl, String sku, Instant at, ActorRef<StatusReply<Placement>> replyTo)
      implements Command {}

  public record Placement(String previousSku) implements CborSerializable {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Registered(String name, Instant at) implements Event {}

  public record ListingQueuedForReview(ReviewItem item) implements Event {}

  public record ViolationCounted(String violationId, boolean repeat, Instant at) implements Event {}

  public record ViolationUncounted(String violationId, Instant at) implements Event {}

  public record ListingPlaced(String listingUrl, String sku, Instant at) implements Event {}

  /**
   * {@code countedUpTo} holds, per SKU, the highest violation number counted (ids are {@code sku#n}),
   * so a violation delivered again after it resolved is not counted twice. {@code listingSkus} maps
   * each listing URL to the product it was last placed on (absent in snapshots written before it existed).
   */
  public record State(String shopId, String name, Instant registeredAt, Set<String> openViolationIds,
                      long violationsTotal, long repeatOffences, Instant lastViolationAt,
                      Map<String, Integer> countedUpTo, Map<String, String> reviewHashes,
                      Map<String, String> listingSkus) implements CborSerializable {
    public State {
      openViolationIds = openViolationIds instanceof PSortedSet ? openViolationIds : TreePSet.from(openViolationIds);
      countedUpTo = countedUpTo instanceof PSortedMap ? countedUpTo : TreePMap.from(countedUpTo);
      reviewHashes = reviewHashes instanceof PSortedMap ? reviewHashes : TreePMap.from(reviewHashes);
      listingSkus = listingSkus == null ? TreePMap.empty()
          : listingSkus instanceof PSortedMap ? listingSkus : TreePMap.from(listingSkus);
    }

    public static State empty(String shopId) {
      return new State(shopId, null, null, Set.of(), 0, 0, null, Map.of(), Map.of(), Map.of());
    }

    boolean alreadyCounted(String violationId) {
      int hash = violationId.lastIndexOf('#');
      return hash > 0 && Integer.parseInt(violationId.substring(hash + 1))
          <= countedUpTo.getOrDefault(violationId.substring(0, hash), 0);
    }

    public boolean known() {
      return registeredAt != null;
    }

    public int openViolations() {
      return openViolationIds.size();
    }

    State apply(Registered e) {
      return new State(shopId, e.name(), registeredAt == null ? e.at() : registeredAt, openViolationIds,
          violationsTotal, repeatOffences, lastViolationAt, countedUpTo, reviewHashes, listingSkus);
    }

    State apply(ListingQueuedForReview e) {
      Map<String, String> hashes = ((PSortedMap<String, String>) reviewHashes).plus(e.item().listingUrl(),
          e.item().contentHash());
      return new State(shopId, name == null ? shopId : name, registeredAt == null ? e.item().seenAt() : registeredAt,
          openViolationIds, violationsTotal, repeatOffences, lastViolationAt, countedUpTo, hashes, listingSkus);
    }

    State apply(ViolationCounted e) {
      Set<String> open = ((PSortedSet<String>) openViolationIds).plus(e.violationId());
      Map<String, Integer> counted = countedUpTo;
      int hash = e.violationId().lastIndexOf('#');
      if (hash > 0) {
        String sku = e.violationId().substring(0, hash);
        int n = Integer.parseInt(e.violationId().substring(hash + 1));
        counted = ((PSortedMap<String, Integer>) countedUpTo).plus(sku, Math.max(n, countedUpTo.getOrDefault(sku, 0)));
      }
      return new State(shopId, name == null ? shopId : name, registeredAt == null ? e.at() : registeredAt, open,
          violationsTotal + 1, repeatOffences + (e.repeat() ? 1 : 0), e.at(), counted, reviewHashes, listingSkus);
    }

    State apply(ListingPlaced e) {
      Map<String, String> skus = ((PSortedMap<String, String>) listingSkus).plus(e.listingUrl(), e.sku());
      return new State(shopId, name == null ? shopId : name, registeredAt == null ? e.at() : registeredAt,
          openViolationIds, violationsTotal, repeatOffences, lastViolationAt, countedUpTo, reviewHashes, skus);
    }

    State apply(ViolationUncounted e) {
      Set<String> open = ((PSortedSet<String>) openViolationIds).minus(e.violationId());
      return new State(shopId, name, registeredAt, open, violationsTotal, repeatOffences, lastViolationAt, countedUpTo,
          reviewHashes, listingSkus);
    }
  }

  public static void init(ActorSystem<?> system, EntitySettings settings) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), settings))
        .withAllocationStrategy(RejoinSafeAllocation.of(system)));
  }

  public static Behavior<Command> create(String shopId, EntitySettings settings) {
    return new ShopEntity(shopId, settings);
  }

  private final String shopId;
  private final EntitySettings settings;
  private final Clock clock;

  private ShopEntity(String shopId, EntitySettings settings) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), shopId));
    this.shopId = shopId;
    this.settings = settings;
    this.clock = settings.clock();
  }

  @Override
  public State emptyState() {
    return State.empty(shopId);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.retention();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return event instanceof ListingQueuedForReview ? Set.of(ProductEvent.TAG) : Set.of();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, this::onRegister)
        .onCommand(QueueForReview.class, this::onQueueForReview)
        .onCommand(CountViolationOpened.class, this::onViolationOpened)
        .onCommand(CountViolationResolved.class, this::onViolationResolved)
        .onCommand(PlaceListing.class, this::onPlaceListing)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, State> onPlaceListing(State state, PlaceListing cmd) {
    String previous = state.listingSkus().get(cmd.listingUrl());
    if (cmd.sku().equals(previous)) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(new Placement(null)));
    }
    return Effect().persist(new ListingPlaced(cmd.listingUrl(), cmd.sku(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new Placement(previous)));
  }

  private ReplyEffect<Event, State> onRegister(State state, Register cmd) {
    if (cmd.name() == null || cmd.name().isBlank()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("name is required"));
    }
    if (state.known() && cmd.name().equals(state.name())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new Registered(cmd.name(), clock.instant())).thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> onQueueForReview(State state, QueueForReview cmd) {
    ReviewItem item = cmd.item();
    if (item.contentHash().equals(state.reviewHashes().get(item.listingUrl()))) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(false));
    }
    return Effect().persist(new ListingQueuedForReview(item)).thenReply(cmd.replyTo(), s -> StatusReply.success(true));
  }

  private ReplyEffect<Event, State> onViolationOpened(State state, CountViolationOpened cmd) {
    if (state.openViolationIds().contains(cmd.violationId()) || state.alreadyCounted(cmd.violationId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new ViolationCounted(cmd.violationId(), cmd.repeat(), cmd.at()))
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> onViolationResolved(State state, CountViolationResolved cmd) {
    if (!state.openViolationIds().contains(cmd.violationId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new ViolationUncounted(cmd.violationId(), cmd.at()))
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, State::apply)
        .onEvent(ListingQueuedForReview.class, State::apply)
        .onEvent(ViolationCounted.class, State::apply)
        .onEvent(ViolationUncounted.class, State::apply)
        .onEvent(ListingPlaced.class, State::apply)
        .build();
  }
}
