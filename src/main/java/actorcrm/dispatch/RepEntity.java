package actorcrm.dispatch;

import actorcrm.platform.CborSerializable;
import actorcrm.platform.IdRules;
import actorcrm.platform.EntityStart;
import actorcrm.platform.RejoinSafeAllocation;
import actorcrm.platform.EntitySettings;
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
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sales rep or service agent: profile (team, skills with proficiency, a capacity per kind of
 * work), presence, employment, and the open items they hold, kept by its {@link CapacityLedger}:
 * an item is only assigned after the rep has reserved it here. Every change is told to the team's dispatchers. A rep away or offline past the
 * grace period hands its items back; a departed rep hands everything back and is locked.
 */
public final class RepEntity
    extends EventSourcedBehaviorWithEnforcedReplies<RepEntity.Command, RepEntity.Event, RepEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "rep");

  public enum Employment {
    ACTIVE, DEPARTED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An open item the rep holds: a lead weighs 1, a ticket its complexity. */
  public record Held(WorkKind kind, int weight, Instant since) implements CborSerializable {}

  public sealed interface Command extends CborSerializable
      permits UpdateProfile, SetPresence, Depart, Reserve, Release, GetSnapshot, Get, CheckAbsence, CheckDormant,
      CapacityLedger.LedgerCommand {}

  public record UpdateProfile(RepProfile profile, ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record SetPresence(Presence presence, ActorRef<StatusReply<State>> replyTo) implements Command {}

  /** The rep leaves: locked out, and every open item is handed back (the reply lists them). */
  public record Depart(ActorRef<StatusReply<State>> replyTo) implements Command {}

  /** Takes an item if it fits; idempotent per item id. */
  public record Reserve(String itemId, WorkKind kind, int weight, ActorRef<StatusReply<State>> replyTo) implements Command {}

  /** Gives an item back (closed, reclaimed, reassigned); idempotent. */
  public record Release(String itemId, ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record GetSnapshot(WorkKind kind, ActorRef<RepSnapshot> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  private record CheckAbsence() implements Command {}

  private record CheckDormant() implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record ProfileUpdated(RepProfile profile, Instant at) implements Event {}

  public record PresenceChanged(Presence presence, Instant at) implements Event {}

  public record ItemReserved(String itemId, WorkKind kind, int weight, Instant at) implements Event {}

  public record ItemReleased(String itemId, Instant at) implements Event {}

  /**
   * Items handed back at once, on departure or after the grace period. They stay pending until
   * each item confirms it took itself back, and are handed back again after a restart.
   */
  public record ItemsHandedBack(Map<String, Held> items, String reason, Instant at) implements Event {}

  public record HandBackConfirmed(String itemId, Instant at) implements Event {}

  public record Departed(Instant at) implements Event {}

  public record State(String repId, RepProfile profile, Presence presence, Employment employment, Instant presenceSince,
                      Instant departedAt, Map<String, Held> items, Map<String, Held> handingBack, long leadsAssigned,
                      long ticketsAssigned) implements CborSerializable {
    public State {
      items = items instanceof PSortedMap ? items : TreePMap.from(items == null ? Map.of() : items);
      handingBack = handingBack instanceof PSortedMap ? handingBack
          : TreePMap.from(handingBack == null ? Map.of() : handingBack);
    }

    public static State empty(String repId) {
      return new State(repId, null, Presence.OFFLINE, Employment.ACTIVE, null, null, Map.of(), Map.of(), 0, 0);
    }

    public boolean known() {
      return profile != null;
    }

    public boolean departed() {
      return employment == Employment.DEPARTED;
    }

    public int load(WorkKind kind) {
      return items.values().stream().filter(h -> h.kind() == kind).mapToInt(Held::weight).sum();
    }

    public RepSnapshot snapshot(WorkKind kind) {
      return new RepSnapshot(repId, !departed(), presence, profile == null ? Map.of() : profile.skills(),
          profile == null ? 0 : profile.capacity(kind), load(kind));
    }

    private PSortedMap<String, Held> held() {
      return (PSortedMap<String, Held>) items;
    }

    State apply(ProfileUpdated e) {
      return new State(repId, e.profile(), presence, employment, presenceSince == null ? e.at() : presenceSince,
          departedAt, items, handingBack, leadsAssigned, ticketsAssigned);
    }

    State apply(PresenceChanged e) {
      return new State(repId, profile, e.presence(), employment, e.at(), departedAt, items, handingBack, leadsAssigned,
          ticketsAssigned);
    }

    State apply(ItemReserved e) {
      return new State(repId, profile, presence, employment, presenceSince, departedAt,
          held().plus(e.itemId(), new Held(e.kind(), e.weight(), e.at())), handingBack,
          leadsAssigned + (e.kind() == WorkKind.LEAD ? 1 : 0), ticketsAssigned + (e.kind() == WorkKind.TICKET ? 1 : 0));
    }

    State apply(ItemReleased e) {
      return new State(repId, profile, presence, employment, presenceSince, departedAt, held().minus(e.itemId()),
          handingBack, leadsAssigned, ticketsAssigned);
    }

    State apply(ItemsHandedBack e) {
      return new State(repId, profile, presence, employment, presenceSince, departedAt,
          held().minusAll(e.items().keySet()), ((PSortedMap<String, Held>) handingBack).plusAll(e.items()),
          leadsAssigned, ticketsAssigned);
    }

    State apply(HandBackConfirmed e) {
      return new State(repId, profile, presence, employment, presenceSince, departedAt, items,
          ((PSortedMap<String, Held>) handingBack).minus(e.itemId()), leadsAssigned, ticketsAssigned);
    }

    State apply(Departed e) {
      return new State(repId, profile, Presence.OFFLINE, Employment.DEPARTED, e.at(), e.at(), items, handingBack,
          leadsAssigned, ticketsAssigned);
    }
  }

  public static void init(ActorSystem<?> system, EntitySettings settings, DispatchSettings dispatch) {
    RepLinks links = RepLinks.sharded(system, settings.askTimeout());
    // Remembered, so a rep with a grace timer running is restarted after a crash or a move and re-arms it.
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
            ctx -> EntityStart.checked(ctx, IdRules::problem, () -> create(ctx.getEntityId(), settings, dispatch, links, ctx.getShard())))
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true))
        .withAllocationStrategy(RejoinSafeAllocation.of(system)));
  }

  public static Behavior<Command> create(String repId, EntitySettings settings, DispatchSettings dispatch, RepLinks links,
                                         ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new RepEntity(repId, settings, dispatch, links, shard, ctx, timers)));
  }

  private final String repId;
  private final EntitySettings settings;
  private final Clock clock;
  private final DispatchSettings dispatch;
  private final RepLinks links;
  private final CapacityLedger ledger;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;

  private RepEntity(String repId, EntitySettings settings, DispatchSettings dispatch, RepLinks links,
                    ActorRef<ClusterSharding.ShardCommand> shard, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), repId));
    this.repId = repId;
    this.settings = settings;
    this.clock = settings.clock();
    this.dispatch = dispatch;
    this.links = links;
    this.ledger = new CapacityLedger(repId, links, Effect(), ctx, timers, clock, settings.askTimeout(),
        dispatch.retries().handBack(), state -> tellDispatchers(state, null));
    this.shard = shard;
    this.ctx = ctx;
    this.timers = timers;
  }

  @Override
  public State emptyState() {
    return State.empty(repId);
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
            // Asked about (a read, a stale reservation) but never created: leave unless a profile follows.
            timers.startSingleTimer("dormant", new CheckDormant(), dispatch.retries().unknownStays());
          }
          armAbsenceCheck(state);
          tellDispatchers(state, null);
          ledger.resume(state, dispatch.verifyInterval());
        })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return ledger.handlers(newCommandHandlerWithReplyBuilder().forAnyState())
        .onCommand(UpdateProfile.class, this::onUpdateProfile)
        .onCommand(SetPresence.class, this::onSetPresence)
        .onCommand(Depart.class, this::onDepart)
        .onCommand(CheckAbsence.class, this::onCheckAbsence)
        .onCommand(CheckDormant.class, (state, cmd) -> {
          if (!state.known() && shard != null) {
            shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
          }
          return Effect().noReply();
        })
        .onCommand(GetSnapshot.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state.snapshot(cmd.kind())))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, State> onUpdateProfile(State state, UpdateProfile cmd) {
    if (state.departed()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("rep " + repId + " has departed"));
    }
    String problem = RepProfile.problem(cmd.profile());
    if (problem != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(problem));
    }
    RepProfile p = cmd.profile();
    RepProfile profile = new RepProfile(p.name().trim(), p.team().trim(), p.skills(), p.leadCapacity(), p.ticketCapacity());
    for (WorkKind kind : WorkKind.values()) {
      if (profile.capacity(kind) < state.load(kind)) {
        return Effect().reply(cmd.replyTo(), StatusReply.error(kind.wire() + "_capacity " + profile.capacity(kind)
            + " is below the load of " + state.load(kind) + " the rep holds; close or hand back items first"));
      }
    }
    if (state.known() && !profile.team().equals(state.profile().team()) && !state.items().isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(
          "rep " + repId + " holds open items; they must be closed or handed back before a team change"));
    }
    if (profile.equals(state.profile())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    String previousTeam = state.known() ? state.profile().team() : null;
    return Effect().persist(new ProfileUpdated(profile, clock.instant()))
        .thenRun(s -> tellDispatchers(s, previousTeam))
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> onSetPresence(State state, SetPresence cmd) {
    if (!state.known()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("rep " + repId + " does not exist"));
    }
    if (state.departed()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("rep " + repId + " has departed"));
    }
    if (cmd.presence() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("presence must be online, away or offline"));
    }
    if (cmd.presence() == state.presence()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new PresenceChanged(cmd.presence(), clock.instant()))
        .thenRun(s -> {
          armAbsenceCheck(s);
          tellDispatchers(s, null);
        })
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> onDepart(State state, Depart cmd) {
    if (!state.known()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("rep " + repId + " does not exist"));
    }
    if (state.departed()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    Instant now = clock.instant();
    Map<String, Held> items = new TreeMap<>(state.items());
    return Effect().persist(List.of(new ItemsHandedBack(items, "rep departed", now), new Departed(now)))
        .thenRun(s -> {
          ledger.handBack(items, "rep departed");
          tellDispatchers(s, null);
        })
        .thenReply(cmd.replyTo(), s -> StatusReply.success(s));
  }

  private ReplyEffect<Event, State> onCheckAbsence(State state, CheckAbsence cmd) {
    if (state.departed() || state.items().isEmpty()) {
      return Effect().noReply();
    }
    PresenceGrace.Verdict verdict = dispatch.grace().check(state.presence(), state.presenceSince(), clock.instant());
    if (!verdict.moveItems()) {
      armAbsenceCheck(state);
      return Effect().noReply();
    }
    Map<String, Held> items = new TreeMap<>(state.items());
    String reason = "owner " + state.presence().wire() + " past the grace period";
    return Effect().persist(new ItemsHandedBack(items, reason, clock.instant()))
        .thenRun(s -> {
          ledger.handBack(items, reason);
          tellDispatchers(s, null);
        })
        .thenNoReply();
  }

  /** Arms (or re-arms, after recovery) the check for the grace period of an absent rep holding items. */
  private void armAbsenceCheck(State state) {
    timers.cancel("absence");
    if (state.departed() || state.items().isEmpty() || state.presence() == Presence.ONLINE) {
      return;
    }
    dispatch.grace().check(state.presence(), state.presenceSince(), clock.instant()).checkAt().ifPresentOrElse(
        at -> timers.startSingleTimer("absence", new CheckAbsence(),
            Duration.between(clock.instant(), at).plusMillis(10)),
        () -> ctx.getSelf().tell(new CheckAbsence()));
  }

  private void tellDispatchers(State state, String previousTeam) {
    if (state.known()) {
      links.repChanged(state, previousTeam);
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ProfileUpdated.class, State::apply)
        .onEvent(PresenceChanged.class, State::apply)
        .onEvent(ItemReserved.class, State::apply)
        .onEvent(ItemReleased.class, State::apply)
        .onEvent(ItemsHandedBack.class, State::apply)
        .onEvent(HandBackConfirmed.class, State::apply)
        .onEvent(Departed.class, State::apply)
        .build();
  }
}
