package actorcrm.ingest;

import actorcrm.pricing.CatalogReplica;
import actorcrm.pricing.Listing;
import actorcrm.pricing.Observation;
import actorcrm.pricing.PriceCheckResult;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ReviewItem;
import actorcrm.pricing.Verdict;
import actorcrm.shop.ShopEntity;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.FlowWithContext;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The listing graph every source feeds (Kafka, HTTP): decode from bytes, check against this node's
 * catalog, and hand the result to the product it matched — or, when it matched none, to its shop's
 * review queue. An element leaves the flow only after the entity has journaled it, so a source
 * commits what has left and nothing it committed can be lost. Order is kept (mapAsync).
 */
public final class ListingIngest {
  /** What became of one record: accepted with its verdict and violation change, or rejected with the reason. */
  public record Result(String listingUrl, String sku, Verdict verdict, String change, boolean duplicate, String problem) {
    public boolean accepted() {
      return problem == null;
    }

    static Result rejected(String problem) {
      return new Result(null, null, null, null, false, problem);
    }
  }

  private record Checked(Listing listing, PriceCheckResult check, String problem) {}

  private final ClusterSharding sharding;
  private final CatalogReplica catalog;
  private final Duration askTimeout;
  private final int parallelism;

  public ListingIngest(ActorSystem<?> system, CatalogReplica catalog, Duration askTimeout, int parallelism) {
    this.sharding = ClusterSharding.get(system);
    this.catalog = catalog;
    this.askTimeout = askTimeout;
    this.parallelism = parallelism;
  }

  public <C> FlowWithContext<byte[], C, Result, C, NotUsed> flow() {
    return FlowWithContext.<byte[], C>create()
        .map(this::check)
        .mapAsync(parallelism, this::deliver);
  }

  private Checked check(byte[] bytes) {
    ListingDecoder.Decoded decoded = ListingDecoder.decode(bytes);
    if (!decoded.ok()) {
      return new Checked(null, null, decoded.problem());
    }
    return new Checked(decoded.listing(), catalog.view().priceCheck().check(decoded.listing()), null);
  }

  private CompletionStage<Result> deliver(Checked checked) {
    if (checked.problem() != null) {
      return CompletableFuture.completedFuture(Result.rejected(checked.problem()));
    }
    Listing listing = checked.listing();
    PriceCheckResult check = checked.check();
    Instant now = Instant.now();
    if (check.sku() == null) {
      ReviewItem item = ReviewItem.of(listing, check, now);
      return sharding.entityRefFor(ShopEntity.ENTITY_TYPE_KEY, listing.shopName())
          .<Boolean>askWithStatus(replyTo -> new ShopEntity.QueueForReview(item, replyTo), askTimeout)
          .thenApply(queued -> new Result(listing.itemUrl(), null, check.verdict(), "review", !queued, null));
    }
    Observation observation = Observation.of(listing, check, now);
    return sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, check.sku())
        .<ProductEntity.OfferOutcome>askWithStatus(replyTo -> new ProductEntity.RecordOffer(observation, replyTo), askTimeout)
        .thenApply(o -> new Result(listing.itemUrl(), check.sku(), check.verdict(), o.change(), o.duplicate(), null));
  }
}
