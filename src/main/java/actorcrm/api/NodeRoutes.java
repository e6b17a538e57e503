package actorcrm.api;

import actorcrm.platform.FieldLimits;
import actorcrm.platform.ClusterView;
import actorcrm.platform.EntityKind;
import actorcrm.ops.Health;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

/** Health, cluster membership, shard placement, any entity's live state, and token issue. */
public final class NodeRoutes extends Authenticated {
  record TokenRequest(String role, String subject) {}

  record TokenIssued(String token, String role, String subject, Instant expiresAt) {}

  private final ClusterSharding sharding;
  private final ClusterView view;
  private final Health health;
  private final Map<String, EntityKind<?, ?>> kinds;
  private final Tokens tokens;
  private final Duration askTimeout;
  private final FieldLimits limits;

  public NodeRoutes(ActorSystem<?> system, Tokens tokens, ClusterView view, Health health,
                    List<EntityKind<?, ?>> kinds, Duration askTimeout, FieldLimits limits) {
    super(tokens);
    kinds.stream().filter(kind -> !EntityIds.known(kind.key())).findAny().ifPresent(kind -> {
      throw new IllegalStateException("entity type " + kind.name() + " has no id shape in EntityIds");
    });
    this.sharding = ClusterSharding.get(system);
    this.tokens = tokens;
    this.view = view;
    this.health = health;
    this.kinds = kinds.stream().collect(java.util.stream.Collectors.toMap(EntityKind::name, Function.identity()));
    this.askTimeout = askTimeout;
    this.limits = limits;
  }

  /** 503 starting until the node can serve; then 200 up, or 200 degraded with the reasons while it serves what it can. */
  public Route health() {
    return path("health", () -> get(() -> completeWithFuture(health.report().thenApply(report -> switch (report.status()) {
      case STARTING -> json(StatusCodes.SERVICE_UNAVAILABLE, Map.of("status", "starting"));
      case DEGRADED -> json(StatusCodes.OK, Map.of("status", "degraded", "reasons", report.reasons()));
      case UP -> json(StatusCodes.OK, Map.of("status", "up"));
    }))));
  }

  public Route api(Principal principal) {
    return concat(
        path("cluster", () -> get(() -> ok(view.cluster()))),
        path(segment("shards").slash(segment()), type -> get(() -> withKind(type, kind -> replyJson(view.shards(type))))),
        path(segment("entities").slash(segment()).slash(segment()),
            (type, id) -> get(() -> withKind(type, kind -> validId(kind.key(), id, () -> entity(kind, id))))),
        path("tokens", () -> post(() -> allow(principal, roles(Role.ADMIN), () -> jsonBody(TokenRequest.class, this::issue)))));
  }

  private Route withKind(String type, Function<EntityKind<?, ?>, Route> inner) {
    EntityKind<?, ?> kind = kinds.get(type);
    if (kind == null) {
      return complete(error(StatusCodes.NOT_FOUND, "unknown_entity_type",
          "entity type '" + type + "' does not exist; known: " + kinds.keySet().stream().sorted().toList()));
    }
    return inner.apply(kind);
  }

  private <C, S> Route entity(EntityKind<C, S> kind, String id) {
    CompletionStage<S> state = sharding.entityRefFor(kind.key(), id).ask(replyTo -> kind.get().apply(replyTo), askTimeout);
    return reply(state, s -> kind.exists().test(s)
        ? json(StatusCodes.OK, s)
        : error(StatusCodes.NOT_FOUND, "not_found", kind.name() + " '" + id + "' has never existed"));
  }

  private Route issue(TokenRequest request) {
    Role role = Role.parse(request.role());
    if (role == null) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_role",
          "role must be one of admin, operator, viewer, rep; got " + request.role()));
    }
    if (request.subject() == null || request.subject().isBlank()) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_subject", "subject is required (the rep id for rep tokens)"));
    }
    List<String> problems = new ArrayList<>();
    limits.text("subject", request.subject(), problems);
    return withinLimits(problems, () -> {
      Tokens.Issued issued = tokens.issue(role, request.subject().trim());
      return ok(new TokenIssued(issued.token(), role.wire(), request.subject().trim(), issued.expiresAt()));
    });
  }
}
