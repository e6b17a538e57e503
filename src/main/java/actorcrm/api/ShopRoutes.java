package actorcrm.api;

import actorcrm.pricing.ShopRecords;
import actorcrm.shop.ShopEntity;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

/**
 * Distributor shops' price-control records, read from the read model: the ranking
 * ({@code GET /api/shops?role=distributor&sort=offences|escalations|repeat_offences}) and one shop's
 * record with its violations per month ({@code GET /api/shops/{shop}/enforcement}). A request for
 * {@code /api/shops} without {@code role=distributor} is left to the brand's own shops.
 */
public final class ShopRoutes extends Authenticated {
  private final ShopRecords records;
  private final Executor blocking;

  public ShopRoutes(ActorSystem<?> system, Tokens tokens, ShopRecords records) {
    super(tokens);
    this.records = records;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  public Route api(Principal principal) {
    return concat(
        path("shops", () -> get(() -> parameterOptional("role", role -> "distributor".equals(role.orElse(null))
            ? parameterOptional("sort", this::ranked)
            : reject()))),
        path(segment("shops").slash(segment()).slash("enforcement"), shop -> get(() ->
            validId(ShopEntity.ENTITY_TYPE_KEY, shop, () -> history(shop)))));
  }

  private Route ranked(Optional<String> sort) {
    ShopRecords.Sort order;
    try {
      order = ShopRecords.Sort.valueOf(sort.orElse("offences").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_sort", "sort must be one of "
          + Arrays.stream(ShopRecords.Sort.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()
          + "; got " + sort.get()));
    }
    return completeWithFuture(CompletableFuture.supplyAsync(() -> json(StatusCodes.OK, records.ranked(order)), blocking));
  }

  private Route history(String shop) {
    return completeWithFuture(CompletableFuture.supplyAsync(() -> records.history(shop)
        .map(h -> json(StatusCodes.OK, h))
        .orElseGet(() -> error(StatusCodes.NOT_FOUND, "not_found", "shop " + shop + " has no violation on record")),
        blocking));
  }
}
