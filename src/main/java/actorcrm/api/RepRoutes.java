package actorcrm.api;

import actorcrm.sales.RepEntity;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.util.List;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

/** The reps' profile and presence. Managers (admin, operator) edit profiles; a rep sets their own presence. */
public final class RepRoutes extends Authenticated {
  record ProfileRequest(String name, String team, List<String> skills, Integer leadCapacity, Integer ticketCapacity) {}

  record PresenceRequest(String status) {}

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public RepRoutes(ActorSystem<?> system, Tokens tokens, Duration askTimeout) {
    super(tokens);
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
  }

  public Route api(Principal principal) {
    return pathPrefix(segment("reps").slash(segment()), repId -> concat(
        pathEnd(() -> put(() -> allow(principal, roles(Role.ADMIN, Role.OPERATOR),
            () -> jsonBody(ProfileRequest.class, body -> updateProfile(repId, body))))),
        path("presence", () -> post(() -> jsonBody(PresenceRequest.class, body -> setPresence(principal, repId, body))))));
  }

  private Route updateProfile(String repId, ProfileRequest body) {
    if (body.leadCapacity() == null || body.ticketCapacity() == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "missing_field", "lead_capacity and ticket_capacity are required"));
    }
    RepEntity.Profile profile = new RepEntity.Profile(body.name(), body.team(), body.skills(), body.leadCapacity(),
        body.ticketCapacity());
    return replyJson(sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
        .<RepEntity.State>askWithStatus(replyTo -> new RepEntity.UpdateProfile(profile, replyTo), askTimeout));
  }

  private Route setPresence(Principal principal, String repId, PresenceRequest body) {
    boolean self = principal.role() == Role.REP && principal.subject().equals(repId);
    if (!self && !principal.is(Role.ADMIN, Role.OPERATOR)) {
      return forbidden(principal, roles(Role.ADMIN, Role.OPERATOR, Role.REP));
    }
    RepEntity.Presence presence = RepEntity.Presence.parse(body.status());
    if (presence == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_status",
          "status must be online, away or offline; got " + body.status()));
    }
    return replyJson(sharding.entityRefFor(RepEntity.ENTITY_TYPE_KEY, repId)
        .<RepEntity.State>askWithStatus(replyTo -> new RepEntity.SetPresence(presence, replyTo), askTimeout));
  }
}
