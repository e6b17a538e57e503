package actorcrm.api;

import actorcrm.platform.FieldLimits;
import actorcrm.dispatch.WorkKind;
import actorcrm.sales.ActivityType;
import actorcrm.sales.LeadEntity;
import actorcrm.sales.LeadInfo;
import actorcrm.sales.LeadStage;
import actorcrm.sales.LeadState;
import actorcrm.sales.LeaderboardReadModel;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

/**
 * Leads over HTTP: create (idempotent per key, answered once routed), read, log activities, move
 * stages, and explain the routing. Managers and reps create and update; a rep logs activities only
 * as themself.
 */
public final class LeadRoutes extends Authenticated {
  record CreateRequest(String idempotencyKey, String name, String phone, String email, String source, String team,
                       JsonNode requiredSkills, Integer priority) {}

  record ActivityRequest(String repId, String type, String note) {}

  record StageRequest(String stage) {}

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Duration createWait;
  private final LeaderboardReadModel leaderboard;
  private final Executor blocking;
  private final FieldLimits limits;

  public LeadRoutes(ActorSystem<?> system, Tokens tokens, Duration askTimeout, Duration createWait,
                    LeaderboardReadModel leaderboard, FieldLimits limits) {
    super(tokens);
    this.limits = limits;
    this.leaderboard = leaderboard;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.createWait = createWait;
  }

  public Route api(Principal principal) {
    Role[] writers = roles(Role.ADMIN, Role.OPERATOR, Role.REP);
    return concat(
        path(segment("teams").slash(segment()).slash("leaderboard"), team -> get(() -> completeWithFuture(
            CompletableFuture.supplyAsync(() -> json(StatusCodes.OK, Map.of("team", team,
                "reps", leaderboard.leaderboard(team))), blocking)))),
        path(segment("teams").slash(segment()).slash("manager-queue"), team -> get(() -> completeWithFuture(
            CompletableFuture.supplyAsync(() -> json(StatusCodes.OK, Map.of("team", team,
                "leads", leaderboard.managerQueue(team))), blocking)))),
        leads(principal, writers));
  }

  private Route leads(Principal principal, Role[] writers) {
    return pathPrefix("leads", () -> concat(
        pathEnd(() -> post(() -> allow(principal, writers, () -> jsonBody(CreateRequest.class, this::create)))),
        pathPrefix(segment(), leadId -> validId(LeadEntity.ENTITY_TYPE_KEY, leadId, () -> concat(
            pathEnd(() -> get(() -> existing(leadId, state -> json(StatusCodes.OK, view(state))))),
            path("explain", () -> get(() -> existing(leadId, state -> json(StatusCodes.OK, explain(state))))),
            path("activities", () -> post(() -> allow(principal, writers,
                () -> jsonBody(ActivityRequest.class, body -> activity(principal, leadId, body))))),
            path("stage", () -> post(() -> allow(principal, writers,
                () -> jsonBody(StageRequest.class, body -> stage(principal, leadId, body))))))))));
  }

