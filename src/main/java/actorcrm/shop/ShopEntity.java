package actorcrm.shop;

import actorcrm.CborSerializable;
import actorcrm.node.EntitySettings;
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

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * One shop (a brand shop or a distributor's shop, keyed by its name as the listings carry it).
 * Holds its identity and the running counters price control and monitoring read per shop.
 */
public final class ShopEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ShopEntity.Command, ShopEntity.Event, ShopEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "shop");

  public sealed interface Command extends CborSerializable {}

  /** Names the shop; the first call registers it, later ones with another name rename it. */
  public record Register(String name, ActorRef<StatusReply<State>> replyTo) implements Command {}

  /** A listing of this shop was observed; counts distinct listing URLs. */
  public record RecordListing(String listingUrl, ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Registered(String name, Instant at) implements Event {}

  public record ListingFirstSeen(String listingUrl, Instant at) implements Event {}

  public record State(String shopId, String name, Instant registeredAt, long listings, Instant lastActivityAt,
                      Set<String> listingUrls) implements CborSerializable {
    public static State empty(String shopId) {
      return new State(shopId, null, null, 0, null, Set.of());
    }

    public boolean known() {
      return registeredAt != null;
    }

    State apply(Registered e) {
      return new State(shopId, e.name(), registeredAt == null ? e.at() : registeredAt, listings, e.at(), listingUrls);
    }

    State apply(ListingFirstSeen e) {
      Set<String> urls = new TreeSet<>(listingUrls);
      urls.add(e.listingUrl());
      return new State(shopId, name == null ? shopId : name, registeredAt == null ? e.at() : registeredAt,
          listings + 1, e.at(), Set.copyOf(urls));
    }
  }

  public static void init(ActorSystem<?> system, EntitySettings settings) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), settings)));
  }

  public static Behavior<Command> create(String shopId, EntitySettings settings) {
    return new ShopEntity(shopId, settings);
  }

  private final String shopId;
  private final EntitySettings settings;

  private ShopEntity(String shopId, EntitySettings settings) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), shopId));
    this.shopId = shopId;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return State.empty(shopId);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, this::onRegister)
        .onCommand(RecordListing.class, this::onRecordListing)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, State> onRegister(State state, Register cmd) {
    if (cmd.name() == null || cmd.name().isBlank()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("name is required"));
    }
    if (state.known() && cmd.name().equals(state.name())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new Registered(cmd.name(), Instant.now())).thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> onRecordListing(State state, RecordListing cmd) {
    if (cmd.listingUrl() == null || cmd.listingUrl().isBlank()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("listing_url is required"));
    }
    if (state.listingUrls().contains(cmd.listingUrl())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new ListingFirstSeen(cmd.listingUrl(), Instant.now()))
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, State::apply)
        .onEvent(ListingFirstSeen.class, State::apply)
        .build();
  }
}
