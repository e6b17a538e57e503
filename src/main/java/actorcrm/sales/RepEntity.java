package actorcrm.sales;

import actorcrm.CborSerializable;
import actorcrm.node.EntitySettings;
import com.fasterxml.jackson.annotation.JsonValue;
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
import java.util.List;
import java.util.Locale;

/**
 * One sales rep or service agent: profile (name, team, skills, capacities), presence and
 * employment. A departed rep is locked: their profile and presence no longer change.
 */
public final class RepEntity
    extends EventSourcedBehaviorWithEnforcedReplies<RepEntity.Command, RepEntity.Event, RepEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "rep");

  public enum Presence {
    ONLINE, AWAY, OFFLINE;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; null when the text names no presence. */
    public static Presence parse(String text) {
      for (Presence p : values()) {
        if (p.wire().equals(text)) {
          return p;
        }
      }
      return null;
    }
  }

  public enum Employment {
    ACTIVE, DEPARTED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record Profile(String name, String team, List<String> skills, int leadCapacity, int ticketCapacity)
      implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  public record UpdateProfile(Profile profile, ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record SetPresence(Presence presence, ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record Depart(ActorRef<StatusReply<State>> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record ProfileUpdated(Profile profile, Instant at) implements Event {}

  public record PresenceChanged(Presence presence, Instant at) implements Event {}

  public record Departed(Instant at) implements Event {}

  public record State(String repId, Profile profile, Presence presence, Employment employment,
                      Instant presenceSince, Instant departedAt) implements CborSerializable {
    public static State empty(String repId) {
      return new State(repId, null, Presence.OFFLINE, Employment.ACTIVE, null, null);
    }

    public boolean known() {
      return profile != null;
    }

    public boolean departed() {
      return employment == Employment.DEPARTED;
    }

    State apply(ProfileUpdated e) {
      return new State(repId, e.profile(), presence, employment, presenceSince == null ? e.at() : presenceSince,
          departedAt);
    }

    State apply(PresenceChanged e) {
      return new State(repId, profile, e.presence(), employment, e.at(), departedAt);
    }

    State apply(Departed e) {
      return new State(repId, profile, Presence.OFFLINE, Employment.DEPARTED, e.at(), e.at());
    }
  }

  public static void init(ActorSystem<?> system, EntitySettings settings) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), settings)));
  }

  public static Behavior<Command> create(String repId, EntitySettings settings) {
    return new RepEntity(repId, settings);
  }

  private final String repId;
  private final EntitySettings settings;

  private RepEntity(String repId, EntitySettings settings) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), repId));
    this.repId = repId;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return State.empty(repId);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(UpdateProfile.class, this::onUpdateProfile)
        .onCommand(SetPresence.class, this::onSetPresence)
        .onCommand(Depart.class, this::onDepart)
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
    Profile profile = new Profile(cmd.profile().name().trim(), cmd.profile().team().trim(),
        List.copyOf(cmd.profile().skills() == null ? List.of() : cmd.profile().skills()),
        cmd.profile().leadCapacity(), cmd.profile().ticketCapacity());
    if (profile.equals(state.profile())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new ProfileUpdated(profile, Instant.now())).thenReply(cmd.replyTo(), StatusReply::success);
  }

  private static String problem(Profile p) {
    if (p == null || p.name() == null || p.name().isBlank()) {
      return "name is required";
    }
    if (p.team() == null || p.team().isBlank()) {
      return "team is required";
    }
    if (p.leadCapacity() < 0) {
      return "lead_capacity must be 0 or more, got " + p.leadCapacity();
    }
    if (p.ticketCapacity() < 0) {
      return "ticket_capacity must be 0 or more, got " + p.ticketCapacity();
    }
    if (p.skills() != null && p.skills().stream().anyMatch(s -> s == null || s.isBlank())) {
      return "skills must not contain blank entries";
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
    return Effect().persist(new PresenceChanged(cmd.presence(), Instant.now()))
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> onDepart(State state, Depart cmd) {
    if (!state.known()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("rep " + repId + " does not exist"));
    }
    if (state.departed()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state));
    }
    return Effect().persist(new Departed(Instant.now())).thenReply(cmd.replyTo(), StatusReply::success);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ProfileUpdated.class, State::apply)
        .onEvent(PresenceChanged.class, State::apply)
        .onEvent(Departed.class, State::apply)
        .build();
  }
}
