package actorcrm.ingest;

import actorcrm.platform.Json;
import actorcrm.platform.FieldLimits;
import actorcrm.dispatch.Skills;
import actorcrm.dispatch.WorkKind;
import actorcrm.sales.LeadEntity;
import actorcrm.sales.LeadInfo;
import actorcrm.sales.LeadState;
import actorcrm.service.CustomerTier;
import actorcrm.service.TicketEntity;
import actorcrm.service.TicketState;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.FlowWithContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The graphs for leads and tickets from Kafka: decode a record (the same fields as the HTTP API;
 * {@code idempotency_key} is required, so a redelivered record reaches the same entity), create
 * the lead or ticket, and pass on once the entity has it routed. A record that is not a lead or
 * ticket, that breaks the {@link FieldLimits}, or that the entity refuses, is rejected with the
 * reason for the DLQ; an entity that does not answer is asked again ({@link EntityAsk}).
 */
public final class WorkIngest {
  /** What became of one record: the entity id and status, or the problem. */
  public record Result(String id, String status, String problem) implements KafkaIngest.Outcome {
    static Result rejected(String problem) {
      return new Result(null, null, problem);
    }
  }

  private final ClusterSharding sharding;
  private final EntityAsk asks;
  private final RecordDecoder<LeadInfo> leadRecords;
  private final RecordDecoder<TicketEntity.TicketInfo> ticketRecords;
  private final Duration createWait;
  private final int parallelism;
  private final FieldLimits limits;

  public WorkIngest(ActorSystem<?> system, IngestSettings settings, Duration createWait, int parallelism,
                    FieldLimits limits) {
    this.sharding = ClusterSharding.get(system);
    this.limits = limits;
    this.asks = new EntityAsk(system, settings.entityRetry());
    this.leadRecords = RecordDecoder.jsonObjects(Json.MAPPER, settings.maxRecordBytes(), keyed(this::lead));
    this.ticketRecords = RecordDecoder.jsonObjects(Json.MAPPER, settings.maxRecordBytes(), keyed(this::ticket));
    this.createWait = createWait;
    this.parallelism = parallelism;
  }

  public <C> FlowWithContext<Incoming, C, Result, C, NotUsed> leads() {
    return flow(leadRecords, info -> {
      String id = WorkKind.LEAD.idFor(info.idempotencyKey());
      return asks.ask("lead " + id, () -> sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, id)
              .<LeadState>askWithStatus(r -> new LeadEntity.Create(info, r), createWait))
          .thenApply(s -> new Result(s.leadId(), s.status().wire(), null));
    });
  }

  public <C> FlowWithContext<Incoming, C, Result, C, NotUsed> tickets() {
    return flow(ticketRecords, info -> {
      String id = WorkKind.TICKET.idFor(info.idempotencyKey());
      return asks.ask("ticket " + id, () -> sharding.entityRefFor(TicketEntity.ENTITY_TYPE_KEY, id)
              .<TicketState>askWithStatus(r -> new TicketEntity.Create(info, r), createWait))
          .thenApply(s -> new Result(s.ticketId(), s.routing().wire(), null));
    });
  }

  private <T, C> FlowWithContext<Incoming, C, Result, C, NotUsed> flow(RecordDecoder<T> decoder,
                                                                       Function<T, CompletionStage<Result>> create) {
    return FlowWithContext.<Incoming, C>create()
        .mapAsync(parallelism, incoming -> {
          Decoded<T> decoded = decoder.decode(incoming.value());
          if (!decoded.ok()) {
            return CompletableFuture.completedFuture(Result.rejected(decoded.problem()));
          }
          return create.apply(decoded.value()).exceptionallyCompose(e -> EntityAsk.refusedAs(e, Result::rejected));
        });
  }

  /** Reads a record with {@code reader} once it has the idempotency key that names its entity. */
  private static <T> RecordDecoder.ObjectReader<T> keyed(RecordDecoder.ObjectReader<T> reader) {
    return node -> {
      String key = text(node, "idempotency_key");
      return key == null || key.isBlank() ? Decoded.rejected("idempotency_key is missing") : reader.read(node);
    };
  }

  private Decoded<LeadInfo> lead(JsonNode node) {
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
      return Decoded.rejected(String.join("; ", problems));
    }
    return Decoded.of(new LeadInfo(text(node, "idempotency_key"), text(node, "name"), text(node, "phone"),
        text(node, "email"), text(node, "source"), text(node, "team"), skills,
        priority == null || priority.isNull() ? 0 : priority.asInt()));
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
      return Decoded.rejected(String.join("; ", problems));
    }
    return Decoded.of(new TicketEntity.TicketInfo(text(node, "idempotency_key"), text(node, "customer_id"), tier,
        complexity.asInt(), skills, text(node, "subject"), text(node, "team")));
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
