package actorcrm.api;

import actorcrm.platform.FieldLimits;
import actorcrm.dispatch.DispatchSettings;
import actorcrm.dispatch.Presence;
import actorcrm.dispatch.RepEntity;
import actorcrm.dispatch.RepProfile;
import actorcrm.dispatch.Skills;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

/**
 * The reps: managers (admin, operator) edit profiles and record departures; a rep sets their own
 * presence. Skills are a list (["vip", "refund:4"], a bare skill at the default proficiency) or an
 * object ({"vip": 5}).
 */
public final class RepRoutes extends Authenticated {
  record ProfileRequest(String name, String team, JsonNode skills, Integer leadCapacity, Integer ticketCapacity) {}

  record PresenceRequest(String status) {}

  private final ClusterSharding sharding;
  private final DispatchSettings dispatch;
  private final Duration askTimeout;
  private final FieldLimits limits;

  public RepRoutes(ActorSystem<?> system, Tokens tokens, DispatchSettings dispatch, Duration askTimeout, FieldLimits limits) {
    super(tokens);
    this.limits = limits;
    this.sharding = ClusterSharding.get(system);
    this.dispatch = dispatch;
    this.askTimeout = askTimeout;
  }

  public Route api(Principal principal) {
    return pathPrefix(segment("reps").slash(segment()), repId -> validId(RepEntity.ENTITY_TYPE_KEY, repId, () -> concat(
        pathEnd(() -> put(() -> allow(principal, roles(Role.ADMIN, Role.OPERATOR),
            () -> jsonBody(ProfileRequest.class, body -> updateProfile(repId, body))))),
        path("presence", () -> post(() -> jsonBody(PresenceRequest.class, body -> setPresence(principal, repId, body)))),
        path("departure", () -> post(() -> allow(principal, roles(Role.ADMIN, Role.OPERATOR), () -> depart(repId)))))));
  }

  private Route updateProfile(String repId, ProfileRequest body) {
    if (body.leadCapacity() == null || body.ticketCapacity() == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "missing_field", "lead_capacity and ticket_capacity are required"));
    }
    Map<String, Integer> skills;
    try {
      skills = Skills.parse(body.skills(), dispatch.defaultSkillLevel());
    } catch (IllegalArgumentException e) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_skills", e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    limits.text("name", body.name(), problems);
    limits.name("team", body.team(), problems);
    limits.entries("skills", skills.keySet(), problems);
    RepProfile profile = new RepProfile(body.name(), body.team(), skills, body.leadCapacity(),
        body.ticketCapacity());
    return withinLimits(problems, () -> replyJson(sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
        .<RepEntity.State>askWithStatus(replyTo -> new RepEntity.UpdateProfile(profile, replyTo), askTimeout)));
  }

  private Route setPresence(Principal principal, String repId, PresenceRequest body) {
    boolean self = principal.role() == Role.REP && principal.subject().equals(repId);
    if (!self && !principal.is(Role.ADMIN, Role.OPERATOR)) {
      return forbidden(principal, roles(Role.ADMIN, Role.OPERATOR, Role.REP));
    }
    Presence presence = Presence.parse(body.status());
    if (presence == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_status",
          "status must be online, away or offline; got " + body.status()));
    }
    return replyJson(sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
        .<RepEntity.State>askWithStatus(replyTo -> new RepEntity.SetPresence(presence, replyTo), askTimeout));
  }

  private Route depart(String repId) {
    CompletionStage<RepEntity.State> before = sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
        .ask(RepEntity.Get::new, askTimeout);
    return reply(before.thenCompose(state -> sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
            .<RepEntity.State>askWithStatus(RepEntity.Depart::new, askTimeout)
            .thenApply(after -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("rep_id", repId);
              body.put("employment", after.employment());
              body.put("handed_back", state.departed() ? java.util.List.of() : state.items().keySet());
              return body;
            })),
        body -> json(StatusCodes.OK, body));
  }
}
