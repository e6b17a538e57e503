package actorcrm.platform;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ShardAllocationStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Set;
import scala.concurrent.Await;
import scala.concurrent.Future;
import scala.concurrent.duration.Duration;
import scala.jdk.javaapi.CollectionConverters;

import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A node restarted on its own address must not have its dead region's shards rebalanced (they never hand off). */
class RejoinSafeAllocationTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  /** Stands in for the least-shard strategy: always wants to move shard 7. */
  private static final ShardAllocationStrategy MOVES_SHARD_7 = new ShardAllocationStrategy() {
    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> allocations) {
      return Future.successful(requester);
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> allocations, Set<String> inProgress) {
      return Future.successful(Set$.of("7"));
    }
  };

  private static final class Set$ {
    static Set<String> of(String... shards) {
      return scala.collection.immutable.Set$.MODULE$.from(CollectionConverters.asScala(List.of(shards)));
    }
  }

  @Test
  void aDeadIncarnationBesideItsSuccessorHoldsRebalanceBack() throws Exception {
    ActorRef other = region("region-b");
    ActorRef dead = region("region-a");
    KIT.stop(Adapter.toTyped(dead));
    ActorRef reborn = region("region-a");
    assertNotEquals(dead, reborn, "a new incarnation is a different actor");
    assertEquals(dead.path(), reborn.path(), "at the same path");

    var strategy = new RejoinSafeAllocation(MOVES_SHARD_7);
    assertEquals(Set$.of(), rebalance(strategy, allocations(dead, List.of("7", "8"), reborn, List.of(), other, List.of("9"))));
  }

  @Test
  void distinctRegionsRebalanceAsTheLeastShardStrategySays() throws Exception {
    var strategy = new RejoinSafeAllocation(MOVES_SHARD_7);
    assertEquals(Set$.of("7"), rebalance(strategy,
        allocations(region("region-c"), List.of("7", "8"), region("region-d"), List.of(), region("region-e"), List.of("9"))));
  }

  @Test
  void allocationIsTheLeastShardStrategys() throws Exception {
    ActorRef requester = region("region-f");
    var strategy = new RejoinSafeAllocation(MOVES_SHARD_7);
    assertEquals(requester, Await.result(strategy.allocateShard(requester, "1",
        allocations(requester, List.of(), region("region-g"), List.of(), region("region-h"), List.of())), Duration.create(3, "s")));
  }

  private static ActorRef region(String name) {
    return Adapter.toClassic(KIT.spawn(Behaviors.ignore(), name));
  }

  private static Set<String> rebalance(RejoinSafeAllocation strategy, Map<ActorRef, IndexedSeq<String>> allocations) throws Exception {
    return Await.result(strategy.rebalance(allocations, Set$.of()), Duration.create(3, "s"));
  }

  private static Map<ActorRef, IndexedSeq<String>> allocations(ActorRef a, List<String> aShards, ActorRef b, List<String> bShards,
                                                             ActorRef c, List<String> cShards) {
    var m = new LinkedHashMap<ActorRef, IndexedSeq<String>>();
    m.put(a, shards(aShards));
    m.put(b, shards(bShards));
    m.put(c, shards(cShards));
    return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(m));
  }

  private static IndexedSeq<String> shards(List<String> ids) {
    return scala.collection.immutable.Vector$.MODULE$.from(CollectionConverters.asScala(ids));
  }
}
