package actorcrm.sales;

import actorcrm.platform.CborSerializable;
import actorcrm.platform.RejoinSafeAllocation;
import actorcrm.platform.EntitySettings;
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

import java.time.Clock;
import java.time.Instant;

/**
 * One dedupe key of a lead (a normalised phone number or e-mail address, see {@link LeadDedupe}):
 * which open lead holds it. The first lead to claim a key holds it until that lead closes; a later
 * lead with the same key learns the holder and is linked to it instead of being routed again. A
 * holder that turns out not to be open (it closed and its release was lost, or its creation never
 * reached the journal) is replaced by the lead that found it so.
 */
public final class DedupeIndexEntity
    extends EventSourcedBehaviorWithEnforcedReplies<DedupeIndexEntity.Command, DedupeIndexEntity.Event, DedupeIndexEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "lead-key");

  public sealed interface Command extends CborSerializable {}

  /**
   * Answers the holder: {@code leadId} itself when the claim succeeded. {@code replacing}, when not
   * null, is a holder the claimant found not open; the claim succeeds if that lead still holds the key.
   */
  public record Claim(String leadId, String replacing, ActorRef<StatusReply<String>> replyTo) implements Command {}

  public record Release(String leadId) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Claimed(String leadId, Instant at) implements Event {}

  public record Released(String leadId, Instant at) implements Event {}

  public record State(String holder) implements CborSerializable {}

  public static void init(ActorSystem<?> system, EntitySettings settings) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), settings.clock()))
        .withAllocationStrategy(RejoinSafeAllocation.of(system)));
  }

  public static Behavior<Command> create(String key, Clock clock) {
    return new DedupeIndexEntity(key, clock);
  }

  private final Clock clock;

  private DedupeIndexEntity(String key, Clock clock) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), key));
    this.clock = clock;
  }

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Claim.class, (state, cmd) -> state.holder() == null || state.holder().equals(cmd.replacing())
            ? Effect().persist(new Claimed(cmd.leadId(), clock.instant())).thenReply(cmd.replyTo(), s -> StatusReply.success(s.holder()))
            : Effect().reply(cmd.replyTo(), StatusReply.success(state.holder())))
        .onCommand(Release.class, (state, cmd) -> cmd.leadId().equals(state.holder())
            ? Effect().persist(new Released(cmd.leadId(), clock.instant())).thenNoReply()
            : Effect().noReply())
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Claimed.class, (state, e) -> new State(e.leadId()))
        .onEvent(Released.class, (state, e) -> new State(null))
        .build();
  }
}
