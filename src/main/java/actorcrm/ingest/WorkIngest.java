package actorcrm.ingest;

import actorcrm.FieldLimits;
import actorcrm.Json;
import actorcrm.sales.LeadEntity;
import actorcrm.sales.LeadState;
import actorcrm.sales.Skills;
import actorcrm.sales.WorkKind;
import actorcrm.service.CustomerTier;
import actorcrm.service.TicketEntity;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.FlowWithContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The graphs for leads and tickets from Kafka: decode a record (the same fields as the HTTP API;
 * {@code idempotency_key} is required, so a redelivered record reaches the same entity), create
 * the lead or ticket, and pass on once the entity has it routed. A record that is not a lead or
 * ticket, that breaks the {@link FieldLimits}, or that the entity refuses, is rejected with the
 * reason for the DLQ.
 */
public final class WorkIngest {
  /** What became of one record: the entity id and status, or the problem. */
  public record Result(String id, String status, String problem) implements KafkaIngest.Outcome {}

  private record Decoded<T>(T value, String problem) {}

  private final ClusterSharding sharding;
  private final Duration createWait;
  private final int parallelism;
  private final FieldLimits limits;

  public WorkIngest(ActorSystem<?> system, Duration createWait, int parallelism, FieldLimits limits) {
    this.sharding = ClusterSharding.get(system);
    this.limits = limits;
    this.createWait = createWait;
    this.parallelism = parallelism;
  }

  public <C> FlowWithContext<Incoming, C, Result, C, NotUsed> leads() {
    return flow(this::lead, info -> sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, WorkKind.LEAD.idFor(info.idempotencyKey()))
        .<LeadState>askWithStatus(r -> new LeadEntity.Create(info, r), createWait)
        .thenApply(s -> new Result(s.leadId(), s.status().wire(), null)));
  }

  public <C> FlowWithContext<Incoming, C, Result, C, NotUsed> tickets() {
    return flow(this::ticket, info -> sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, WorkKind.TICKET.idFor(info.idempotencyKey()))
        .<TicketEntity.State>askWithStatus(r -> new TicketEntity.Create(info, r), createWait)
        .thenApply(s -> new Result(s.ticketId(), s.routing().wire(), null)));
  }

  private <T, C> FlowWithContext<Incoming, C, Result, C, NotUsed> flow(Function<JsonNode, Decoded<T>> decode,
                                                                       Function<T, CompletionStage<Result>> create) {
    return FlowWithContext.<Incoming, C>create()
        .mapAsync(parallelism, incoming -> {
          Decoded<T> decoded = decode(incoming.value(), decode);
          if (decoded.problem() != null) {
            return CompletableFuture.completedFuture(new Result(null, null, decoded.problem()));
          }
          // The entity refusing the record (a validation error) is the record's fault: DLQ. Anything else fails the graph.
          return create.apply(decoded.value()).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return cause instanceof StatusReply.ErrorMessage refused
                ? CompletableFuture.completedFuture(new Result(null, null, "refused: " + refused.getMessage()))
                : CompletableFuture.failedStage(cause);
          });
        });
  }

  private static <T> Decoded<T> decode(byte[] bytes, Function<JsonNode, Decoded<T>> decode) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      return new Decoded<>(null, "not JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      return new Decoded<>(null, "expected a JSON object");
    }
    String key = text(node, "idempotency_key");
    if (key == null || key.isBlank()) {
      return new Decoded<>(null, "idempotency_key is missing");
    }
    try {
      return decode.apply(node);
    } catch (IllegalArgumentException e) {
      return new Decoded<>(null, e.getMessage());
    }
  }

  private Decoded<LeadEntity.LeadInfo> lead(JsonNode node) {
    List<String> problems = new ArrayList<>();
    required(node, "name", problems);
    required(node, "team", problems);
    limits.texts(node, problems, "idempotency_key", "name", "phone", "email", "source");
    limits.name("team", text(node, "team"), problems);
    Map<String, Integer> skills = Skills.parse(node.get("required_skills"), Skills.ANY_LEVEL);
    limits.entries("required_skills", skills.keySet(), problems);
    JsonNode priority = node.get("priority");
    if (priority != null && !priority.isNull() && !priority.canConvertToInt()) {
      problems.add("priority must be a whole number, got " + priority);
    }
    if (!problems.isEmpty()) {
      return new Decoded<>(null, String.join("; ", problems));
    }
    return new Decoded<>(new LeadEntity.LeadInfo(text(node, "idempotency_key"), text(node, "name"), text(node, "phone"),
        text(node, "email"), text(node, "source"), text(node, "team"), skills,
        priority == null || priority.isNull() ? 0 : priority.asInt()), null);
  }

  private Decoded<TicketEntity.TicketInfo> ticket(JsonNode node) {
    List<String> problems = new ArrayList<>();
    required(node, "team", problems);
    limits.texts(node, problems, "idempotency_key", "customer_id", "subject");
    limits.name("team", text(node, "team"), problems);
    CustomerTier tier = CustomerTier.parse(text(node, "customer_tier"));
    if (tier == null) {
      problems.add("customer_tier must be vip or standard, got " + node.get("customer_tier"));
    }
    JsonNode complexity = node.get("complexity");
    if (complexity == null || !complexity.canConvertToInt() || complexity.asInt() < 1 || complexity.asInt() > 5) {
      problems.add("complexity must be 1..5, got " + complexity);
    }
    Map<String, Integer> skills = Skills.parse(node.get("required_skills"), Skills.ANY_LEVEL);
    limits.entries("required_skills", skills.keySet(), problems);
    if (!problems.isEmpty()) {
      return new Decoded<>(null, String.join("; ", problems));
    }
    return new Decoded<>(new TicketEntity.TicketInfo(text(node, "idempotency_key"), text(node, "customer_id"), tier,
        complexity.asInt(), skills, text(node, "subject"), text(node, "team")), null);
  }

  private static void required(JsonNode node, String field, List<String> problems) {
    String value = text(node, field);
    if (value == null || value.isBlank()) {
      problems.add(field + " is missing");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
