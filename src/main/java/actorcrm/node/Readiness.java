package actorcrm.node;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Whether the node can serve: it is an Up member and its shard region has reached the shard
 * coordinator (asking the coordinator for the current regions proves both).
 */
public final class Readiness {
  private final ActorSystem<?> system;
  private final EntityTypeKey<?> probe;
  private volatile boolean ready;

  public Readiness(ActorSystem<?> system, EntityTypeKey<?> probe) {
    this.system = system;
    this.probe = probe;
  }

  public CompletionStage<Boolean> ready() {
    MemberStatus status = Cluster.get(system).selfMember().status();
    if (status != MemberStatus.up() && status != MemberStatus.weaklyUp()) {
      return CompletableFuture.completedFuture(false);
    }
    if (ready) {
      return CompletableFuture.completedFuture(true);
    }
    var region = system.classicSystem().actorSelection("/system/sharding/" + probe.name());
    return Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(2))
        .handle((answer, failure) -> {
          ready = failure == null;
          return ready;
        });
  }
}
