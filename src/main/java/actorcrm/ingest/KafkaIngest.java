package actorcrm.ingest;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.event.Logging;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerMessage;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Committer;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.stream.AbruptStageTerminationException;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.FlowWithContext;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SourceWithContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns one Kafka ingest graph of this node (listings, leads or tickets): consume bytes from the
 * topic, run the given flow, send records it rejects to the dead-letter topic with the reason
 * ({@link DeadLetters}), and commit each offset only after its record was journaled by an entity or
 * written to the DLQ. A failure (broker gone, an entity that did not answer any of the flow's
 * asks) restarts the graph with growing backoff from the last committed offset, so nothing is
 * skipped and the entities de-duplicate what is redelivered. A restart is logged at WARN, and at
 * ERROR once the graph has failed {@value #ERROR_AFTER} times without committing in between.
 */
public final class KafkaIngest {
  static final int ERROR_AFTER = 3;

  private static final Logger log = LoggerFactory.getLogger(KafkaIngest.class);

  /** What a flow made of one record: {@code problem} is null when an entity took it, else why it goes to the DLQ. */
  public interface Outcome {
    String problem();
  }

  /** Where one graph reads and where its dead letters go. */
  public record Topics(String topic, String deadLetterTopic, String group) {}

  private KafkaIngest() {}

  public static <O extends Outcome> Behavior<Void> create(
      KafkaSettings settings, Topics topics,
      FlowWithContext<Incoming, ConsumerMessage.CommittableMessage<String, byte[]>, O,
          ConsumerMessage.CommittableMessage<String, byte[]>, NotUsed> flow,
      DeadLetters deadLetters) {
    return Behaviors.setup(ctx -> {
      var system = ctx.getSystem();
      ConsumerSettings<String, byte[]> consumer = ConsumerSettings
          .create(system, new StringDeserializer(), new ByteArrayDeserializer())
          .withBootstrapServers(settings.bootstrapServers())
          .withGroupId(topics.group());
      CommitterSettings committer = CommitterSettings.create(system);
      // Pekko's own restart log names neither the topic nor whether the graph got anywhere: it goes to DEBUG, ours says both.
      RestartSettings restart = RestartSettings.create(settings.restartMinBackoff(), settings.restartMaxBackoff(), 0.2)
          .withMaxRestarts(Integer.MAX_VALUE, settings.restartResetAfter())
          .withLogSettings(RestartSettings.createLogSettings(Logging.DebugLevel()));
      AtomicInteger failuresSinceCommit = new AtomicInteger();

      UniqueKillSwitch killSwitch = RestartSource.onFailuresWithBackoff(restart, () ->
              SourceWithContext.fromPairs(Consumer.committableSource(consumer, Subscriptions.topics(topics.topic()))
                      .map(msg -> Pair.create(new Incoming(msg.record().value(),
                          Instant.ofEpochMilli(msg.record().timestamp())), msg)))
                  .via(flow)
                  .asSource()
                  .mapAsync(1, pair -> deadLetterIfRejected(pair.first(), pair.second(), topics, deadLetters))
                  .via(Committer.flow(committer))
                  .map(done -> {
                    failuresSinceCommit.set(0);
                    return done;
                  })
                  .watchTermination((notUsed, done) -> {
                    done.whenComplete((ok, failure) -> {
                      if (failure != null) {
                        logFailure(topics.topic(), failuresSinceCommit.incrementAndGet(), failure);
                      }
                    });
                    return notUsed;
                  }))
          .viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.ignore(), Keep.left())
          .run(system);
      ctx.getLog().info("Kafka ingest consuming {} from {}", topics.topic(), settings.bootstrapServers());
      return Behaviors.receive(Void.class)
          .onSignal(PostStop.class, stop -> {
            killSwitch.shutdown();
            return Behaviors.same();
          })
          .build();
    });
  }

  private static void logFailure(String topic, int failures, Throwable failure) {
    if (failure instanceof AbruptStageTerminationException) {
      return; // the node is shutting down: nothing restarts
    }
    if (failures < ERROR_AFTER) {
      log.warn("Kafka ingest of {} failed ({} in a row without a commit); restarting from the last committed offset: {}",
          topic, failures, failure.toString());
    } else {
      log.error("Kafka ingest of {} failed ({} in a row without a commit); restarting from the last committed offset",
          topic, failures, failure);
    }
  }

  private static CompletionStage<ConsumerMessage.CommittableOffset> deadLetterIfRejected(
      Outcome result, ConsumerMessage.CommittableMessage<String, byte[]> msg, Topics topics, DeadLetters deadLetters) {
    if (result.problem() == null) {
      return CompletableFuture.completedFuture(msg.committableOffset());
    }
    return deadLetters.send(topics.deadLetterTopic(), msg.record(), result.problem())
        .thenApply(meta -> msg.committableOffset());
  }
}
