package actorcrm.pricing;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Imports the brand's price-control table: parses it, sets each good row on its product entity
 * (which keeps the floor history) and waits until this node's catalog shows the new rows, so a
 * listing posted right after the import is checked against them. Bad rows come back by line.
 */
public final class ReferenceImport {
  public record Outcome(int imported, List<Rejection> rejected, boolean catalogUpToDate) {}

  private final ActorSystem<?> system;
  private final CatalogReplica catalog;
  private final Duration askTimeout;

  public ReferenceImport(ActorSystem<?> system, CatalogReplica catalog, Duration askTimeout) {
    this.system = system;
    this.catalog = catalog;
    this.askTimeout = askTimeout;
  }

  public CompletionStage<Outcome> run(String csv) {
    ReferenceTable table = ReferenceTableParser.parse(csv);
    ClusterSharding sharding = ClusterSharding.get(system);
    List<Rejection> rejected = new ArrayList<>(table.rejections());
    return Source.from(table.rows())
        .mapAsync(8, row -> sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, row.sku().id())
            .<ProductState>askWithStatus(replyTo -> new ProductEntity.SetReference(row.sku().product(), row.sku().size(),
                row.listPrice(), row.floor(), replyTo), askTimeout)
            .handle((state, failure) -> failure == null ? row : new Rejection(row.line(), "not stored: " + failure.getMessage())))
        .runWith(Sink.seq(), system)
        .thenCompose(results -> {
          List<ReferenceRow> stored = new ArrayList<>();
          for (Object r : results) {
            if (r instanceof ReferenceRow row) {
              stored.add(row);
            } else {
              rejected.add((Rejection) r);
            }
          }
          rejected.sort(java.util.Comparator.comparingInt(Rejection::line));
          return catalog.awaitRows(stored, Duration.ofSeconds(10))
              .thenApply(upToDate -> new Outcome(stored.size(), List.copyOf(rejected), upToDate));
        });
  }
}
