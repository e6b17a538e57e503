package actorcrm.ingest;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
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

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns one Kafka ingest graph of this node (listings, leads or tickets): consume bytes from the
 * topic, run the given flow, send records it rejects to the dead-letter topic with the reason
 * ({@link DeadLetters}), and commit each offset only after its record was journaled by an entity or
 * written to the DLQ. A failure (broker gone, an entity that did not answer any of the flow's
 * asks) restarts the graph with growing backoff from the last committed offset, so nothing is
 * skipped and the entities de-duplicate what is redelivered. A restart is logged at WARN, and at
 * ERROR once the graph has failed {@value #ERROR_AFTER} times without committing in between.
 * It counts what it consumed, dead-lettered and committed, and answers, from its current
 * consumer's own metrics, whether it is connected and how far behind it is ({@link IngestMetrics}).
 */
public final class KafkaIngest {
  static final int ERROR_AFTER = 3;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

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
      DeadLetters deadLetters, IngestMetrics metrics) {
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
      AtomicReference<Consumer.Control> current = new AtomicReference<>();
      metrics.graph(topics.topic(), probe(current, topics.topic()));

      UniqueKillSwitch killSwitch = RestartSource.onFailuresWithBackoff(restart, () ->
              SourceWithContext.fromPairs(Consumer.committableSource(consumer, Subscriptions.topics(topics.topic()))
                      .mapMaterializedValue(control -> {
                        current.set(control);
                        return control;
                      })
                      .map(msg -> {
                        metrics.consumed(topics.topic());
                        return Pair.create(new Incoming(msg.record().value(),
                          Instant.ofEpochMilli(msg.record().timestamp())), msg);
                      }))
                  .via(flow)
                  .asSource()
                  .mapAsync(1, pair -> deadLetterIfRejected(pair.first(), pair.second(), topics, deadLetters, metrics))
                  .via(Committer.batchFlow(committer))
                  .map(batch -> {
                    metrics.committed(topics.topic(), batch.batchSize());
                    failuresSinceCommit.set(0);
                    return batch;
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
      Outcome result, ConsumerMessage.CommittableMessage<String, byte[]> msg, Topics topics, DeadLetters deadLetters,
      IngestMetrics metrics) {
    if (result.problem() == null) {
      return CompletableFuture.completedFuture(msg.committableOffset());
    }
    return deadLetters.send(topics.deadLetterTopic(), msg.record(), result.problem())
        .thenApply(meta -> {
          metrics.deadLettered(topics.topic());
          return msg.committableOffset();
        });
  }

  /** The probe of a graph whose consumer of the moment is {@code current} (none before the first start). */
  private static IngestMetrics.Probe probe(AtomicReference<Consumer.Control> current, String topic) {
    return new IngestMetrics.Probe() {
      @Override
      public CompletionStage<Boolean> connected() {
        return consumerMetrics(current)
            .thenApply(all -> all.entrySet().stream().anyMatch(e -> e.getKey().name().equals("connection-count")
                && e.getKey().group().equals("consumer-metrics") && value(e.getValue()) > 0))
            .exceptionally(failure -> false);
      }

      @Override
      public CompletionStage<OptionalLong> lag() {
        return consumerMetrics(current).thenApply(all -> {
          // records-lag is per partition this consumer is assigned; NaN until it has fetched from one.
          double[] lags = all.entrySet().stream()
              .filter(e -> e.getKey().name().equals("records-lag") && topic.equals(e.getKey().tags().get("topic"))
                  && e.getKey().tags().containsKey("partition"))
              .mapToDouble(e -> value(e.getValue())).filter(v -> !Double.isNaN(v)).toArray();
          return lags.length == 0 ? OptionalLong.empty() : OptionalLong.of((long) Arrays.stream(lags).sum());
        }).exceptionally(failure -> OptionalLong.empty());
      }
    };
  }

  private static CompletionStage<Map<MetricName, Metric>> consumerMetrics(AtomicReference<Consumer.Control> current) {
    Consumer.Control control = current.get();
    if (control == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("the consumer has not started"));
    }
    return control.getMetrics().toCompletableFuture().orTimeout(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static double value(Metric metric) {
    return metric.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
