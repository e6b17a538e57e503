package actorcrm.service;

import actorcrm.platform.CborSerializable;
import actorcrm.platform.IdRules;
import actorcrm.platform.EntityStart;
import actorcrm.platform.RejoinSafeAllocation;
import actorcrm.platform.Instruments;
import actorcrm.platform.EntitySettings;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.AssignmentLinks;
import actorcrm.dispatch.AssignmentProtocol;
import actorcrm.dispatch.ItemCommand;
import actorcrm.dispatch.ItemEvent;
import actorcrm.dispatch.Retries;
import actorcrm.dispatch.WorkKind;
import com.fasterxml.jackson.annotation.JsonValue;
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

/**
 * One service ticket: priority from the customer's tier and the complexity, an SLA clock with a
 * first-response and a resolution deadline, and its owner. Its owner comes from the assignment
 * protocol ({@link AssignmentProtocol}); the agent reserves capacity weighted by the complexity. Waiting on the customer pauses the clock. Warnings and breaches are journaled, so
 * each fires exactly once; a breach escalates the ticket to the top priority. The entity is
 * remembered, so after a node dies it restarts elsewhere and re-arms its SLA timer from the journal.
 */
public final class TicketEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ItemCommand, ItemEvent, TicketState>
    implements AssignmentProtocol.Item<TicketState> {

  public static final EntityTypeKey<ItemCommand> ENTITY_TYPE_KEY = WorkKind.TICKET.entityKey();

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

  public sealed interface Command extends ItemCommand {}

  public record Create(TicketInfo info, ActorRef<StatusReply<TicketState>> replyTo) implements Command {}

  public record Get(ActorRef<TicketState> replyTo) implements Command {}

  public record SetProgress(Progress progress, ActorRef<StatusReply<TicketState>> replyTo) implements Command {}

  private record CheckSla() implements Command {}

  private record Stop() implements Command {}

  private record CheckDormant() implements Command {}

  public sealed interface Event extends ItemEvent {}

  public record Created(String ticketId, TicketInfo info, TicketPriority priority, SlaClock clock, Instant at)
      implements Event {}

  public record ProgressChanged(Progress progress, SlaClock clock, Instant at) implements Event {}

  /** SLA alerts that fell due, with the clock that marks them fired; a breach also escalates. */
  public record SlaAlerted(List<SlaEvent> events, SlaClock clock, Instant at) implements Event {}

  public static void init(ActorSystem<?> system, EntitySettings settings, ServiceSettings service, Retries retries) {
    AssignmentLinks links = AssignmentLinks.sharded(system, WorkKind.TICKET, settings.askTimeout());
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
            ctx -> EntityStart.checked(ctx, IdRules::problem,
                () -> create(ctx.getEntityId(), settings, service, retries, links, ctx.getShard()), Stop.class))
        .withStopMessage(new Stop())
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true))
        .withAllocationStrategy(RejoinSafeAllocation.of(system)));
  }

  /** A ticket whose assignment calls go to {@code links}: the node's sharded ones, or a test's fakes. */
  public static Behavior<ItemCommand> create(String ticketId, EntitySettings settings, ServiceSettings service,
                                             Retries retries, AssignmentLinks links,
                                             ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new TicketEntity(ticketId, settings, service, retries, shard, ctx, timers, links)));
  }

  private final String ticketId;
  private final EntitySettings settings;
  private final Clock clock;
  private final ServiceSettings service;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final ActorContext<ItemCommand> ctx;
  private final TimerScheduler<ItemCommand> timers;
  private final Retries retries;
  private final AssignmentProtocol<TicketState> assignment;
  private final SlaMetrics slaMetrics;
  private final List<ActorRef<StatusReply<TicketState>>> waitingCreators = new ArrayList<>();

  private TicketEntity(String ticketId, EntitySettings settings, ServiceSettings service, Retries retries,
                       ActorRef<ClusterSharding.ShardCommand> shard, ActorContext<ItemCommand> ctx,
                       TimerScheduler<ItemCommand> timers, AssignmentLinks links) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), ticketId));
    this.ticketId = ticketId;
    this.settings = settings;
    this.clock = settings.clock();
    this.service = service;
    this.shard = shard;
    this.ctx = ctx;
    this.timers = timers;
    this.retries = retries;
    this.assignment = new AssignmentProtocol<>(this, links, Effect(), ctx, timers, clock, retries);
    this.slaMetrics = Instruments.of(ctx.getSystem(), SlaMetrics.class, SlaMetrics.NONE);
  }

  @Override
  public TicketState emptyState() {
    return TicketState.empty(ticketId);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.retention();
  }

  @Override
  public SignalHandler<TicketState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (!state.known()) {
            // Woken for a ticket that does not exist (a read of a wrong id): leave unless a Create follows.
            timers.startSingleTimer("dormant", new CheckDormant(), retries.unknownStays());
            return;
          }
          if (!state.assignable()) {
            passivate();
            return;
          }
          armSla(state);
          if (state.routing() == Routing.NEW) {
            assignment.dispatch();
          } else {
            // QUEUED too: a proposal or an escalation may have been lost with the node that held the ticket.
            assignment.resume(state);
          }
        })
        .build();
  }

  @Override
  public CommandHandlerWithReply<ItemCommand, ItemEvent, TicketState> commandHandler() {
    return assignment.handlers(newCommandHandlerWithReplyBuilder().forAnyState())
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
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

  @Override
  public String itemId() {
    return ticketId;
  }

  /** Remembered: once a proposal is journaled, a restart resumes it, so it can be answered at once. */
  @Override
  public boolean remembered() {
    return true;
  }

  @Override
  public void queued(TicketState state) {
    answerCreators(state);
  }

  @Override
  public void assigned(TicketState state) {
    answerCreators(state);
  }

  private ReplyEffect<ItemEvent, TicketState> onCreate(TicketState state, Create cmd) {
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
          assignment.dispatch();
        })
        .thenNoReply();
  }

  private ReplyEffect<ItemEvent, TicketState> onSetProgress(TicketState state, SetProgress cmd) {
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
    return Effect().persist(new ProgressChanged(cmd.progress(), clock, now))
        .thenRun(s -> {
          armSla(s);
          if (s.progress() == Progress.RESOLVED) {
            assignment.closed(state);
            passivate();
          }
        })
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private void armSla(TicketState state) {
    timers.cancel("sla");
    state.clock().nextCheckAt(clock.instant()).ifPresent(at ->
        timers.startSingleTimer("sla", new CheckSla(), Duration.between(clock.instant(), at).plusMillis(10)));
  }

  private ReplyEffect<ItemEvent, TicketState> onCheckSla(TicketState state, CheckSla cmd) {
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
          due.events().forEach(event -> slaMetrics.alerted(event.alert()));
          armSla(s);
          if (reroute) {
            // Escalated while waiting: routed again at the top priority (the dispatcher re-queues it).
            assignment.route(s);
          }
        })
        .thenNoReply();
  }

  private void passivate() {
    if (shard != null) {
      shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
    }
  }

  private void answerCreators(TicketState state) {
    waitingCreators.forEach(ref -> ref.tell(StatusReply.success(state)));
    waitingCreators.clear();
  }

  @Override
  public EventHandler<TicketState, ItemEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Created.class, TicketState::apply)
        .onEvent(AssignmentEvent.class, TicketState::apply)
        .onEvent(ProgressChanged.class, TicketState::apply)
        .onEvent(SlaAlerted.class, TicketState::apply)
        .build();
  }
}
