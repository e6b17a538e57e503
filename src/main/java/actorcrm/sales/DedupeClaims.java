package actorcrm.sales;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A lead's claims on its phone and e-mail keys in the {@link DedupeIndexEntity}: it claims both at
 * once and finds the open lead it duplicates, if any. A key held by a lead that is no longer open
 * passes to the claiming lead on the way. Behind an interface, so a lead runs in the testkit with a fake.
 */
public interface DedupeClaims {
  /** The open lead holding one of the keys and its state, or none. */
  record Holder(String leadId, LeadState state) {
    public static final Holder NONE = new Holder(null, null);
  }

  /** Completes with the open lead that {@code leadId} duplicates, or with {@link Holder#NONE}. */
  CompletionStage<Holder> claim(String leadId, LeadInfo info);

  /** Gives the lead's keys up (it closed or was linked), so a later lead with them is routed afresh. */
  void release(String leadId, LeadInfo info);

  static DedupeClaims sharded(ActorSystem<?> system, Duration timeout) {
    return new Sharded(ClusterSharding.get(system), timeout);
  }

  /** The claims of a node, at the sharded index. */
  final class Sharded implements DedupeClaims {
    private final ClusterSharding sharding;
    private final Duration timeout;

    private Sharded(ClusterSharding sharding, Duration timeout) {
      this.sharding = sharding;
      this.timeout = timeout;
    }

    @Override
    public CompletionStage<Holder> claim(String leadId, LeadInfo info) {
      List<String> keys = LeadDedupe.keys(info.phone(), info.email());
      List<CompletableFuture<String>> holders = keys.stream().map(key -> claim(leadId, key, null).toCompletableFuture())
          .toList();
      return CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new))
          .thenCompose(all -> {
            List<Map.Entry<String, String>> others = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
              String holder = holders.get(i).join();
              if (!holder.equals(leadId)) {
                others.add(Map.entry(keys.get(i), holder));
              }
            }
            return linkOrReplace(leadId, others);
          });
    }

    @Override
    public void release(String leadId, LeadInfo info) {
      LeadDedupe.keys(info.phone(), info.email()).forEach(key ->
          sharding.entityRefFor(DedupeIndexEntity.ENTITY_TYPE_KEY, key).tell(new DedupeIndexEntity.Release(leadId)));
    }

    private CompletionStage<String> claim(String leadId, String key, String replacing) {
      return sharding.entityRefFor(DedupeIndexEntity.ENTITY_TYPE_KEY, key)
          .askWithStatus(r -> new DedupeIndexEntity.Claim(leadId, replacing, r), timeout);
    }

    /** The first holder (key to lead) that is open; holders found not open are replaced on the way. */
    private CompletionStage<Holder> linkOrReplace(String leadId, List<Map.Entry<String, String>> holders) {
      if (holders.isEmpty()) {
        return CompletableFuture.completedFuture(Holder.NONE);
      }
      String key = holders.get(0).getKey();
      String holder = holders.get(0).getValue();
      return sharding.entityRefFor(LeadEntity.ENTITY_TYPE_KEY, holder).<LeadState>ask(LeadEntity.Get::new, timeout)
          .thenCompose(s -> s.open() ? CompletableFuture.completedFuture(new Holder(holder, s))
              : claim(leadId, key, holder).thenCompose(claimed -> linkOrReplace(leadId, holders.subList(1, holders.size()))));
    }
  }
}
