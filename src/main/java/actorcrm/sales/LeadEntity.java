package actorcrm.sales;

import actorcrm.platform.CborSerializable;
import actorcrm.platform.RejoinSafeAllocation;
import actorcrm.platform.EntitySettings;
import actorcrm.dispatch.AssignmentEvent;
import actorcrm.dispatch.AssignmentEvent.Unassigned;
import actorcrm.dispatch.AssignmentLinks;
import actorcrm.dispatch.AssignmentProtocol;
import actorcrm.dispatch.ItemCommand;
import actorcrm.dispatch.ItemEvent;
import actorcrm.dispatch.Retries;
import actorcrm.dispatch.RoutingDecision;
import actorcrm.dispatch.WorkKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.Recovery;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One lead: who sent it, its stage (new → contacted → qualified 需求分析 → quoted 报价确认 → won/lost),
 * its activities and its owner, which comes from the {@link AssignmentProtocol}. A new lead journals
 * its creation together with the first outcome of routing (proposal, queue or link), in one write.
 * An owner who logs no qualifying activity in time loses it (forced circulation); when every rep
 * has had it, it goes to the manager. A lead whose phone or e-mail matches an open lead is linked
 * to that lead and its owner instead of being routed again.
 */
public final class LeadEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ItemCommand, ItemEvent, LeadState>
    implements AssignmentProtocol.Item<LeadState> {

  public static final EntityTypeKey<ItemCommand> ENTITY_TYPE_KEY = WorkKind.LEAD.entityKey();
  /** Journal tag of the events the team leaderboard is built from. */
  public static final String SALES_TAG = "sales";

  public record Activity(String repId, ActivityType type, String note, Instant at) implements CborSerializable {}

  public record StageChange(LeadStage from, LeadStage to, String by, Instant at) implements CborSerializable {}

  public record Quotation(String quotationId, String leadId, Instant createdAt) implements CborSerializable {}

  public sealed interface Command extends ItemCommand {}

  /** Creates the lead (idempotent); answered once it is assigned, queued, linked or with the manager. */
  public record Create(LeadInfo info, ActorRef<StatusReply<LeadState>> replyTo) implements Command {}

  public record Get(ActorRef<LeadState> replyTo) implements Command {}

  public record LogActivity(String repId, ActivityType type, String note, ActorRef<StatusReply<LeadState>> replyTo)
      implements Command {}

  public record ChangeStage(LeadStage stage, String by, ActorRef<StatusReply<LeadState>> replyTo) implements Command {}

  private record Deduped(String holder, LeadState holderState) implements Command {}

  private record CheckCirculation() implements Command {}

  private record CheckDormant() implements Command {}

  private record Stop() implements Command {}

  public sealed interface Event extends ItemEvent {}

  public record Created(String leadId, LeadInfo info, Instant at) implements Event {}

  public record Linked(String toLead, String owner, Instant at) implements Event {}

  /** The owner's first call, e-mail, meeting or note since the assignment, and whether it came within the contact SLA. */
  public record FirstContacted(String repId, String team, boolean withinSla, Instant at) implements Event {}

  public record SentToManager(String team, String reason, Instant at) implements Event {}

  public record ActivityLogged(Activity activity) implements Event {}

  public record StageChanged(StageChange change, String owner, String team) implements Event {}

  public record QuotationCreated(Quotation quotation) implements Event {}

  public static void init(ActorSystem<?> system, EntitySettings settings, SalesSettings sales, Retries retries) {
    AssignmentLinks links = AssignmentLinks.sharded(system, WorkKind.LEAD, settings.askTimeout());
    DedupeClaims claims = DedupeClaims.sharded(system, settings.askTimeout());
    // Not remembered: remembering costs a write per new lead. Whatever still waits on a lead wakes
    // it instead: its owner asks it every verify interval, its dispatcher proposes to it from the
    // queue, its creator retries until answered. On waking it re-arms its timers from its journal.
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
            ctx -> create(ctx.getEntityId(), settings, sales, retries, links, claims, ctx.getShard()))
        .withStopMessage(new Stop())
        .withAllocationStrategy(RejoinSafeAllocation.of(system)));
  }

  /** A lead whose calls go to {@code links} and {@code claims}: the node's sharded ones, or a test's fakes. */
  public static Behavior<ItemCommand> create(String leadId, EntitySettings settings, SalesSettings sales,
                                             Retries retries, AssignmentLinks links, DedupeClaims claims,
                                             ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new LeadEntity(leadId, settings, sales, retries, shard, ctx, timers, links, claims)));
  }

  private final String leadId;
  private final Clock clock;
  private final SalesSettings sales;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final ActorContext<ItemCommand> ctx;
  private final TimerScheduler<ItemCommand> timers;
  private final DedupeClaims claims;
  private final Retries retries;
  private final AssignmentProtocol<LeadState> assignment;
  private final List<ActorRef<StatusReply<LeadState>>> waitingCreators = new ArrayList<>();
  /** A new lead's creation, held until it is journaled with the first outcome of routing. */
  private Created unsaved;

  private LeadEntity(String leadId, EntitySettings settings, SalesSettings sales, Retries retries,
                     ActorRef<ClusterSharding.ShardCommand> shard, ActorContext<ItemCommand> ctx,
                     TimerScheduler<ItemCommand> timers, AssignmentLinks links, DedupeClaims claims) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), leadId));
    this.leadId = leadId;
    this.clock = settings.clock();
    this.sales = sales;
    this.shard = shard;
    this.ctx = ctx;
    this.timers = timers;
    this.claims = claims;
    this.retries = retries;
    this.assignment = new AssignmentProtocol<>(this, links, Effect(), ctx, timers, clock, retries);
  }

  @Override
  public LeadState emptyState() {
    return LeadState.empty(leadId);
  }

  /** No snapshots: a lead's journal is short, and a new lead then costs one read less to start. */
  @Override
  public Recovery recovery() {
    return Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none());
  }

  @Override
  public Set<String> tagsFor(ItemEvent event) {
    return event instanceof AssignmentEvent.Assigned || event instanceof FirstContacted || event instanceof StageChanged
        || event instanceof SentToManager ? Set.of(SALES_TAG) : Set.of();
  }

  @Override
  public SignalHandler<LeadState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::resume)
        .build();
  }

  /** After a restart or a move, picks the protocol up where the journal says it stopped. */
  private void resume(LeadState state) {
    if (!state.known()) {
      // Woken for a lead that does not exist (a read of a wrong id): leave unless a Create follows.
      timers.startSingleTimer("dormant", new CheckDormant(), retries.unknownStays());
      return;
    }
    if (!state.assignable()) {
      passivateIfDormant(state);
    } else if (state.status() == LeadStatus.NEW) {
      dedupe(state.info());
    } else if (state.status() == LeadStatus.ASSIGNED) {
      armCirculation(state);
    } else {
      assignment.resume(state);
    }
  }

  @Override
  public CommandHandlerWithReply<ItemCommand, ItemEvent, LeadState> commandHandler() {
    return assignment.handlers(newCommandHandlerWithReplyBuilder().forAnyState())
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(Deduped.class, this::onDeduped)
        .onCommand(CheckCirculation.class, this::onCheckCirculation)
        .onCommand(LogActivity.class, this::onLogActivity)
        .onCommand(ChangeStage.class, this::onChangeStage)
        .onCommand(Stop.class, (state, cmd) -> Effect().stop().thenNoReply())
        .onCommand(CheckDormant.class, (state, cmd) -> {
          passivateIfDormant(state);
          return Effect().noReply();
        })
        .build();
  }

  @Override
  public String itemId() {
    return leadId;
  }

  /** The state with a new lead's creation applied while it waits to be journaled. */
  @Override
  public LeadState current(LeadState journaled) {
    return unsaved == null ? journaled : journaled.apply(unsaved);
  }

  /** Every rep of the team has had the lead (forced circulation excluded each): the manager decides. */
  @Override
  public Optional<ItemEvent> nobodyLeft(LeadState state, RoutingDecision decision) {
    return Optional.of(new SentToManager(state.info().team(),
        "every rep who could take it has had it: " + String.join(", ", decision.hadIt()), clock.instant()));
  }

  @Override
  public boolean remembered() {
    return false;
  }

  @Override
  public void queued(LeadState state) {
    answerCreators(state);
  }

  @Override
  public void assigned(LeadState state) {
    answerCreators(state);
    armCirculation(state);
  }

  @Override
  public void unassigned(LeadState state) {
    timers.cancel("circulation");
  }

  /** The events to journal, after the new lead's creation if it is not journaled yet. */
  @Override
  public List<ItemEvent> journal(ItemEvent event) {
    List<ItemEvent> all = new ArrayList<>();
    if (unsaved != null) {
      all.add(unsaved);
      unsaved = null;
    }
    all.add(event);
    return all;
  }

  private ReplyEffect<ItemEvent, LeadState> onCreate(LeadState journaled, Create cmd) {
    LeadState state = current(journaled);
    if (state.known()) {
      if (state.status().settled()) {
        return Effect().reply(cmd.replyTo(), StatusReply.success(state));
      }
      waitingCreators.add(cmd.replyTo());
      return Effect().noReply();
    }
    String problem = cmd.info().problem();
    if (problem != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(problem));
    }
    waitingCreators.add(cmd.replyTo());
    unsaved = new Created(leadId, cmd.info(), clock.instant());
    dedupe(cmd.info());
    return Effect().noReply();
  }

  private void dedupe(LeadInfo info) {
    ctx.pipeToSelf(claims.claim(leadId, info),
        (holder, failure) -> failure == null ? new Deduped(holder.leadId(), holder.state()) : new Deduped(null, null));
  }

  private ReplyEffect<ItemEvent, LeadState> onDeduped(LeadState journaled, Deduped cmd) {
    LeadState state = current(journaled);
    if (state.status() != LeadStatus.NEW || state.owner() != null) {
      return Effect().noReply();
    }
    if (cmd.holder() != null) {
      // Link to the root of a chain, so every duplicate points at the lead that is actually worked.
      String root = cmd.holderState().linkedTo() != null ? cmd.holderState().linkedTo() : cmd.holder();
      return Effect().persist(journal(new Linked(root, cmd.holderState().owner(), clock.instant())))
          .thenRun(s -> {
            claims.release(leadId, s.info());
            answerCreators(s);
          })
          .thenNoReply();
    }
    assignment.route(state);
    return Effect().noReply();
  }

  private void armCirculation(LeadState state) {
    if (state.status() != LeadStatus.ASSIGNED) {
      return;
    }
    CirculationDecision decision = CirculationPolicy.decide(sales.circulation(), state.assignedAt(),
        state.lastQualifyingAt(), state.recycleCount(), clock.instant());
    decision.nextCheckAt().ifPresentOrElse(
        at -> timers.startSingleTimer("circulation", new CheckCirculation(),
            Duration.between(clock.instant(), at).plusMillis(10)),
        () -> ctx.getSelf().tell(new CheckCirculation()));
  }

  private ReplyEffect<ItemEvent, LeadState> onCheckCirculation(LeadState state, CheckCirculation cmd) {
    if (state.status() != LeadStatus.ASSIGNED) {
      return Effect().noReply();
    }
    Instant now = clock.instant();
    CirculationDecision decision = CirculationPolicy.decide(sales.circulation(), state.assignedAt(),
        state.lastQualifyingAt(), state.recycleCount(), now);
    String owner = state.owner();
    return switch (decision.action()) {
      case NONE -> {
        armCirculation(state);
        yield Effect().noReply();
      }
      case RECLAIM -> Effect().persist(new Unassigned(owner, decision.reason(), true, now))
          .thenRun(s -> {
            assignment.release(owner);
            assignment.dispatch();
          })
          .thenNoReply();
      case TO_MANAGER_QUEUE -> Effect().persist(List.of(new Unassigned(owner, decision.reason(), true, now),
              new SentToManager(state.info().team(), decision.reason(), now)))
          .thenRun(s -> {
            assignment.release(owner);
            passivateIfDormant(s);
          })
          .thenNoReply();
    };
  }

  private ReplyEffect<ItemEvent, LeadState> onLogActivity(LeadState state, LogActivity cmd) {
    LeadWork.Decision decision = LeadWork.logActivity(state, cmd.repId(), cmd.type(), cmd.note(), clock.instant(),
        sales.contactSla());
    if (decision.rejection() != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(decision.rejection()));
    }
    return Effect().persist(decision.events())
        .thenRun(this::armCirculation)
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<ItemEvent, LeadState> onChangeStage(LeadState state, ChangeStage cmd) {
    LeadWork.Decision decision = LeadWork.changeStage(state, cmd.stage(), cmd.by(), clock.instant());
    if (decision.rejection() != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(decision.rejection()));
    }
    return Effect().persist(decision.events())
        .thenRun(s -> {
          if (s.status() == LeadStatus.CLOSED) {
            timers.cancel("circulation");
            assignment.closed(state);
            claims.release(leadId, s.info());
            passivateIfDormant(s);
          }
        })
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private void answerCreators(LeadState state) {
    waitingCreators.forEach(ref -> ref.tell(StatusReply.success(state)));
    waitingCreators.clear();
    passivateIfDormant(state);
  }

  /** A lead out of routing (closed, linked, with the manager) leaves memory; the next message revives it. */
  private void passivateIfDormant(LeadState state) {
    if (!state.assignable() && waitingCreators.isEmpty() && shard != null) {
      shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
    }
  }

  @Override
  public EventHandler<LeadState, ItemEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Created.class, LeadState::apply)
        .onEvent(AssignmentEvent.class, LeadState::apply)
        .onEvent(Linked.class, LeadState::apply)
        .onEvent(SentToManager.class, LeadState::apply)
        .onEvent(ActivityLogged.class, LeadState::apply)
        .onEvent(StageChanged.class, LeadState::apply)
        .onEvent(QuotationCreated.class, LeadState::apply)
        .onEvent(FirstContacted.class, (state, e) -> state)
        .build();
  }
}
