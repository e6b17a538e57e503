package actorcrm.service;

import actorcrm.CborSerializable;
import actorcrm.EntityStart;
import actorcrm.IdRules;
import actorcrm.node.EntitySettings;
import actorcrm.sales.Assignments;
import actorcrm.sales.DispatcherEntity;
import actorcrm.sales.RoutingDecision;
import actorcrm.sales.RoutingRecord;
import actorcrm.sales.WorkItem;
import actorcrm.sales.WorkKind;
import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One service ticket: priority from the customer's tier and the complexity, an SLA clock with a
 * first-response and a resolution deadline, and its owner. Assignment follows the same protocol as
 * a lead (the ticket is the single writer of its owner; the agent reserves capacity weighted by
 * complexity). Waiting on the customer pauses the clock. Warnings and breaches are journaled, so
 * each fires exactly once; a breach escalates the ticket to the top priority. The entity is
 * remembered, so after a node dies it restarts elsewhere and re-arms its SLA timer from the journal.
 */
public final class TicketEntity
    extends EventSourcedBehaviorWithEnforcedReplies<TicketEntity.Command, TicketEntity.Event, TicketEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "ticket");
  private static final int DECISIONS_KEPT = 20;
  private static final Duration QUEUE_RECHECK = Duration.ofSeconds(30);

  /** Where the ticket is in routing. */
  public enum Routing {
    NEW, QUEUED, PROPOSED, ASSIGNED, DONE;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the ticket is for the customer. */
  public enum Progress {
    OPEN, RESPONDED, WAITING_ON_CUSTOMER, RESOLVED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Progress parse(String text) {
      for (Progress p : values()) {
        if (p.wire().equals(text)) {
          return p;
        }
      }
      return null;
    }
  }

  public record TicketInfo(String idempotencyKey, String customerId, CustomerTier tier, int complexity,
                           Map<String, Integer> requiredSkills, String subject, String team) implements CborSerializable {
    public TicketInfo {
      requiredSkills = requiredSkills == null ? Map.of() : Map.copyOf(requiredSkills);
    }
  }

  public record SlaRecord(SlaEvent event, Instant at) implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  public record Create(TicketInfo info, ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  public record SetProgress(Progress progress, ActorRef<StatusReply<State>> replyTo) implements Command {}

  /** From the dispatcher's queue: this rep has room. Answered once the ticket has journaled the proposal or declined. */
  public record Propose(String repId, RoutingDecision decision, ActorRef<Done> replyTo) implements Command {}

  public record Reroute(String fromRep, String reason, ActorRef<Done> replyTo) implements Command {}

  private record Dispatch() implements Command {}

  private record Routed(DispatcherEntity.RouteReply reply, String failure) implements Command {}

  private record Reserved(String repId, String refusal, boolean unanswered) implements Command {}

  private record ReserveAgain(String repId) implements Command {}

  private record CheckSla() implements Command {}

  private record Stop() implements Command {}

  private record CheckDormant() implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Created(String ticketId, TicketInfo info, TicketPriority priority, SlaClock clock, Instant at)
      implements Event {}

  public record Queued(RoutingDecision decision, Instant at) implements Event {}

  public record Proposed(String repId, RoutingDecision decision, Instant at) implements Event {}

  public record Assigned(String repId, Instant at) implements Event {}

  public record ProposalRefused(String repId, String reason, Instant at) implements Event {}

  public record Unassigned(String repId, String reason, Instant at) implements Event {}

  public record ProgressChanged(Progress progress, SlaClock clock, Instant at) implements Event {}

  /** SLA alerts that fell due, with the clock that marks them fired; a breach also escalates. */
  public record SlaAlerted(List<SlaEvent> events, SlaClock clock, Instant at) implements Event {}

  public record State(String ticketId, TicketInfo info, TicketPriority priority, boolean escalated, Routing routing,
                      Progress progress, String owner, String proposedRep, SlaClock clock, List<SlaRecord> slaEvents,
                      List<RoutingRecord> decisions, Instant createdAt) implements CborSerializable {
    public State {
      slaEvents = List.copyOf(slaEvents);
      decisions = List.copyOf(decisions);
    }

    public static State empty(String ticketId) {
      return new State(ticketId, null, null, false, Routing.NEW, Progress.OPEN, null, null, null, List.of(), List.of(), null);
    }

    public boolean known() {
      return info != null;
    }

    public boolean settled() {
      return routing != Routing.NEW && routing != Routing.PROPOSED;
    }

    WorkItem workItem() {
      TicketPriority effective = escalated ? TicketPriority.P1 : priority;
      return WorkItem.ticket(ticketId, info.requiredSkills(), info.complexity(), Set.of(), effective.queuePriority());
    }

    private State routed(Routing r, String newOwner, String proposed, List<RoutingRecord> newDecisions) {
      return new State(ticketId, info, priority, escalated, r, progress, newOwner, proposed, clock, slaEvents,
          newDecisions, createdAt);
    }

    private List<RoutingRecord> plus(RoutingRecord record) {
      return RoutingRecord.append(decisions, record, DECISIONS_KEPT);
    }

    State apply(Created e) {
      return new State(e.ticketId(), e.info(), e.priority(), false, Routing.NEW, Progress.OPEN, null, null, e.clock(),
          List.of(), List.of(), e.at());
    }

    State apply(Queued e) {
      return routed(Routing.QUEUED, null, null, plus(new RoutingRecord(e.decision(), "queued", e.at())));
    }

    State apply(Proposed e) {
      return routed(Routing.PROPOSED, null, e.repId(), plus(new RoutingRecord(e.decision(), "proposed", e.at())));
    }

    State apply(Assigned e) {
      return routed(Routing.ASSIGNED, e.repId(), null, decisions);
    }

    State apply(ProposalRefused e) {
      return routed(Routing.NEW, null, null, RoutingRecord.refused(decisions, e.repId(), e.reason()));
    }

    State apply(Unassigned e) {
      return routed(Routing.NEW, null, null, decisions);
    }

    State apply(ProgressChanged e) {
      Routing r = e.progress() == Progress.RESOLVED ? Routing.DONE : routing;
      return new State(ticketId, info, priority, escalated, r, e.progress(), owner, proposedRep, e.clock(), slaEvents,
          decisions, createdAt);
    }

    State apply(SlaAlerted e) {
      List<SlaRecord> records = new ArrayList<>(slaEvents);
      e.events().forEach(event -> records.add(new SlaRecord(event, e.at())));
      boolean breached = e.events().stream().anyMatch(event -> event.alert() == SlaAlert.BREACH);
      return new State(ticketId, info, priority, escalated || breached, routing, progress, owner, proposedRep, e.clock(),
          records, decisions, createdAt);
    }
  }

  public static void init(ActorSystem<?> system, EntitySettings settings, ServiceSettings service) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
            ctx -> EntityStart.checked(ctx, IdRules::problem, () -> create(ctx.getEntityId(), settings, service, ctx.getShard()),
                Stop.class))
        .withStopMessage(new Stop())
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true)));
  }

  public static Behavior<Command> create(String ticketId, EntitySettings settings, ServiceSettings service,
                                         ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new TicketEntity(ticketId, settings, service, shard, ctx, timers)));
  }

  private final String ticketId;
  private final EntitySettings settings;
  private final Clock clock;
  private final ServiceSettings service;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Assignments assignments;
  private final List<ActorRef<StatusReply<State>>> waitingCreators = new ArrayList<>();

  private TicketEntity(String ticketId, EntitySettings settings, ServiceSettings service,
                       ActorRef<ClusterSharding.ShardCommand> shard, ActorContext<Command> ctx,
                       TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), ticketId));
    this.ticketId = ticketId;
    this.settings = settings;
    this.clock = settings.clock();
    this.service = service;
    this.shard = shard;
    this.ctx = ctx;
    this.timers = timers;
    this.assignments = new Assignments(ClusterSharding.get(ctx.getSystem()), WorkKind.TICKET, settings.askTimeout());
  }

  @Override
  public State emptyState() {
    return State.empty(ticketId);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.retention();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (!state.known()) {
            // Woken for a ticket that does not exist (a read of a wrong id): leave unless a Create follows.
            timers.startSingleTimer("dormant", new CheckDormant(), Duration.ofSeconds(10));
            return;
          }
          if (state.routing() == Routing.DONE) {
            passivate();
            return;
          }
          armSla(state);
          if (state.routing() == Routing.NEW || state.routing() == Routing.QUEUED) {
            // QUEUED too: a proposal or an escalation may have been lost with the node that held the ticket.
            ctx.getSelf().tell(new Dispatch());
          } else if (state.routing() == Routing.PROPOSED) {
            reserve(state, state.proposedRep());
          }
        })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(Dispatch.class, this::onDispatch)
        .onCommand(Routed.class, this::onRouted)
        .onCommand(Propose.class, this::onPropose)
        .onCommand(Reserved.class, this::onReserved)
        .onCommand(ReserveAgain.class, (state, cmd) -> {
          if (state.routing() == Routing.PROPOSED && cmd.repId().equals(state.proposedRep())) {
            reserve(state, cmd.repId());
          }
          return Effect().noReply();
        })
        .onCommand(Reroute.class, this::onReroute)
        .onCommand(SetProgress.class, this::onSetProgress)
        .onCommand(CheckSla.class, this::onCheckSla)
        .onCommand(Stop.class, (state, cmd) -> Effect().stop().thenNoReply())
        .onCommand(CheckDormant.class, (state, cmd) -> {
          if (!state.known() && waitingCreators.isEmpty()) {
            passivate();
          }
          return Effect().noReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create cmd) {
    if (state.known()) {
      if (state.settled()) {
        return Effect().reply(cmd.replyTo(), StatusReply.success(state));
      }
      waitingCreators.add(cmd.replyTo());
      return Effect().noReply();
    }
    TicketInfo info = cmd.info();
    if (info.tier() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("customer_tier must be vip or standard"));
    }
    if (info.complexity() < 1 || info.complexity() > 5) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("complexity must be 1..5, got " + info.complexity()));
    }
    if (info.team() == null || info.team().isBlank()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("team is required"));
    }
    Instant now = clock.instant();
    TicketPriority priority = TicketPriority.of(info.tier(), info.complexity());
    waitingCreators.add(cmd.replyTo());
    return Effect().persist(new Created(ticketId, info, priority, service.sla().start(priority, now), now))
        .thenRun(s -> {
          armSla(s);
          ctx.getSelf().tell(new Dispatch());
        })
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onDispatch(State state, Dispatch cmd) {
    if ((state.routing() != Routing.NEW && state.routing() != Routing.QUEUED) || !state.known()) {
      return Effect().noReply();
    }
    ctx.pipeToSelf(assignments.route(state.info().team(), state.workItem()),
        (reply, failure) -> new Routed(reply, failure == null ? null : failure.toString()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onRouted(State state, Routed cmd) {
    if (state.routing() != Routing.NEW && state.routing() != Routing.QUEUED) {
      if (cmd.reply() instanceof DispatcherEntity.Proposal p) {
        assignments.declined(state.info().team(), ticketId, p.repId(), state.info().complexity());
      }
      return Effect().noReply();
    }
    if (cmd.failure() != null) {
      timers.startSingleTimer("dispatch", new Dispatch(), Duration.ofMillis(500));
      return Effect().noReply();
    }
    Instant now = clock.instant();
    if (cmd.reply() instanceof DispatcherEntity.Proposal p) {
      return Effect().persist(new Proposed(p.repId(), p.decision(), now))
          .thenRun(s -> reserve(s, p.repId()))
          .thenNoReply();
    }
    if (state.routing() == Routing.QUEUED) {
      timers.startSingleTimer("queued", new Dispatch(), QUEUE_RECHECK);
      return Effect().noReply();
    }
    return Effect().persist(new Queued(cmd.reply().decision(), now))
        .thenRun(s -> {
          answerCreators(s);
          // While queued, ask again now and then: a proposal lost on the way must not strand the ticket.
          timers.startSingleTimer("queued", new Dispatch(), QUEUE_RECHECK);
        })
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onPropose(State state, Propose cmd) {
    // NEW too: the dispatcher may drain the queue before its "queued" answer reaches the ticket.
    if (state.routing() != Routing.QUEUED && state.routing() != Routing.NEW) {
      if (state.known()) {
        assignments.declined(state.info().team(), ticketId, cmd.repId(), state.info().complexity());
      }
      return Effect().reply(cmd.replyTo(), Done.getInstance());
    }
    // A remembered entity: once the proposal is journaled, a restart resumes it, so it can be answered now.
    return Effect().persist(new Proposed(cmd.repId(), cmd.decision(), clock.instant()))
        .thenRun(s -> reserve(s, cmd.repId()))
        .thenReply(cmd.replyTo(), s -> Done.getInstance());
  }

  private void reserve(State state, String repId) {
    ctx.pipeToSelf(assignments.reserve(repId, ticketId, state.info().complexity()),
        (ok, failure) -> new Reserved(repId, failure == null ? null : failure.getMessage(),
            Assignments.unanswered(failure)));
  }

  private ReplyEffect<Event, State> onReserved(State state, Reserved cmd) {
    if (state.routing() != Routing.PROPOSED || !cmd.repId().equals(state.proposedRep())) {
      if (cmd.refusal() == null) {
        assignments.release(cmd.repId(), ticketId);
      }
      return Effect().noReply();
    }
    if (cmd.unanswered()) {
      timers.startSingleTimer("reserve", new ReserveAgain(cmd.repId()), Duration.ofSeconds(1));
      return Effect().noReply();
    }
    Instant now = clock.instant();
    if (cmd.refusal() != null) {
      return Effect().persist(new ProposalRefused(cmd.repId(), cmd.refusal(), now))
          .thenRun(s -> {
            // Whatever failed, the rep may hold a reservation after all: give it back (idempotent).
            assignments.release(cmd.repId(), ticketId);
            timers.startSingleTimer("dispatch", new Dispatch(), Duration.ofMillis(20));
          })
          .thenNoReply();
    }
    timers.cancel("queued");
    return Effect().persist(new Assigned(cmd.repId(), now)).thenRun(this::answerCreators).thenNoReply();
  }

  private ReplyEffect<Event, State> onReroute(State state, Reroute cmd) {
    boolean holds = cmd.fromRep().equals(state.owner()) || cmd.fromRep().equals(state.proposedRep());
    if (!holds || state.routing() == Routing.DONE) {
      return Effect().reply(cmd.replyTo(), Done.getInstance());
    }
    return Effect().persist(new Unassigned(cmd.fromRep(), cmd.reason(), clock.instant()))
        .thenRun(s -> ctx.getSelf().tell(new Dispatch()))
        .thenReply(cmd.replyTo(), s -> Done.getInstance());
  }

  private ReplyEffect<Event, State> onSetProgress(State state, SetProgress cmd) {
    if (!state.known()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("ticket " + ticketId + " does not exist"));
    }
    if (cmd.progress() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(
          "status must be one of open, responded, waiting_on_customer, resolved"));
    }
    if (state.progress() == Progress.RESOLVED) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("ticket " + ticketId + " is resolved"));
    }
    if (cmd.progress() == state.progress()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    Instant now = clock.instant();
    SlaClock clock = state.clock();
    if (state.progress() == Progress.WAITING_ON_CUSTOMER) {
      clock = clock.resume(now);
    }
    clock = switch (cmd.progress()) {
      case RESPONDED -> clock.respond(now);
      case WAITING_ON_CUSTOMER -> clock.respond(now).pause(now);
      case RESOLVED -> clock.respond(now).resolve(now);
      case OPEN -> clock;
    };
    String owner = state.owner();
    String proposed = state.proposedRep();
    return Effect().persist(new ProgressChanged(cmd.progress(), clock, now))
        .thenRun(s -> {
          armSla(s);
          if (s.progress() == Progress.RESOLVED) {
            timers.cancel("queued");
            if (owner != null) {
              assignments.release(owner, ticketId);
            }
            if (proposed != null) {
              assignments.release(proposed, ticketId);
            }
            assignments.withdraw(s.info().team(), ticketId);
            passivate();
          }
        })
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private void armSla(State state) {
    timers.cancel("sla");
    state.clock().nextCheckAt(clock.instant()).ifPresent(at ->
        timers.startSingleTimer("sla", new CheckSla(), Duration.between(clock.instant(), at).plusMillis(10)));
  }

  private ReplyEffect<Event, State> onCheckSla(State state, CheckSla cmd) {
    Instant now = clock.instant();
    SlaClock.Due due = state.clock().due(now);
    if (due.events().isEmpty() && due.clock().equals(state.clock())) {
      armSla(state);
      return Effect().noReply();
    }
    boolean breach = due.events().stream().anyMatch(e -> e.alert() == SlaAlert.BREACH);
    boolean reroute = breach && !state.escalated() && state.routing() == Routing.QUEUED;
    return Effect().persist(new SlaAlerted(due.events(), due.clock(), now))
        .thenRun(s -> {
          armSla(s);
          if (reroute) {
            // Escalated while waiting: routed again at the top priority (the dispatcher re-queues it).
            ctx.pipeToSelf(assignments.route(s.info().team(), s.workItem()),
                (reply, failure) -> new Routed(reply, failure == null ? null : failure.toString()));
          }
        })
        .thenNoReply();
  }

  private void passivate() {
    if (shard != null) {
      shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
    }
  }

  private void answerCreators(State state) {
    waitingCreators.forEach(ref -> ref.tell(StatusReply.success(state)));
    waitingCreators.clear();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Created.class, State::apply)
        .onEvent(Queued.class, State::apply)
        .onEvent(Proposed.class, State::apply)
        .onEvent(Assigned.class, State::apply)
        .onEvent(ProposalRefused.class, State::apply)
        .onEvent(Unassigned.class, State::apply)
        .onEvent(ProgressChanged.class, State::apply)
        .onEvent(SlaAlerted.class, State::apply)
        .build();
  }
}
