package actorcrm.ingest;

import actorcrm.node.EntityTestKits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-record asking again: a timed-out ask is repeated with backoff, in order, and a refusal is not. */
@ExtendWith(LogCapturingExtension.class)
class EntityAskTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Duration ASK_TIMEOUT = Duration.ofMillis(300);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** What the entity-like target is asked: its answer is the id, unless it ignores the ask or refuses. */
  record Ask(String id, ActorRef<StatusReply<String>> replyTo) {}

  /**
   * Like an entity whose shard is being handed off: ignores the first {@code ignored} asks for an
   * id (the asker times out), then answers; "bad" is refused. Counts every ask it gets per id.
   */
  static Behavior<Ask> target(int ignored, Map<String, AtomicInteger> asked) {
    return Behaviors.receiveMessage(ask -> {
      int n = asked.computeIfAbsent(ask.id(), id -> new AtomicInteger()).incrementAndGet();
      if (ask.id().equals("bad")) {
        ask.replyTo().tell(StatusReply.error("no such thing"));
      } else if (!ask.id().startsWith("flaky") || n > ignored) {
        ask.replyTo().tell(StatusReply.success(ask.id()));
      }
      return Behaviors.same();
    });
  }

  private static CompletionStage<String> ask(EntityAsk asks, ActorRef<Ask> target, String id) {
    return asks.ask("thing " + id, () -> AskPattern.<Ask, String>askWithStatus(target, r -> new Ask(id, r), ASK_TIMEOUT,
        testKit.scheduler()));
  }

  @Test
  void anAskThatTimesOutIsAskedAgainAndTheRecordsStayInOrder() throws Exception {
    Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    ActorRef<Ask> target = testKit.spawn(target(2, asked));
    EntityAsk asks = new EntityAsk(testKit.system(), new EntityAsk.Settings(3, Duration.ofMillis(50), Duration.ofMillis(100)));

    List<String> out = Source.from(List.of("a", "flaky-1", "b", "bad", "c"))
        .mapAsync(4, id -> ask(asks, target, id).exceptionallyCompose(e -> EntityAsk.refusedAs(e, p -> p)))
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(List.of("a", "flaky-1", "b", "refused: no such thing", "c"), out);
    assertEquals(3, asked.get("flaky-1").get(), "two asks timed out, the third was answered");
    assertEquals(1, asked.get("bad").get(), "a refusal is the record's fault: not asked again");
    assertEquals(1, asked.get("a").get());
  }

  @Test
  void anEntityThatNeverAnswersFailsTheRecordAfterTheLastAttempt() {
    Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    ActorRef<Ask> target = testKit.spawn(target(Integer.MAX_VALUE, asked));
    EntityAsk asks = new EntityAsk(testKit.system(), new EntityAsk.Settings(2, Duration.ofMillis(10), Duration.ofMillis(10)));

    var failure = assertThrows(CompletionException.class, () -> ask(asks, target, "flaky-2").toCompletableFuture().join());

    assertTrue(failure.getCause() instanceof TimeoutException, failure.toString());
    assertEquals(2, asked.get("flaky-2").get());
  }
}
