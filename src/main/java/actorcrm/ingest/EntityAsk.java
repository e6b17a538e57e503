package actorcrm.ingest;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks an entity on behalf of one ingest record and rides out the moments an entity cannot answer
 * (a shard handed off after a node left or joined, a busy journal): an ask that times out is asked
 * again with exponential backoff, up to {@code attempts} asks in all, before the timeout reaches the
 * graph, which then restarts from its last committed offset. Asking again is safe because every
 * ingest command is idempotent: RecordOffer and QueueForReview ignore a listing whose content the
 * entity already holds, LeadEntity and TicketEntity answer a Create for a known id with the item
 * (or once it is routed). The graph keeps its order because it waits for this element in mapAsync.
 * A refusal ({@link StatusReply} error) is the record's fault and is never asked again.
 */
public final class EntityAsk {
  private static final Logger log = LoggerFactory.getLogger(EntityAsk.class);

  /** How often and how patiently a timed-out ask is repeated; {@code attempts} counts the first ask. */
  public record Settings(int attempts, Duration minBackoff, Duration maxBackoff) {
    public Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("entity-retry.attempts must be at least 1, got " + attempts);
      }
      if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
        throw new IllegalArgumentException("entity-retry needs 0 <= min-backoff <= max-backoff, got "
            + minBackoff + " and " + maxBackoff);
      }
    }
  }

  private final ActorSystem<?> system;
  private final Settings settings;

  public EntityAsk(ActorSystem<?> system, Settings settings) {
    this.system = system;
    this.settings = settings;
  }

  /** The entity's answer to {@code ask}; {@code target} names the entity in the log. */
  public <T> CompletionStage<T> ask(String target, Supplier<CompletionStage<T>> ask) {
    return attempt(target, ask, 1);
  }

  private <T> CompletionStage<T> attempt(String target, Supplier<CompletionStage<T>> ask, int asked) {
    CompletionStage<T> answer;
    try {
      answer = ask.get();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedStage(e);
    }
    return answer.exceptionallyCompose(e -> {
      Throwable cause = unwrap(e);
      if (!(cause instanceof TimeoutException) || asked >= settings.attempts()) {
        return CompletableFuture.failedStage(cause);
      }
      Duration backoff = backoff(asked);
      log.warn("{} did not answer (ask {} of {}), asking again in {} ms: {}", target, asked, settings.attempts(),
          backoff.toMillis(), cause.getMessage());
      return Patterns.after(backoff, system, () -> attempt(target, ask, asked + 1));
    });
  }

  private Duration backoff(int asked) {
    Duration backoff = settings.minBackoff().multipliedBy(1L << Math.min(asked - 1, 20));
    return backoff.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff;
  }

  /** An entity's refusal as the record's rejection ({@code rejected} of the reason); any other failure stays one. */
  public static <R> CompletionStage<R> refusedAs(Throwable failure, Function<String, R> rejected) {
    Throwable cause = unwrap(failure);
    return cause instanceof StatusReply.ErrorMessage refused
        ? CompletableFuture.completedFuture(rejected.apply("refused: " + refused.getMessage()))
        : CompletableFuture.failedStage(cause);
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
