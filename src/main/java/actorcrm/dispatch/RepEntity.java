package actorcrm.dispatch;

import actorcrm.CborSerializable;
import actorcrm.EntityStart;
import actorcrm.IdRules;
import actorcrm.node.EntitySettings;
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
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * One sales rep or service agent: profile (team, skills with proficiency, a capacity per kind of
 * work), presence, employment, and the open items they hold. The rep is the single writer of its
 * load: an item is only assigned after the rep has reserved it here, and a reservation that would
 * go over capacity, or to a rep not online, is refused — so the rep's event log never shows it
 * over capacity. Every change is told to the team's dispatchers. A rep away or offline past the
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

  /** Skills map a skill to its proficiency 1..5. */
  public record Profile(String name, String team, Map<String, Integer> skills, int leadCapacity, int ticketCapacity)
      implements CborSerializable {
    public Profile {
      skills = skills == null ? Map.of() : Map.copyOf(skills);
    }

    int capacity(WorkKind kind) {
      return kind == WorkKind.LEAD ? leadCapacity : ticketCapacity;
    }
  }

  /** An open item the rep holds: a lead weighs 1, a ticket its complexity. */
  public record Held(WorkKind kind, int weight, Instant since) implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  public record UpdateProfile(Profile profile, ActorRef<StatusReply<State>> replyTo) implements Command {}

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

  private record HandedBack(String itemId) implements Command {}

  private record HandBackFailed(String itemId, String reason) implements Command {}

  private record HandBackAgain(String itemId, String reason) implements Command {}

  /** The item does not count this rep as its owner; {@code since} names the reservation that was checked. */
  private record NotHeld(String itemId, Instant since) implements Command {}

  private record VerifyHeld() implements Command {}

  private record Unverified(String itemId) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record ProfileUpdated(Profile profile, Instant at) implements Event {}

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

  public record State(String repId, Profile profile, Presence presence, Employment employment, Instant presenceSince,
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

  /** Whom a rep tells about its changes: the team's dispatchers, and the items it hands back. */
  public interface Links {
    void repChanged(State state, String previousTeam);

    /** Routes one handed-back item again; completes once the item has taken it back. */
    CompletionStage<Done> handBack(String repId, String itemId, Held held, String reason);

    /** Whether the item's own entity says this rep owns it (or is reserving it). */
    CompletionStage<Boolean> holds(String repId, String itemId, Held held);
  }

  /** The links of a node: dispatchers and item entities through cluster sharding. */
  public static Links sharded(ActorSystem<?> system, Duration timeout) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return new Links() {
      @Override
      public void repChanged(State state, String previousTeam) {
        for (WorkKind kind : WorkKind.values()) {
          if (previousTeam != null && !previousTeam.equals(state.profile().team())) {
            sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(previousTeam, kind))
                .tell(new DispatcherEntity.RepLeft(state.repId()));
          }
          sharding.entityRefFor(DispatcherEntity.ENTITY_TYPE_KEY, DispatcherEntity.id(state.profile().team(), kind))
              .tell(new DispatcherEntity.RepUpdated(state.snapshot(kind), state.profile().team()));
        }
      }

      @Override
      public CompletionStage<Done> handBack(String repId, String itemId, Held held, String reason) {
        return sharding.entityRefFor(held.kind().entityKey(), itemId)
            .ask(r -> new AssignmentCommand.Reroute(repId, reason, r), timeout);
      }

      @Override
      public CompletionStage<Boolean> holds(String repId, String itemId, Held held) {
        return sharding.entityRefFor(held.kind().entityKey(), itemId)
            .ask(r -> new AssignmentCommand.Holds(repId, r), timeout);
      }
    };
  }

  public static void init(ActorSystem<?> system, EntitySettings settings, DispatchSettings dispatch) {
    Links links = sharded(system, settings.askTimeout());
    // Remembered, so a rep with a grace timer running is restarted after a crash or a move and re-arms it.
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
            ctx -> EntityStart.checked(ctx, IdRules::problem, () -> create(ctx.getEntityId(), settings, dispatch, links)))
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true)));
  }

  public static Behavior<Command> create(String repId, EntitySettings settings, DispatchSettings dispatch, Links links) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new RepEntity(repId, settings, dispatch, links, ctx, timers)));
  }

  private final String repId;
  private final EntitySettings settings;
  private final Clock clock;
  private final DispatchSettings dispatch;
  private final Links links;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;

  private RepEntity(String repId, EntitySettings settings, DispatchSettings dispatch, Links links, ActorContext<Command> ctx,
                    TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), repId));
    this.repId = repId;
    this.settings = settings;
    this.clock = settings.clock();
    this.dispatch = dispatch;
    this.links = links;
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
          armAbsenceCheck(state);
          tellDispatchers(state, null);
          handBack(state.handingBack(), "handed back before a restart");
          verifyHeld(state, clock.instant());
          timers.startTimerWithFixedDelay("verify", new VerifyHeld(), dispatch.verifyInterval());
        })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(UpdateProfile.class, this::onUpdateProfile)
        .onCommand(SetPresence.class, this::onSetPresence)
        .onCommand(Depart.class, this::onDepart)
        .onCommand(Reserve.class, this::onReserve)
        .onCommand(Release.class, this::onRelease)
        .onCommand(CheckAbsence.class, this::onCheckAbsence)
        .onCommand(HandedBack.class, (state, cmd) -> state.handingBack().containsKey(cmd.itemId())
            ? Effect().persist(new HandBackConfirmed(cmd.itemId(), clock.instant())).thenNoReply()
            : Effect().noReply())
        .onCommand(HandBackFailed.class, (state, cmd) -> {
          Held held = state.handingBack().get(cmd.itemId());
          if (held != null) {
            // The item did not confirm (its node may be down): hand it back again shortly.
            timers.startSingleTimer("handback-" + cmd.itemId(), new HandBackAgain(cmd.itemId(), cmd.reason()),
                Duration.ofSeconds(2));
          }
          return Effect().noReply();
        })
        .onCommand(HandBackAgain.class, (state, cmd) -> {
          Held held = state.handingBack().get(cmd.itemId());
          if (held != null) {
            handBack(Map.of(cmd.itemId(), held), cmd.reason());
          }
          return Effect().noReply();
        })
        .onCommand(Unverified.class, (state, cmd) -> Effect().noReply())
        .onCommand(VerifyHeld.class, (state, cmd) -> {
          verifyHeld(state, clock.instant().minus(settings.askTimeout()));
          return Effect().noReply();
        })
        .onCommand(NotHeld.class, (state, cmd) -> state.items().containsKey(cmd.itemId())
            && state.items().get(cmd.itemId()).since().equals(cmd.since())
            ? Effect().persist(new ItemReleased(cmd.itemId(), clock.instant())).thenRun(s -> tellDispatchers(s, null)).thenNoReply()
            : Effect().noReply())
        .onCommand(GetSnapshot.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state.snapshot(cmd.kind())))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, State> onUpdateProfile(State state, UpdateProfile cmd) {
    if (state.departed()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("rep " + repId + " has departed"));
    }
    String problem = problem(cmd.profile());
    if (problem != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(problem));
    }
    Profile p = cmd.profile();
    Profile profile = new Profile(p.name().trim(), p.team().trim(), p.skills(), p.leadCapacity(), p.ticketCapacity());
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

  private static String problem(Profile p) {
    if (p == null || p.name() == null || p.name().isBlank()) {
      return "name is required";
    }
    if (p.team() == null || p.team().isBlank()) {
      return "team is required";
    }
    if (p.team().contains(":")) {
      return "team must not contain ':', got " + p.team();
    }
    if (p.leadCapacity() < 0) {
      return "lead_capacity must be 0 or more, got " + p.leadCapacity();
    }
    if (p.ticketCapacity() < 0) {
      return "ticket_capacity must be 0 or more, got " + p.ticketCapacity();
    }
    for (Map.Entry<String, Integer> skill : p.skills().entrySet()) {
      if (skill.getKey() == null || skill.getKey().isBlank()) {
        return "skills must not contain blank entries";
      }
      if (skill.getValue() == null || skill.getValue() < 1 || skill.getValue() > 5) {
        return "skill " + skill.getKey() + " needs a proficiency from 1 to 5, got " + skill.getValue();
      }
    }
    return null;
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
          handBack(items, "rep departed");
          tellDispatchers(s, null);
        })
        .thenReply(cmd.replyTo(), s -> StatusReply.success(s));
  }

  private ReplyEffect<Event, State> onReserve(State state, Reserve cmd) {
    if (state.items().containsKey(cmd.itemId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    String refusal = refusal(state, cmd);
    if (refusal != null) {
      tellDispatchers(state, null);
      return Effect().reply(cmd.replyTo(), StatusReply.error(refusal));
    }
    return Effect().persist(new ItemReserved(cmd.itemId(), cmd.kind(), cmd.weight(), clock.instant()))
        .thenRun(s -> tellDispatchers(s, null))
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private static String refusal(State state, Reserve cmd) {
    if (!state.known()) {
      return "rep " + state.repId() + " does not exist";
    }
    if (state.departed()) {
      return "rep " + state.repId() + " has departed";
    }
    if (state.presence() != Presence.ONLINE) {
      return "rep " + state.repId() + " is " + state.presence().wire();
    }
    int load = state.load(cmd.kind());
    int capacity = state.profile().capacity(cmd.kind());
    if (load + cmd.weight() > capacity) {
      return "rep " + state.repId() + " is full: load " + load + " + " + cmd.weight() + " > capacity " + capacity;
    }
    return null;
  }

  private ReplyEffect<Event, State> onRelease(State state, Release cmd) {
    if (!state.items().containsKey(cmd.itemId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new ItemReleased(cmd.itemId(), clock.instant()))
        .thenRun(s -> tellDispatchers(s, null))
        .thenReply(cmd.replyTo(), StatusReply::success);
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
          handBack(items, reason);
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

  private void handBack(Map<String, Held> items, String reason) {
    items.forEach((itemId, held) -> ctx.pipeToSelf(links.handBack(repId, itemId, held, reason),
        (done, failure) -> failure == null ? new HandedBack(itemId) : new HandBackFailed(itemId, reason)));
  }

  /**
   * Asks every item held since before {@code reservedBefore} whether it is still this rep's: a
   * reservation whose item went elsewhere (a reply lost in a crash) is released instead of holding
   * capacity forever. Done after a restart and then every verify interval, it also wakes the items,
   * which are not remembered entities: an item whose node died restarts from its journal and
   * re-arms its timers (forced circulation, SLA). Reservations younger than {@code reservedBefore}
   * are left for the next round: their item may still be between reserving and journaling the owner.
   */
  private void verifyHeld(State state, Instant reservedBefore) {
    state.items().forEach((itemId, held) -> {
      if (held.since().isBefore(reservedBefore)) {
        ctx.pipeToSelf(links.holds(repId, itemId, held),
            (holds, failure) -> failure == null && !holds ? new NotHeld(itemId, held.since()) : new Unverified(itemId));
      }
    });
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
