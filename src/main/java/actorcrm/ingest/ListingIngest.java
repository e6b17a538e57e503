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
import java.util.concurrent.Executor;

/**
 * The listing graph every source feeds (Kafka, HTTP): decode from bytes, check against this node's
 * catalog, and hand the result to the product it matched; a listing a person must look at (no
 * product, or REVIEW) also goes to its shop's review queue. An element leaves the flow only after
 * the entity has journaled it, so a source commits what has left and nothing it committed can be
 * lost. A listing that has just become certain on a product is placed on it at its shop, and the
 * product the shop had it on before (new title or size) is told it left, so its violation there
 * resolves as moved at once. Order is kept (mapAsync). A record that is not a listing, or that an
 * entity refuses, leaves as rejected with the reason; an entity that does not answer is asked again
 * ({@link EntityAsk}).
 */
public final class ListingIngest {
  /** What became of one record: accepted with its verdict and violation change, or rejected with the reason. */
  public record Result(String listingUrl, String sku, Verdict verdict, String change, boolean duplicate, String problem)
      implements KafkaIngest.Outcome {
    public boolean accepted() {
      return problem == null;
    }

    static Result rejected(String problem) {
      return new Result(null, null, null, null, false, problem);
    }
  }

  private record Checked(Listing listing, PriceCheckResult check, Instant observedAt, String problem) {}

  private final ClusterSharding sharding;
  private final Executor cpu;
  private final CatalogReplica catalog;
  private final RecordDecoder<Listing> decoder;
  private final EntityAsk asks;
  private final Duration askTimeout;
  private final int parallelism;

  public ListingIngest(ActorSystem<?> system, CatalogReplica catalog, ListingDecoder decoder, IngestSettings settings,
                       Duration askTimeout, int parallelism) {
    this.sharding = ClusterSharding.get(system);
    this.cpu = system.executionContext();
    this.catalog = catalog;
    this.decoder = decoder.records(settings.maxRecordBytes());
    this.asks = new EntityAsk(system, settings.entityRetry());
    this.askTimeout = askTimeout;
    this.parallelism = parallelism;
  }

  public <C> FlowWithContext<Incoming, C, Result, C, NotUsed> flow() {
    return FlowWithContext.<Incoming, C>create()
        // Nothing is checked against a catalog still loading: it would send known products to review.
        .mapAsync(1, incoming -> catalog.ready().thenApply(loaded -> incoming))
        // The price check is CPU work (title matching against every product): spread it over the cores.
        .mapAsync(parallelism, incoming -> CompletableFuture.supplyAsync(() -> check(incoming), cpu))
        .mapAsync(parallelism, this::deliver);
  }

  private Checked check(Incoming incoming) {
    Decoded<Listing> decoded = decoder.decode(incoming.value());
    if (!decoded.ok()) {
      return new Checked(null, null, null, decoded.problem());
    }
    try {
      return new Checked(decoded.value(), catalog.view().priceCheck().check(decoded.value()), incoming.observedAt(),
          null);
    } catch (RuntimeException e) {
      // A listing the checker cannot handle is a bad record: it goes to the DLQ, it must not stop the graph.
      return new Checked(null, null, null, "price check failed: " + e);
    }
  }

  private CompletionStage<Result> deliver(Checked checked) {
    if (checked.problem() != null) {
      return CompletableFuture.completedFuture(Result.rejected(checked.problem()));
    }
    Listing listing = checked.listing();
    PriceCheckResult check = checked.check();
    CompletionStage<Boolean> review = check.verdict() == Verdict.REVIEW || check.verdict() == Verdict.UNMATCHED
        ? queueForReview(listing, check, checked.observedAt())
        : CompletableFuture.completedFuture(false);
    CompletionStage<Result> delivered;
    if (check.sku() == null) {
      delivered = review.thenApply(queued -> new Result(listing.itemUrl(), null, check.verdict(), "review", !queued, null));
    } else {
      Observation observation = Observation.of(listing, check, checked.observedAt());
      delivered = review.thenCompose(queued -> asks.ask("product " + check.sku(), () ->
              sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, check.sku())
                  .<ProductEntity.OfferOutcome>askWithStatus(replyTo -> new ProductEntity.RecordOffer(observation, replyTo),
                      askTimeout))
          .thenCompose(o -> o.placed() ? place(listing, check.sku(), checked.observedAt()).thenApply(moved -> o)
              : CompletableFuture.completedFuture(o))
          .thenApply(o -> new Result(listing.itemUrl(), check.sku(), check.verdict(), o.change(), o.duplicate(), null)));
    }
    return delivered.exceptionallyCompose(e -> EntityAsk.refusedAs(e, Result::rejected));
  }

  /** Places the listing on {@code sku} at its shop; the product it was on before learns that it left. */
  private CompletionStage<Integer> place(Listing listing, String sku, Instant observedAt) {
    return asks.ask("shop " + listing.shopName(), () -> sharding.entityRefFor(ShopEntity.ENTITY_TYPE_KEY, listing.shopName())
            .<ShopEntity.Placement>askWithStatus(replyTo -> new ShopEntity.PlaceListing(listing.itemUrl(), sku, observedAt,
                replyTo), askTimeout))
        .thenCompose(placement -> placement.previousSku() == null
            ? CompletableFuture.completedFuture(0)
            : asks.ask("product " + placement.previousSku(), () -> sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY,
                    placement.previousSku())
                .<Integer>askWithStatus(replyTo -> new ProductEntity.ListingMoved(listing.itemUrl(), sku, observedAt,
                    replyTo), askTimeout)));
  }

  private CompletionStage<Boolean> queueForReview(Listing listing, PriceCheckResult check, Instant observedAt) {
    ReviewItem item = ReviewItem.of(listing, check, observedAt);
    return asks.ask("shop " + listing.shopName(), () -> sharding.entityRefFor(ShopEntity.ENTITY_TYPE_KEY, listing.shopName())
        .askWithStatus(replyTo -> new ShopEntity.QueueForReview(item, replyTo), askTimeout));
  }
}
