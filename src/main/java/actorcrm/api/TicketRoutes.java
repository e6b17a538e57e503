package actorcrm.api;

import actorcrm.platform.FieldLimits;
import actorcrm.dispatch.WorkKind;
import actorcrm.service.CustomerTier;
import actorcrm.service.SlaTimer;
import actorcrm.service.TicketEntity;
import actorcrm.service.TicketState;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

/** Service tickets over HTTP: create (idempotent per key, answered once routed), read, change status, explain. */
public final class TicketRoutes extends Authenticated {
  record CreateRequest(String idempotencyKey, String customerId, String customerTier, Integer complexity,
                       JsonNode requiredSkills, String subject, String team) {}

  record StatusRequest(String status) {}

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Duration createWait;
  private final Clock clock;
  private final FieldLimits limits;

  public TicketRoutes(ActorSystem<?> system, Tokens tokens, Duration askTimeout, Duration createWait, Clock clock,
                      FieldLimits limits) {
    super(tokens);
    this.clock = clock;
    this.limits = limits;
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.createWait = createWait;
  }

  public Route api(Principal principal) {
    Role[] writers = roles(Role.ADMIN, Role.OPERATOR, Role.REP);
    return pathPrefix("tickets", () -> concat(
        pathEnd(() -> post(() -> allow(principal, writers, () -> jsonBody(CreateRequest.class, this::create)))),
        pathPrefix(segment(), ticketId -> validId(TicketEntity.ENTITY_TYPE_KEY, ticketId, () -> concat(
            pathEnd(() -> get(() -> existing(ticketId, state -> json(StatusCodes.OK, withSla(state))))),
            path("explain", () -> get(() -> existing(ticketId, state -> json(StatusCodes.OK, explain(state))))),
            path("status", () -> post(() -> allow(principal, writers,
                () -> jsonBody(StatusRequest.class, body -> status(principal, ticketId, body))))))))));
  }

  private Route create(CreateRequest body) {
    CustomerTier tier = CustomerTier.parse(body.customerTier());
    if (tier == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_customer_tier",
          "customer_tier must be vip or standard; got " + body.customerTier()));
    }
    if (body.complexity() == null || body.complexity() < 1 || body.complexity() > 5) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_complexity", "complexity must be 1..5; got " + body.complexity()));
    }
    List<String> problems = new ArrayList<>();
    limits.text("idempotency_key", body.idempotencyKey(), problems);
    limits.text("customer_id", body.customerId(), problems);
    limits.text("subject", body.subject(), problems);
    limits.name("team", body.team(), problems);
    return withinLimits(problems, () -> requiredSkills(body.requiredSkills(), limits, skills -> {
      String key = keyOrNew(body.idempotencyKey());
      TicketEntity.TicketInfo info = new TicketEntity.TicketInfo(key, body.customerId(), tier, body.complexity(), skills,
          body.subject(), body.team());
      var ref = sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, WorkKind.TICKET.idFor(key));
      CompletionStage<TicketState> created = orCurrentOnTimeout(
          ref.askWithStatus(r -> new TicketEntity.Create(info, r), createWait), () -> ref.ask(TicketEntity.Get::new, askTimeout),
          TicketState::known);
      return reply(created, state -> json(state.settled() ? StatusCodes.CREATED : StatusCodes.ACCEPTED, summary(state)));
    }));
  }

  private Map<String, Object> summary(TicketState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket_id", state.ticketId());
    body.put("owner", state.owner());
    body.put("status", state.routing());
    body.put("priority", state.priority().wire());
    body.put("sla", sla(state));
    return body;
  }

  /** The deadlines as they stand now: paused time (waiting on the customer) moves them later. */
  private Map<String, Object> sla(TicketState state) {
    Instant now = clock.instant();
    Map<String, Object> sla = new LinkedHashMap<>();
    sla.put("first_response_due", state.clock().deadline(SlaTimer.FIRST_RESPONSE, now));
    sla.put("resolution_due", state.clock().deadline(SlaTimer.RESOLUTION, now));
    sla.put("paused", state.clock().paused());
    return sla;
  }

  private Map<String, Object> withSla(TicketState state) {
    Map<String, Object> body = view(state);
    body.put("sla", sla(state));
    return body;
  }

  /** The whole ticket as the API shows it. */
  private static Map<String, Object> view(TicketState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket_id", state.ticketId());
    body.put("info", state.info());
    body.put("priority", state.priority());
    body.put("escalated", state.escalated());
    body.put("routing", state.routing());
    body.put("progress", state.progress());
    body.put("owner", state.owner());
    body.put("proposed_rep", state.proposedRep());
    body.put("clock", state.clock());
    body.put("sla_events", state.slaEvents());
    body.put("decisions", state.decisions());
    body.put("created_at", state.createdAt());
    return body;
  }

  private static Map<String, Object> explain(TicketState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket_id", state.ticketId());
    body.put("owner", state.owner());
    body.put("priority", state.priority().wire());
    body.put("escalated", state.escalated());
    body.put("decisions", Explanations.decisions(state.decisions()));
    return body;
  }

  private Route existing(String ticketId, Function<TicketState, HttpResponse> ok) {
    return reply(sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, ticketId).ask(TicketEntity.Get::new, askTimeout),
        state -> state.known() ? ok.apply(state)
            : error(StatusCodes.NOT_FOUND, "not_found", "ticket '" + ticketId + "' does not exist"));
  }

  private Route status(Principal principal, String ticketId, StatusRequest body) {
    TicketEntity.Progress progress = TicketEntity.Progress.parse(body.status());
    if (progress == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_status",
          "status must be one of open, responded, waiting_on_customer, resolved; got " + body.status()));
    }
    var ref = sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, ticketId);
    if (principal.role() != Role.REP) {
      return replyJson(ref.<TicketState>askWithStatus(r -> new TicketEntity.SetProgress(progress, r), askTimeout)
          .thenApply(TicketRoutes::view));
    }
    // An agent works only their own tickets (resolving one frees their capacity).
    return reply(ref.ask(TicketEntity.Get::new, askTimeout).thenCompose(current -> principal.subject().equals(current.owner())
            ? ref.<TicketState>askWithStatus(r -> new TicketEntity.SetProgress(progress, r), askTimeout)
            : CompletableFuture.failedStage(new ApiException(StatusCodes.FORBIDDEN, "forbidden",
                "agent " + principal.subject() + " does not own ticket " + ticketId))),
        state -> json(StatusCodes.OK, view(state)));
  }
}
