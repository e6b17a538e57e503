package actorcrm.dispatch;

import actorcrm.platform.CborSerializable;
import actorcrm.platform.EntityStart;
import actorcrm.platform.RejoinSafeAllocation;
import actorcrm.platform.EntitySettings;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * The dispatcher of one team for one kind of work (id {@code team:lead} or {@code team:ticket}).
 * It keeps a live view of the team's reps (told by every rep on each change) and proposes the best
 * eligible rep for each item; the item then reserves capacity at that rep, which has the last word.
 * Items nobody can take wait in the dispatcher's persisted queue, drained by priority then age as
 * soon as capacity frees. Roster and queue are journaled; the view is rebuilt by asking the reps.
 */
public final class DispatcherEntity
    extends EventSourcedBehaviorWithEnforcedReplies<DispatcherEntity.Command, DispatcherEntity.Event, DispatcherEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "dispatcher");

  /** Whom a dispatcher asks: the reps for their snapshots, the items for taking a proposal from the queue. */
  public interface Links {
    CompletionStage<RepSnapshot> snapshot(String repId, WorkKind kind);

    /** Completes once the item took the proposal up to where it can no longer be lost, or declined it. */
    CompletionStage<Done> propose(WorkKind kind, String itemId, String repId, RoutingDecision decision);
  }

  /** The links of a node, through cluster sharding. */
  public static Links sharded(ActorSystem<?> system, Duration timeout) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return new Links() {
      @Override
      public CompletionStage<RepSnapshot> snapshot(String repId, WorkKind kind) {
        return sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId).ask(r -> new RepEntity.GetSnapshot(kind, r), timeout);
      }

      @Override
      public CompletionStage<Done> propose(WorkKind kind, String itemId, String repId, RoutingDecision decision) {
        return sharding.entityRefFor(kind.entityKey(), itemId)
            .ask(r -> new AssignmentCommand.Propose(repId, decision, r), timeout);
      }
    };
  }

  public static String id(String team, WorkKind kind) {
    return team + ":" + kind.wire();
  }

  public sealed interface Command extends CborSerializable {}

  /** Route one item: answered with a proposal, or with the decision that queued it. */
  public record Route(WorkItem item, ActorRef<RouteReply> replyTo) implements Command {}

  /** A rep's current snapshot and team; a rep now in another team is dropped from this dispatcher. */
  public record RepUpdated(RepSnapshot rep, String team) implements Command {}

  public record RepLeft(String repId) implements Command {}

  /** An item no longer waits (assigned elsewhere, closed). */
  public record Withdraw(String itemId) implements Command {}

  /** A proposal made from the queue was not taken: its weight no longer counts against the rep. */
  public record Declined(String itemId, String repId, int weight) implements Command {}

  public record GetView(ActorRef<View> replyTo) implements Command {}

  private record SnapshotUnavailable(String repId) implements Command {}

  private record AskSnapshot(String repId) implements Command {}

  private record CheckDormant() implements Command {}

  /** A proposal from the queue went unanswered (the item's node may have died): the item waits again. */
  private record Requeue(WorkItem item, String repId) implements Command {}

  public sealed interface RouteReply extends CborSerializable {
    RoutingDecision decision();
  }

  public record Proposal(String repId, RoutingDecision decision) implements RouteReply {}

  public record Queued(RoutingDecision decision) implements RouteReply {}

  /** What the dispatcher sees: the reps' snapshots and the waiting items in drain order. */
  public record View(String dispatcherId, List<RepSnapshot> reps, List<QueuedItem> queue) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record RepRostered(String repId) implements Event {}

  public record RepUnrostered(String repId) implements Event {}

  public record Enqueued(WorkItem item, Instant at) implements Event {}

  public record Dequeued(String itemId, Instant at) implements Event {}

  public record State(Set<String> roster, WorkQueue queue) implements CborSerializable {
    public State {
      roster = Set.copyOf(roster);
    }

    State apply(RepRostered e) {
      Set<String> next = new TreeSet<>(roster);
      next.add(e.repId());
      return new State(next, queue);
    }

    State apply(RepUnrostered e) {
      Set<String> next = new TreeSet<>(roster);
      next.remove(e.repId());
      return new State(next, queue);
    }

    State apply(Enqueued e) {
      return new State(roster, queue.enqueue(e.item(), e.at()));
    }

    State apply(Dequeued e) {
      return new State(roster, queue.remove(e.itemId()));
    }
  }

  public static void init(ActorSystem<?> system, EntitySettings settings, Retries retries) {
    Links links = sharded(system, settings.askTimeout());
    // Remembered: its live view of the reps is worth keeping, and a dispatcher with a queue must be running to drain it.
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
            ctx -> EntityStart.checked(ctx, DispatcherId::problem,
                () -> create(ctx.getEntityId(), settings, retries, links, ctx.getShard())))
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true))
        .withAllocationStrategy(RejoinSafeAllocation.of(system)));
  }

  public static Behavior<Command> create(String dispatcherId, EntitySettings settings, Retries retries, Links links,
                                         ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(ctx -> new DispatcherEntity(dispatcherId, settings, retries, links, shard, ctx));
  }

  private final String dispatcherId;
  private final WorkKind kind;
  private final String team;
  private final EntitySettings settings;
  private final Clock clock;
  private final Retries retries;
  private final Links links;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final ActorContext<Command> ctx;
  private DispatchView view;

  private DispatcherEntity(String dispatcherId, EntitySettings settings, Retries retries, Links links,
                           ActorRef<ClusterSharding.ShardCommand> shard, ActorContext<Command> ctx) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), dispatcherId));
    this.dispatcherId = dispatcherId;
    DispatcherId id = DispatcherId.parse(dispatcherId);
    this.kind = id.kind();
    this.team = id.team();
    this.settings = settings;
    this.clock = settings.clock();
    this.retries = retries;
    this.links = links;
    this.shard = shard;
    this.ctx = ctx;
    this.view = DispatchView.empty(kind, dispatcherId.hashCode());
  }

  @Override
  public State emptyState() {
    return new State(Set.of(), WorkQueue.empty());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.retention();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          state.roster().forEach(this::askSnapshot);
          if (dormant(state)) {
            // Asked about (a read of a team that has no reps yet): leave unless reps or items follow.
            ctx.scheduleOnce(retries.unknownStays(), ctx.getSelf(), new CheckDormant());
          }
        })
        .build();
  }

  private void askSnapshot(String repId) {
    ctx.pipeToSelf(links.snapshot(repId, kind),
        (snapshot, failure) -> failure == null ? new RepUpdated(snapshot, team) : new SnapshotUnavailable(repId));
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Route.class, this::onRoute)
        .onCommand(RepUpdated.class, this::onRepUpdated)
        .onCommand(RepLeft.class, this::onRepLeft)
        .onCommand(Withdraw.class, (state, cmd) -> state.queue().contains(cmd.itemId())
            ? Effect().persist(new Dequeued(cmd.itemId(), clock.instant())).thenNoReply()
            : Effect().noReply())
        .onCommand(Declined.class, (state, cmd) -> {
          view = view.released(cmd.repId(), cmd.weight());
          return drain(state, List.of());
        })
        .onCommand(SnapshotUnavailable.class, (state, cmd) -> {
          if (state.roster().contains(cmd.repId())) {
            ctx.scheduleOnce(retries.snapshot(), ctx.getSelf(), new AskSnapshot(cmd.repId()));
          }
          return Effect().noReply();
        })
        .onCommand(AskSnapshot.class, (state, cmd) -> {
          askSnapshot(cmd.repId());
          return Effect().noReply();
        })
        .onCommand(Requeue.class, (state, cmd) -> {
          view = view.released(cmd.repId(), cmd.item().weight());
          if (state.queue().contains(cmd.item().itemId())) {
            return Effect().noReply();
          }
          Enqueued back = new Enqueued(cmd.item(), clock.instant());
          return drain(state.apply(back), List.of(back));
        })
        .onCommand(CheckDormant.class, (state, cmd) -> {
          if (dormant(state) && shard != null) {
            shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
          }
          return Effect().noReply();
        })
        .onCommand(GetView.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            new View(dispatcherId, view.snapshot(), state.queue().items())))
        .build();
  }

  private ReplyEffect<Event, State> onRoute(State state, Route cmd) {
    Routed<DispatchView> routed = view.route(cmd.item(), state.queue());
    view = routed.next();
    RoutingDecision decision = routed.decision();
    boolean waiting = state.queue().contains(cmd.item().itemId());
    if (decision.assigned()) {
      Proposal proposal = new Proposal(decision.chosenRep().get(), decision);
      return waiting
          ? Effect().persist(new Dequeued(cmd.item().itemId(), clock.instant())).thenReply(cmd.replyTo(), s -> proposal)
          : Effect().reply(cmd.replyTo(), proposal);
    }
    Queued queued = new Queued(decision);
    if (!waiting) {
      return Effect().persist(new Enqueued(cmd.item(), clock.instant())).thenReply(cmd.replyTo(), s -> queued);
    }
    boolean reprioritised = state.queue().find(cmd.item().itemId())
        .map(q -> q.item().priority() != cmd.item().priority()).orElse(false);
    return reprioritised
        ? Effect().persist(List.of(new Dequeued(cmd.item().itemId(), clock.instant()), new Enqueued(cmd.item(), clock.instant())))
            .thenReply(cmd.replyTo(), s -> queued)
        : Effect().reply(cmd.replyTo(), queued);
  }

  private ReplyEffect<Event, State> onRepUpdated(State state, RepUpdated cmd) {
    if (!team.equals(cmd.team())) {
      return onRepLeft(state, new RepLeft(cmd.rep().repId()));
    }
    view = view.withRep(cmd.rep());
    List<Event> events = new ArrayList<>();
    if (!state.roster().contains(cmd.rep().repId())) {
      events.add(new RepRostered(cmd.rep().repId()));
    }
    return drain(state, events);
  }

  private ReplyEffect<Event, State> onRepLeft(State state, RepLeft cmd) {
    view = view.withoutRep(cmd.repId());
    return state.roster().contains(cmd.repId())
        ? Effect().persist(new RepUnrostered(cmd.repId())).thenNoReply()
        : Effect().noReply();
  }

  /** Hands waiting items to reps with room, by priority then age; persists what leaves the queue first. */
  private ReplyEffect<Event, State> drain(State state, List<Event> before) {
    List<Event> events = new ArrayList<>(before);
    List<RoutingDecision> assigned = List.of();
    if (!state.queue().isEmpty()) {
      WorkQueue.Drained<DispatchView> drained = view.drain(state.queue());
      view = drained.state();
      assigned = drained.assigned();
      Instant now = clock.instant();
      assigned.forEach(d -> events.add(new Dequeued(d.itemId(), now)));
    }
    if (events.isEmpty()) {
      return Effect().noReply();
    }
    List<RoutingDecision> proposals = assigned;
    WorkQueue drained = state.queue();
    return Effect().persist(events).thenRun(s -> proposals.forEach(d ->
        propose(d, drained.find(d.itemId()).orElseThrow().item()))).thenNoReply();
  }

  private void propose(RoutingDecision decision, WorkItem item) {
    String repId = decision.chosenRep().get();
    ActorRef<Command> self = ctx.getSelf();
    links.propose(kind, item.itemId(), repId, decision)
        .whenComplete((taken, failure) -> {
          if (failure != null) {
            self.tell(new Requeue(item, repId));
          }
        });
  }

  /** No reps rostered or seen and nothing queued: nothing is lost when it leaves. */
  private boolean dormant(State state) {
    return state.roster().isEmpty() && state.queue().isEmpty() && view.reps().isEmpty();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(RepRostered.class, State::apply)
        .onEvent(RepUnrostered.class, State::apply)
        .onEvent(Enqueued.class, State::apply)
        .onEvent(Dequeued.class, State::apply)
        .build();
  }
}
