package actorcrm.api;

import actorcrm.platform.Json;
import actorcrm.platform.FieldLimits;
import actorcrm.platform.IdRules;
import actorcrm.dispatch.Skills;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The few directives every route needs: JSON in and out, API errors as
 * {@code {"error","message"}}, and the mapping of entity replies and failures to status codes.
 */
public abstract class ApiDirectives extends AllDirectives {

  /** The caller's mistake (4xx) or ours (5xx), carried to the response as it is. */
  public static final class ApiException extends RuntimeException {
    final StatusCode status;
    final String code;

    public ApiException(StatusCode status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  protected static HttpResponse json(StatusCode status, Object body) {
    try {
      return HttpResponse.create().withStatus(status)
          .withEntity(ContentTypes.APPLICATION_JSON, Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serialisable: " + body.getClass(), e);
    }
  }

  protected static HttpResponse error(StatusCode status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return json(status, body);
  }

  protected Route ok(Object body) {
    return complete(json(StatusCodes.OK, body));
  }

  /** Completes with the stage's value as JSON, mapping entity rejections and timeouts to status codes. */
  protected <T> Route reply(CompletionStage<T> stage, Function<T, HttpResponse> onSuccess) {
    return completeWithFuture(stage.handle((value, failure) -> failure == null ? onSuccess.apply(value) : failed(failure)));
  }

  protected <T> Route replyJson(CompletionStage<T> stage) {
    return reply(stage, value -> json(StatusCodes.OK, value));
  }

  private static HttpResponse failed(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof ApiException api) {
      return error(api.status, api.code, api.getMessage());
    }
    if (cause instanceof StatusReply.ErrorMessage rejected) {
      return error(StatusCodes.UNPROCESSABLE_ENTITY, "rejected", rejected.getMessage());
    }
    if (cause instanceof TimeoutException) {
      return error(StatusCodes.SERVICE_UNAVAILABLE, "timeout", "the entity did not answer in time; retry");
    }
    return error(StatusCodes.INTERNAL_SERVER_ERROR, "internal", cause.toString());
  }

  /** Runs {@code inner} only if {@code id} can be an entity of type {@code key}; otherwise answers 400 naming the fault. */
  protected Route validId(EntityTypeKey<?> key, String id, Supplier<Route> inner) {
    String problem = EntityIds.problem(key, id);
    if (problem != null) {
      return complete(error(StatusCodes.BAD_REQUEST, "invalid_id",
          key.name() + " id " + IdRules.quote(id) + " is invalid: " + problem));
    }
    return inner.get();
  }

  /** Runs {@code inner} only if the body's fields broke no limit; otherwise answers 400 naming each field and value. */
  protected Route withinLimits(List<String> problems, Supplier<Route> inner) {
    return problems.isEmpty()
        ? inner.get()
        : complete(error(StatusCodes.BAD_REQUEST, "invalid_field", String.join("; ", problems)));
  }

  /** The client's idempotency key, or a fresh one when it sent none (a retry then creates a second item). */
  protected static String keyOrNew(String idempotencyKey) {
    return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey;
  }

  /**
   * The creation's answer; if the entity did not answer in time, what it holds now (still routing,
   * say) — but only once its creation is journaled: an item its node could still lose is not
   * acknowledged, the caller is told to send the same idempotency key again.
   */
  protected static <T> CompletionStage<T> orCurrentOnTimeout(CompletionStage<T> create, Supplier<CompletionStage<T>> current,
                                                             Predicate<T> journaled) {
    return create.exceptionallyCompose(e -> e instanceof TimeoutException || e.getCause() instanceof TimeoutException
        ? current.get().thenApply(state -> {
          if (!journaled.test(state)) {
            throw new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "not_created_yet",
                "the item is not stored yet; send the same idempotency_key again");
          }
          return state;
        })
        : CompletableFuture.failedStage(e));
  }

  /** Parses {@code required_skills} (["billing", "vip:3"] or {"vip": 3}); a bad value or an over-long name answers 400. */
  protected Route requiredSkills(JsonNode skills, FieldLimits limits, Function<Map<String, Integer>, Route> inner) {
    Map<String, Integer> parsed;
    try {
      parsed = Skills.parse(skills, Skills.ANY_LEVEL);
    } catch (IllegalArgumentException e) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_required_skills", e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    limits.entries("required_skills", parsed.keySet(), problems);
    return withinLimits(problems, () -> inner.apply(parsed));
  }

  /** Reads the request body as JSON into {@code type}; a malformed body answers 400 naming the problem. */
  protected <T> Route jsonBody(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> {
      T value;
      try {
        value = Json.MAPPER.readValue(text, type);
      } catch (JsonProcessingException e) {
        return complete(error(StatusCodes.BAD_REQUEST, "bad_json", e.getOriginalMessage()));
      }
      if (value == null) {
        return complete(error(StatusCodes.BAD_REQUEST, "bad_json", "the request body is empty"));
      }
      return inner.apply(value);
    });
  }
}
