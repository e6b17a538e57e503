package actorcrm.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerMessage;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Committer;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.FlowWithContext;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SourceWithContext;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Owns one Kafka ingest graph of this node (listings, leads or tickets): consume bytes from the
 * topic, run the given flow, send records it rejects to the dead-letter topic with the reason, and
 * commit each offset only after its record was journaled by an entity or written to the DLQ. A
 * failure (broker gone, entity timeout) restarts the graph with backoff from the last committed
 * offset, so nothing is skipped and the entities de-duplicate what is redelivered.
 */
public final class KafkaIngest {
  public static final String REASON_HEADER = "actorcrm-reason";
  public static final String SOURCE_HEADER = "actorcrm-source";

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
      SendProducer<String, byte[]> dlq) {
    return Behaviors.setup(ctx -> {
      var system = ctx.getSystem();
      ConsumerSettings<String, byte[]> consumer = ConsumerSettings
          .create(system, new StringDeserializer(), new ByteArrayDeserializer())
          .withBootstrapServers(settings.bootstrapServers())
          .withGroupId(topics.group());
      CommitterSettings committer = CommitterSettings.create(system);
      RestartSettings restart = RestartSettings.create(settings.restartMinBackoff(), settings.restartMaxBackoff(), 0.2);

      UniqueKillSwitch killSwitch = RestartSource.onFailuresWithBackoff(restart, () ->
              SourceWithContext.fromPairs(Consumer.committableSource(consumer, Subscriptions.topics(topics.topic()))
                      .map(msg -> Pair.create(new Incoming(msg.record().value(),
                          Instant.ofEpochMilli(msg.record().timestamp())), msg)))
                  .via(flow)
                  .asSource()
                  .mapAsync(1, pair -> deadLetterIfRejected(pair.first(), pair.second(), topics, dlq))
                  .via(Committer.flow(committer)))
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

  private static CompletionStage<ConsumerMessage.CommittableOffset> deadLetterIfRejected(
      Outcome result, ConsumerMessage.CommittableMessage<String, byte[]> msg, Topics topics,
      SendProducer<String, byte[]> dlq) {
    if (result.problem() == null) {
      return CompletableFuture.completedFuture(msg.committableOffset());
    }
    ConsumerRecord<String, byte[]> record = msg.record();
    ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topics.deadLetterTopic(), record.key(), record.value());
    dead.headers().add(REASON_HEADER, result.problem().getBytes(StandardCharsets.UTF_8));
    dead.headers().add(SOURCE_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
        .getBytes(StandardCharsets.UTF_8));
    return dlq.send(dead).thenApply(meta -> msg.committableOffset());
  }
}
