package actorcrm.platform;

import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/**
 * What operators see of the cluster: its members, and for one entity type which node holds which
 * shard with which entity ids — asked of every member's shard region, so the answer is cluster-wide.
 */
public final class ClusterView {
  public record MemberInfo(String address, String status, List<String> roles, boolean reachable) {}

  public record ClusterInfo(String self, String leader, List<MemberInfo> members) {}

  public record ShardInfo(String id, List<String> entities) {}

  public record NodeShards(String address, List<ShardInfo> shards, String error) {}

  public record ShardsInfo(String entityType, List<NodeShards> nodes) {}

  private final ActorSystem<?> system;
  private final Duration timeout;

  public ClusterView(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public ClusterInfo cluster() {
    Cluster cluster = Cluster.get(system);
    var state = cluster.state();
    var unreachable = state.getUnreachable();
    List<MemberInfo> members = new ArrayList<>();
    for (Member m : state.getMembers()) {
      members.add(new MemberInfo(m.address().toString(), status(m.status()),
          StreamSupport.stream(m.getRoles().spliterator(), false).sorted().toList(), !unreachable.contains(m)));
    }
    members.sort(Comparator.comparing(MemberInfo::address));
    String leader = state.getLeader() == null ? null : state.getLeader().toString();
    return new ClusterInfo(cluster.selfMember().address().toString(), leader, members);
  }

  /** Every member's hosted shards and entity ids; a member that does not answer is listed with an error. */
  public CompletionStage<ShardsInfo> shards(String entityType) {
    Map<String, CompletableFuture<NodeShards>> perNode = new LinkedHashMap<>();
    for (Member m : Cluster.get(system).state().getMembers()) {
      if (m.status() != MemberStatus.up() && m.status() != MemberStatus.weaklyUp() && m.status() != MemberStatus.leaving()) {
        continue;
      }
      String address = m.address().toString();
      ActorSelection region = system.classicSystem().actorSelection(address + "/system/sharding/" + entityType);
      perNode.put(address, Patterns.ask(region, ShardRegion.getShardRegionStateInstance(), timeout)
          .thenApply(reply -> toNodeShards(address, (ShardRegion.CurrentShardRegionState) reply))
          .exceptionally(e -> new NodeShards(address, List.of(), "no answer within " + timeout.toMillis() + " ms"))
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(perNode.values().toArray(CompletableFuture[]::new))
        .thenApply(done -> new ShardsInfo(entityType, perNode.values().stream().map(CompletableFuture::join).toList()));
  }

  private static NodeShards toNodeShards(String address, ShardRegion.CurrentShardRegionState state) {
    List<ShardInfo> shards = state.getShards().stream()
        .map(s -> new ShardInfo(s.shardId(), s.getEntityIds().stream().sorted().toList()))
        .sorted(Comparator.comparing(ShardInfo::id))
        .toList();
    return new NodeShards(address, shards, null);
  }

  private static String status(MemberStatus status) {
    return status.toString().toLowerCase(java.util.Locale.ROOT);
  }
}
