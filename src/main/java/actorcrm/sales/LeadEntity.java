package actorcrm.sales;

import actorcrm.CborSerializable;
import actorcrm.node.EntitySettings;
import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.pekko.Done;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One lead: who sent it, its stage (new → contacted → qualified 需求分析 → quoted 报价确认 → won/lost),
 * its activities and its owner. The lead is the single writer of its owner: it asks its team's
 * dispatcher for a rep, journals the proposal, reserves capacity at that rep and only then journals
 * the assignment, so after a crash it knows exactly where it stood and resumes. A new lead journals
 * its creation together with the first outcome of routing (proposal, queue or link), in one write.
 * An owner who logs
 * no qualifying activity in time loses it (forced circulation); a rep who leaves or stays away
 * past the grace period hands it back. A lead whose phone or e-mail matches an open lead is linked
 * to that lead and its owner instead of being routed again.
 */
public final class LeadEntity
    extends EventSourcedBehaviorWithEnforcedReplies<LeadEntity.Command, LeadEntity.Event, LeadState> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "lead");
  /** Journal tag of the events the team leaderboard is built from. */
  public static final String SALES_TAG = "sales";
  static final int DECISIONS_KEPT = 20;
  private static final Duration QUEUE_RECHECK = Duration.ofSeconds(30);

  public enum Status {
    NEW, QUEUED, PROPOSED, ASSIGNED, LINKED, MANAGER_QUEUE, CLOSED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean settled() {
      return this != NEW && this != PROPOSED;
    }
  }

  public record LeadInfo(String idempotencyKey, String name, String phone, String email, String source, String team,
                         Map<String, Integer> requiredSkills, int priority) implements CborSerializable {
    public LeadInfo {
      requiredSkills = requiredSkills == null ? Map.of() : Map.copyOf(requiredSkills);
    }
  }

  public record Activity(String repId, ActivityType type, String note, Instant at) implements CborSerializable {}

  public record StageChange(LeadStage from, LeadStage to, String by, Instant at) implements CborSerializable {}

  public record Quotation(String quotationId, String leadId, Instant createdAt) implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  /** Creates the lead (idempotent); answered once it is assigned, queued, linked or with the manager. */
  public record Create(LeadInfo info, ActorRef<StatusReply<LeadState>> replyTo) implements Command {}

  public record Get(ActorRef<LeadState> replyTo) implements Command {}

  public record LogActivity(String repId, ActivityType type, String note, ActorRef<StatusReply<LeadState>> replyTo)
      implements Command {}

  public record ChangeStage(LeadStage stage, String by, ActorRef<StatusReply<LeadState>> replyTo) implements Command {}

  /**
   * From the dispatcher's queue: this rep has room for the lead. Answered once the lead is assigned,
   * the rep refused, or the lead declined; a dispatcher that hears nothing queues the lead again.
   */
  public record Propose(String repId, RoutingDecision decision, ActorRef<Done> replyTo) implements Command {}

  /** From a rep handing its items back (departure, absence): route the lead again; answered once taken back. */
  public record Reroute(String fromRep, String reason, ActorRef<Done> replyTo) implements Command {}

  private record Dispatch() implements Command {}

  private record Routed(DispatcherEntity.RouteReply reply, String failure) implements Command {}

  private record Reserved(String repId, String refusal, boolean unanswered) implements Command {}

  private record ReserveAgain(String repId) implements Command {}

  private record Deduped(String holder, LeadState holderState) implements Command {}

  private record CheckCirculation() implements Command {}

  private record CheckDormant() implements Command {}

  private record Stop() implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Created(String leadId, LeadInfo info, Instant at) implements Event {}

  public record Linked(String toLead, String owner, Instant at) implements Event {}

  public record Queued(RoutingDecision decision, Instant at) implements Event {}

  public record Proposed(String repId, RoutingDecision decision, Instant at) implements Event {}

  public record Assigned(String repId, String team, Instant at) implements Event {}

  /** The owner's first call, e-mail, meeting or note since the assignment, and whether it came within the contact SLA. */
  public record FirstContacted(String repId, String team, boolean withinSla, Instant at) implements Event {}

  public record ProposalRefused(String repId, String reason, Instant at) implements Event {}

  /** The owner lost the lead; {@code recycled} when taken by forced circulation, which also excludes them. */
  public record Unassigned(String repId, String reason, boolean recycled, Instant at) implements Event {}

  public record SentToManager(String reason, Instant at) implements Event {}

  public record ActivityLogged(Activity activity) implements Event {}

  public record StageChanged(StageChange change, String owner, String team) implements Event {}

  public record QuotationCreated(Quotation quotation) implements Event {}

  public static void init(ActorSystem<?> system, EntitySettings settings, SalesSettings sales) {
    // Not remembered: remembering costs a write per new lead. Whatever still waits on a lead wakes
    // it instead: its owner asks it every verify interval, its dispatcher proposes to it from the
    // queue, its creator retries until answered. On waking it re-arms its timers from its journal.
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
            ctx -> create(ctx.getEntityId(), settings, sales, ctx.getShard()))
        .withStopMessage(new Stop()));
  }

  public static Behavior<Command> create(String leadId, EntitySettings settings, SalesSettings sales,
                                         ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new LeadEntity(leadId, settings, sales, shard, ctx, timers)));
  }

  private final String leadId;
  private final EntitySettings settings;
  private final Clock clock;
  private final SalesSettings sales;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final ClusterSharding sharding;
  private final Assignments assignments;
  private final List<ActorRef<StatusReply<LeadState>>> waitingCreators = new ArrayList<>();
  private final List<ActorRef<Done>> waitingProposers = new ArrayList<>();
  /** A new lead's creation, held until it is journaled with the first outcome of routing. */
  private Created unsaved;

  private LeadEntity(String leadId, EntitySettings settings, SalesSettings sales,
                     ActorRef<ClusterSharding.ShardCommand> shard, ActorContext<Command> ctx,
                     TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), leadId));
    this.leadId = leadId;
    this.settings = settings;
    this.clock = settings.clock();
    this.sales = sales;
    this.shard = shard;
    this.ctx = ctx;
    this.timers = timers;
    this.sharding = ClusterSharding.get(ctx.getSystem());
    this.assignments = new Assignments(sharding, WorkKind.LEAD, settings.askTimeout());
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
  public Set<String> tagsFor(Event event) {
    return event instanceof Assigned || event instanceof FirstContacted || event instanceof StageChanged
        ? Set.of(SALES_TAG) : Set.of();
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
      timers.startSingleTimer("dormant", new CheckDormant(), Duration.ofSeconds(10));
      return;
    }
    if (!state.open()) {
      passivateIfDormant(state);
      return;
    }
    switch (state.status()) {
      case NEW -> dedupe(state.info());
      case QUEUED -> ctx.getSelf().tell(new Dispatch());
      case PROPOSED -> reserve(state.proposedRep());
      case ASSIGNED -> armCirculation(state);
      default -> passivateIfDormant(state);
    }
  }

  @Override
  public CommandHandlerWithReply<Command, Event, LeadState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(Deduped.class, this::onDeduped)
        .onCommand(Dispatch.class, this::onDispatch)
        .onCommand(Routed.class, this::onRouted)
        .onCommand(Propose.class, this::onPropose)
        .onCommand(Reserved.class, this::onReserved)
        .onCommand(ReserveAgain.class, (state, cmd) -> {
          if (state.status() == Status.PROPOSED && cmd.repId().equals(state.proposedRep())) {
            reserve(cmd.repId());
          }
          return Effect().noReply();
        })
        .onCommand(Reroute.class, this::onReroute)
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

  private ReplyEffect<Event, LeadState> onCreate(LeadState journaled, Create cmd) {
    LeadState state = current(journaled);
    if (state.known()) {
      if (state.status().settled()) {
        return Effect().reply(cmd.replyTo(), StatusReply.success(state));
      }
      waitingCreators.add(cmd.replyTo());
      return Effect().noReply();
    }
    String problem = problem(cmd.info());
    if (problem != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(problem));
    }
    waitingCreators.add(cmd.replyTo());
    unsaved = new Created(leadId, cmd.info(), clock.instant());
    dedupe(cmd.info());
    return Effect().noReply();
  }

  /** The state with a new lead's creation applied while it waits to be journaled. */
  private LeadState current(LeadState journaled) {
    return unsaved == null ? journaled : journaled.apply(unsaved);
  }

  /** The events to journal, after the new lead's creation if it is not journaled yet. */
  private List<Event> withCreation(Event... events) {
    List<Event> all = new ArrayList<>();
    if (unsaved != null) {
      all.add(unsaved);
      unsaved = null;
    }
    all.addAll(List.of(events));
    return all;
  }

  private static String problem(LeadInfo info) {
    if (info.team() == null || info.team().isBlank()) {
      return "team is required";
    }
    if (info.name() == null || info.name().isBlank()) {
      return "name is required";
    }
    for (Map.Entry<String, Integer> skill : info.requiredSkills().entrySet()) {
      if (skill.getValue() == null || skill.getValue() < 1 || skill.getValue() > 5) {
        return "required skill " + skill.getKey() + " needs a level from 1 to 5, got " + skill.getValue();
      }
    }
    return null;
  }

  /**
   * Claims the lead's phone and e-mail keys, both at once. A key held by another open lead links
   * this one to it; a holder that is not open loses the key to this lead.
   */
  private void dedupe(LeadInfo info) {
    List<String> keys = LeadDedupe.keys(info.phone(), info.email());
    List<CompletableFuture<String>> holders = keys.stream().map(key -> claim(key, null).toCompletableFuture()).toList();
    CompletionStage<Deduped> deduped = CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new))
        .thenCompose(all -> {
          List<Map.Entry<String, String>> others = new ArrayList<>();
          for (int i = 0; i < keys.size(); i++) {
            String holder = holders.get(i).join();
            if (!holder.equals(leadId)) {
              others.add(Map.entry(keys.get(i), holder));
            }
          }
          return linkOrReplace(others);
        });
    ctx.pipeToSelf(deduped, (result, failure) -> failure == null ? result : new Deduped(null, null));
  }

  private CompletionStage<String> claim(String key, String replacing) {
    return sharding.entityRefFor(DedupeIndexEntity.ENTITY_TYPE_KEY, key)
        .askWithStatus(r -> new DedupeIndexEntity.Claim(leadId, replacing, r), settings.askTimeout());
  }

  /** The first holder (key to lead) that is open; holders found not open are replaced on the way. */
  private CompletionStage<Deduped> linkOrReplace(List<Map.Entry<String, String>> holders) {
    if (holders.isEmpty()) {
      return CompletableFuture.completedFuture(new Deduped(null, null));
    }
    String key = holders.get(0).getKey();
    String holder = holders.get(0).getValue();
    return sharding.entityRefFor(ENTITY_TYPE_KEY, holder).<LeadState>ask(Get::new, settings.askTimeout())
        .thenCompose(s -> s.open() ? CompletableFuture.completedFuture(new Deduped(holder, s))
            : claim(key, holder).thenCompose(claimed -> linkOrReplace(holders.subList(1, holders.size()))));
  }

  private ReplyEffect<Event, LeadState> onDeduped(LeadState journaled, Deduped cmd) {
    LeadState state = current(journaled);
    if (state.status() != Status.NEW || state.owner() != null) {
      return Effect().noReply();
    }
    if (cmd.holder() != null) {
      // Link to the root of a chain, so every duplicate points at the lead that is actually worked.
      String root = cmd.holderState().linkedTo() != null ? cmd.holderState().linkedTo() : cmd.holder();
      return Effect().persist(withCreation(new Linked(root, cmd.holderState().owner(), clock.instant())))
          .thenRun(s -> {
            releaseKeys(s);
            answerCreators(s);
          })
          .thenNoReply();
    }
    return onDispatch(journaled, new Dispatch());
  }

  private ReplyEffect<Event, LeadState> onDispatch(LeadState journaled, Dispatch cmd) {
    LeadState state = current(journaled);
    if ((state.status() != Status.NEW && state.status() != Status.QUEUED) || !state.open()) {
      return Effect().noReply();
    }
    ctx.pipeToSelf(assignments.route(state.info().team(), state.workItem()),
        (reply, failure) -> new Routed(reply, failure == null ? null : failure.toString()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, LeadState> onRouted(LeadState journaled, Routed cmd) {
    LeadState state = current(journaled);
    if ((state.status() != Status.NEW && state.status() != Status.QUEUED) || !state.open()) {
      if (cmd.reply() instanceof DispatcherEntity.Proposal p) {
        declined(state, p.repId());
      }
      return Effect().noReply();
    }
    if (cmd.failure() != null) {
      timers.startSingleTimer("dispatch", new Dispatch(), Duration.ofMillis(500));
      return Effect().noReply();
    }
    Instant now = clock.instant();
    if (cmd.reply() instanceof DispatcherEntity.Proposal p) {
      return Effect().persist(withCreation(new Proposed(p.repId(), p.decision(), now)))
          .thenRun(s -> reserve(p.repId()))
          .thenNoReply();
    }
    if (state.status() == Status.QUEUED) {
      armQueueCheck();
      return Effect().noReply();
    }
    return Effect().persist(withCreation(new Queued(cmd.reply().decision(), now)))
        .thenRun(s -> {
          answerCreators(s);
          armQueueCheck();
        })
        .thenNoReply();
  }

  /**
   * While queued, asks the dispatcher again now and then: a proposal lost on the way (the node
   * died between the dispatcher's dequeue and this lead) must not leave the lead waiting forever.
   */
  private void armQueueCheck() {
    timers.startSingleTimer("queued", new Dispatch(), QUEUE_RECHECK);
  }

  private ReplyEffect<Event, LeadState> onPropose(LeadState journaled, Propose cmd) {
    LeadState state = current(journaled);
    // NEW too: the dispatcher may drain the queue before its "queued" answer reaches the lead.
    if (state.status() != Status.QUEUED && state.status() != Status.NEW) {
      declined(state, cmd.repId());
      return Effect().reply(cmd.replyTo(), Done.getInstance());
    }
    waitingProposers.add(cmd.replyTo());
    return Effect().persist(withCreation(new Proposed(cmd.repId(), cmd.decision(), clock.instant())))
        .thenRun(s -> reserve(cmd.repId()))
        .thenNoReply();
  }

  private void declined(LeadState state, String repId) {
    if (state.known()) {
      assignments.declined(state.info().team(), leadId, repId, 1);
    }
  }

  private void reserve(String repId) {
    ctx.pipeToSelf(assignments.reserve(repId, leadId, 1),
        (ok, failure) -> new Reserved(repId, failure == null ? null : failure.getMessage(),
            Assignments.unanswered(failure)));
  }

  private ReplyEffect<Event, LeadState> onReserved(LeadState state, Reserved cmd) {
    if (state.status() != Status.PROPOSED || !cmd.repId().equals(state.proposedRep())) {
      if (cmd.refusal() == null) {
        release(cmd.repId());
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
            answerProposers();
            // Whatever failed, the rep may hold a reservation after all: give it back (idempotent).
            release(cmd.repId());
            timers.startSingleTimer("dispatch", new Dispatch(), Duration.ofMillis(20));
          })
          .thenNoReply();
    }
    timers.cancel("queued");
    return Effect().persist(new Assigned(cmd.repId(), state.info().team(), now))
        .thenRun(s -> {
          answerProposers();
          answerCreators(s);
          armCirculation(s);
        })
        .thenNoReply();
  }

  private ReplyEffect<Event, LeadState> onReroute(LeadState state, Reroute cmd) {
    boolean holds = cmd.fromRep().equals(state.owner()) || cmd.fromRep().equals(state.proposedRep());
    if (!state.open() || !holds || state.status() == Status.LINKED) {
      return Effect().reply(cmd.replyTo(), Done.getInstance());
    }
    return Effect().persist(new Unassigned(cmd.fromRep(), cmd.reason(), false, clock.instant()))
        .thenRun(s -> {
          timers.cancel("circulation");
          ctx.getSelf().tell(new Dispatch());
        })
        .thenReply(cmd.replyTo(), s -> Done.getInstance());
  }

  private void armCirculation(LeadState state) {
    if (state.status() != Status.ASSIGNED) {
      return;
    }
    CirculationDecision decision = CirculationPolicy.decide(sales.circulation(), state.assignedAt(),
        state.lastQualifyingAt(), state.recycleCount(), clock.instant());
    decision.nextCheckAt().ifPresentOrElse(
        at -> timers.startSingleTimer("circulation", new CheckCirculation(),
            Duration.between(clock.instant(), at).plusMillis(10)),
        () -> ctx.getSelf().tell(new CheckCirculation()));
  }

  private ReplyEffect<Event, LeadState> onCheckCirculation(LeadState state, CheckCirculation cmd) {
    if (state.status() != Status.ASSIGNED) {
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
            release(owner);
            ctx.getSelf().tell(new Dispatch());
          })
          .thenNoReply();
      case TO_MANAGER_QUEUE -> Effect().persist(List.of(new Unassigned(owner, decision.reason(), true, now),
              new SentToManager(decision.reason(), now)))
          .thenRun(s -> {
            release(owner);
            passivateIfDormant(s);
          })
          .thenNoReply();
    };
  }

  private ReplyEffect<Event, LeadState> onLogActivity(LeadState state, LogActivity cmd) {
    if (!state.known()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("lead " + leadId + " does not exist"));
    }
    if (cmd.type() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("type must be one of call, email, meeting, note, view"));
    }
    if (cmd.repId() == null || cmd.repId().isBlank()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("rep_id is required"));
    }
    Activity activity = new Activity(cmd.repId(), cmd.type(), cmd.note(), clock.instant());
    List<Event> events = new ArrayList<>();
    events.add(new ActivityLogged(activity));
    boolean firstContact = state.status() == Status.ASSIGNED && cmd.repId().equals(state.owner())
        && cmd.type().qualifying()
        && (state.lastQualifyingAt() == null || state.lastQualifyingAt().isBefore(state.assignedAt()));
    if (firstContact) {
      boolean withinSla = !activity.at().isAfter(state.assignedAt().plus(sales.contactSla()));
      events.add(new FirstContacted(cmd.repId(), state.info().team(), withinSla, activity.at()));
    }
    return Effect().persist(events)
        .thenRun(this::armCirculation)
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, LeadState> onChangeStage(LeadState state, ChangeStage cmd) {
    if (!state.known()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("lead " + leadId + " does not exist"));
    }
    if (cmd.stage() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(
          "stage must be one of new, contacted, qualified, quoted, won, lost"));
    }
    StageTransition transition = LeadStageMachine.transition(state.stage(), cmd.stage());
    if (!transition.allowed()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(transition.rejection()));
    }
    Instant now = clock.instant();
    List<Event> events = new ArrayList<>();
    events.add(new StageChanged(new StageChange(state.stage(), cmd.stage(), cmd.by(), now), state.owner(),
        state.info().team()));
    if (transition.triggers().contains(StageTrigger.QUOTATION_CREATED)) {
      events.add(new QuotationCreated(new Quotation("Q-" + leadId + "-" + (state.quotations().size() + 1), leadId, now)));
    }
    String owner = state.owner();
    String proposed = state.proposedRep();
    return Effect().persist(events)
        .thenRun(s -> {
          if (s.status() == Status.CLOSED) {
            timers.cancel("circulation");
            timers.cancel("queued");
            if (owner != null) {
              release(owner);
            }
            if (proposed != null) {
              release(proposed);
            }
            releaseKeys(s);
            assignments.withdraw(s.info().team(), leadId);
            passivateIfDormant(s);
          }
        })
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private void releaseKeys(LeadState state) {
    LeadDedupe.keys(state.info().phone(), state.info().email()).forEach(key ->
        sharding.entityRefFor(DedupeIndexEntity.ENTITY_TYPE_KEY, key).tell(new DedupeIndexEntity.Release(leadId)));
  }

  private void release(String repId) {
    assignments.release(repId, leadId);
  }

  private void answerProposers() {
    waitingProposers.forEach(ref -> ref.tell(Done.getInstance()));
    waitingProposers.clear();
  }

  private void answerCreators(LeadState state) {
    waitingCreators.forEach(ref -> ref.tell(StatusReply.success(state)));
    waitingCreators.clear();
    passivateIfDormant(state);
  }

  /** A lead with nothing left to wait for leaves memory (and the remembered set); the next message revives it. */
  private void passivateIfDormant(LeadState state) {
    boolean dormant = !state.known() || state.status() == Status.CLOSED || state.status() == Status.LINKED
        || state.status() == Status.MANAGER_QUEUE;
    if (dormant && waitingCreators.isEmpty() && shard != null) {
      shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
    }
  }

  @Override
  public EventHandler<LeadState, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Created.class, LeadState::apply)
        .onEvent(Linked.class, LeadState::apply)
        .onEvent(Queued.class, LeadState::apply)
        .onEvent(Proposed.class, LeadState::apply)
        .onEvent(Assigned.class, LeadState::apply)
        .onEvent(ProposalRefused.class, LeadState::apply)
        .onEvent(Unassigned.class, LeadState::apply)
        .onEvent(SentToManager.class, LeadState::apply)
        .onEvent(ActivityLogged.class, LeadState::apply)
        .onEvent(StageChanged.class, LeadState::apply)
        .onEvent(QuotationCreated.class, LeadState::apply)
        .onEvent(FirstContacted.class, (state, e) -> state)
        .build();
  }
}