  private Route create(CreateRequest body) {
    List<String> problems = new ArrayList<>();
    limits.text("idempotency_key", body.idempotencyKey(), problems);
    limits.text("name", body.name(), problems);
    limits.text("phone", body.phone(), problems);
    limits.text("email", body.email(), problems);
    limits.text("source", body.source(), problems);
    limits.name("team", body.team(), problems);
    return withinLimits(problems, () -> requiredSkills(body.requiredSkills(), limits, skills -> {
      String key = keyOrNew(body.idempotencyKey());
      LeadInfo info = new LeadInfo(key, body.name(), body.phone(), body.email(), body.source(),
          body.team(), skills, body.priority() == null ? 0 : body.priority());
      var ref = sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, WorkKind.LEAD.idFor(key));
      CompletionStage<LeadState> created = orCurrentOnTimeout(
          ref.askWithStatus(r -> new LeadEntity.Create(info, r), createWait), () -> ref.ask(LeadEntity.Get::new, askTimeout),
          LeadState::known);
      return reply(created, state -> json(state.status().settled() ? StatusCodes.CREATED : StatusCodes.ACCEPTED,
          summary(state)));
    }));
  }

  static Map<String, Object> summary(LeadState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lead_id", state.leadId());
    body.put("owner", state.owner());
    body.put("status", state.status());
    body.put("stage", state.stage());
    body.put("linked_to", state.linkedTo());
    return body;
  }

  private static Map<String, Object> explain(LeadState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lead_id", state.leadId());
    body.put("owner", state.owner());
    body.put("status", state.status());
    body.put("excluded_reps", state.excluded());
    body.put("recycle_count", state.recycleCount());
    body.put("decisions", Explanations.decisions(state.decisions()));
    return body;
  }

  private Route existing(String leadId, java.util.function.Function<LeadState, org.apache.pekko.http.javadsl.model.HttpResponse> ok) {
    return reply(sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, leadId).ask(LeadEntity.Get::new, askTimeout),
        state -> state.known() ? ok.apply(state) : error(StatusCodes.NOT_FOUND, "not_found", "lead '" + leadId + "' does not exist"));
  }

  private Route activity(Principal principal, String leadId, ActivityRequest body) {
    if (principal.role() == Role.REP && !principal.subject().equals(body.repId())) {
      return complete(error(StatusCodes.FORBIDDEN, "forbidden", "a rep logs activities only as themself"));
    }
    ActivityType type = ActivityType.parse(body.type());
    if (type == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_type",
          "type must be one of call, email, meeting, note, view; got " + body.type()));
    }
    List<String> problems = new ArrayList<>();
    limits.text("rep_id", body.repId(), problems);
    limits.text("note", body.note(), problems);
    return withinLimits(problems, () -> replyJson(sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, leadId)
        .<LeadState>askWithStatus(r -> new LeadEntity.LogActivity(body.repId(), type, body.note(), r), askTimeout)
        .thenApply(LeadRoutes::view)));
  }

  private Route stage(Principal principal, String leadId, StageRequest body) {
    LeadStage stage = LeadStage.parse(body.stage());
    if (stage == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_stage",
          "stage must be one of new, contacted, qualified, quoted, won, lost; got " + body.stage()));
    }
    var ref = sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, leadId);
    if (principal.role() != Role.REP) {
      return replyJson(ref.<LeadState>askWithStatus(r -> new LeadEntity.ChangeStage(stage, principal.subject(), r),
          askTimeout).thenApply(LeadRoutes::view));
    }
    // A rep moves only their own leads (closing one frees their capacity).
    return reply(ref.ask(LeadEntity.Get::new, askTimeout).thenCompose(current -> principal.subject().equals(current.owner())
            ? ref.<LeadState>askWithStatus(r -> new LeadEntity.ChangeStage(stage, principal.subject(), r), askTimeout)
            : CompletableFuture.failedStage(new ApiException(StatusCodes.FORBIDDEN, "forbidden",
                "rep " + principal.subject() + " does not own lead " + leadId))),
        state -> json(StatusCodes.OK, view(state)));
  }

  /** The whole lead as the API shows it. */
  static Map<String, Object> view(LeadState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lead_id", state.leadId());
    body.put("info", state.info());
    body.put("created_at", state.createdAt());
    body.put("stage", state.stage());
    body.put("status", state.status());
    body.put("owner", state.owner());
    body.put("proposed_rep", state.proposedRep());
    body.put("assigned_at", state.assignedAt());
    body.put("last_qualifying_at", state.lastQualifyingAt());
    body.put("recycle_count", state.recycleCount());
    body.put("excluded", state.excluded());
    body.put("linked_to", state.linkedTo());
    body.put("decisions", state.decisions());
    body.put("activities", state.activities());
    body.put("stages", state.stages());
    body.put("quotations", state.quotations());
    return body;
  }
}
