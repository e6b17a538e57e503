package actorcrm.platform;

import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ActorSystemDependentAllocationStrategy;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ShardAllocationStrategy;
import org.apache.pekko.cluster.sharding.ShardCoordinator.StartableAllocationStrategy;
import com.typesafe.config.Config;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Set;
import scala.concurrent.Future;

import java.util.HashSet;

/**
 * Pekko's least-shard allocation, except that it does not rebalance while the coordinator still
 * lists the region of a node's earlier incarnation beside the region of its new one.
 *
 * <p>A node killed and started again on the same host and port registers its new region before
 * the coordinator has heard that the old one terminated. Both regions have the same path, so the
 * least-shard strategy, which finds a region's member by address, takes the dead region (still
 * holding all its shards) for a live one and rebalances its shards to the new region. Handing a
 * shard off from a dead region never completes: every message for those shards waits for the
 * coordinator's {@code handoff-timeout} (60 s), which stalled ingest for 60–90 s in the fault
 * suite. Once the old region's termination arrives its shards are reallocated anyway, so waiting
 * for it costs one rebalance tick (10 s) and nothing else.
 */
public final class RejoinSafeAllocation implements ActorSystemDependentAllocationStrategy {
  private final ShardAllocationStrategy delegate;

  public RejoinSafeAllocation(ShardAllocationStrategy delegate) {
    this.delegate = delegate;
  }

  /** The least-shard strategy with the limits of {@code pekko.cluster.sharding.least-shard-allocation-strategy}. */
  public static RejoinSafeAllocation of(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    Config c = system.settings().config().getConfig("pekko.cluster.sharding.least-shard-allocation-strategy");
    return new RejoinSafeAllocation(ShardCoordinator.ShardAllocationStrategy$.MODULE$.leastShardAllocationStrategy(
        c.getInt("rebalance-absolute-limit"), c.getDouble("rebalance-relative-limit")));
  }

  @Override
  public void start(ActorSystem system) {
    if (delegate instanceof ActorSystemDependentAllocationStrategy s) {
      s.start(system);
    } else if (delegate instanceof StartableAllocationStrategy s) {
      s.start();
    }
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> allocations) {
    return delegate.allocateShard(requester, shardId, allocations);
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> allocations, Set<String> inProgress) {
    if (twoIncarnationsOfOneRegion(allocations)) {
      return Future.successful(scala.collection.immutable.Set$.MODULE$.<String>empty());
    }
    return delegate.rebalance(allocations, inProgress);
  }

  /** Actor paths compare without the actor's uid, so an old and a new region of one node share one. */
  static boolean twoIncarnationsOfOneRegion(Map<ActorRef, IndexedSeq<String>> allocations) {
    java.util.Set<ActorPath> paths = new HashSet<>();
    scala.collection.Iterator<ActorRef> regions = allocations.keysIterator();
    while (regions.hasNext()) {
      if (!paths.add(regions.next().path())) {
        return true;
      }
    }
    return false;
  }
}
