package actorcrm.pricing;

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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One product (SKU = canonical product + size). Holds the brand's reference price row and the
 * history of its floor; price control compares every offer of this SKU against it.
 */
public final class ProductEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ProductEntity.Command, ProductEntity.Event, ProductEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "product");

  public sealed interface Command extends CborSerializable {}

  /** Sets the reference row; an unchanged row is acknowledged without a new event. */
  public record SetReference(String product, String size, BigDecimal listPrice, BigDecimal floor,
                             ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record ReferenceSet(String product, String size, BigDecimal listPrice, BigDecimal floor, Instant at)
      implements Event {}

  public record ReferencePrice(String product, String size, BigDecimal listPrice, BigDecimal floor, int version,
                               Instant updatedAt) implements CborSerializable {}

  public record FloorChange(BigDecimal floor, int version, Instant at) implements CborSerializable {}

  public record State(String sku, ReferencePrice reference, List<FloorChange> floorHistory) implements CborSerializable {
    public static State empty(String sku) {
      return new State(sku, null, List.of());
    }

    public boolean known() {
      return reference != null;
    }

    State apply(ReferenceSet e) {
      int version = reference == null ? 1 : reference.version() + 1;
      List<FloorChange> history = new ArrayList<>(floorHistory);
      if (reference == null || reference.floor().compareTo(e.floor()) != 0) {
        history.add(new FloorChange(e.floor(), version, e.at()));
      }
      return new State(sku, new ReferencePrice(e.product(), e.size(), e.listPrice(), e.floor(), version, e.at()),
          List.copyOf(history));
    }
  }

  public static void init(ActorSystem<?> system, EntitySettings settings) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), settings)));
  }

  public static Behavior<Command> create(String sku, EntitySettings settings) {
    return new ProductEntity(sku, settings);
  }

  private final String sku;
  private final EntitySettings settings;

  private ProductEntity(String sku, EntitySettings settings) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), sku));
    this.sku = sku;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return State.empty(sku);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(SetReference.class, this::onSetReference)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, State> onSetReference(State state, SetReference cmd) {
    String problem = problem(cmd);
    if (problem != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(problem));
    }
    BigDecimal list = money(cmd.listPrice());
    BigDecimal floor = money(cmd.floor());
    ReferencePrice current = state.reference();
    if (current != null && current.product().equals(cmd.product()) && current.size().equals(cmd.size())
        && current.listPrice().compareTo(list) == 0 && current.floor().compareTo(floor) == 0) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect()
        .persist(new ReferenceSet(cmd.product(), cmd.size(), list, floor, Instant.now()))
        .thenReply(cmd.replyTo(), StatusReply::success);
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
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ReferenceSet.class, State::apply)
        .build();
  }
}
