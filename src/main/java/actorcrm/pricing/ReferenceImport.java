package actorcrm.pricing;

import actorcrm.platform.FieldLimits;
import actorcrm.platform.IdRules;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Imports the brand's price-control table: parses it, holds each row to the {@link FieldLimits},
 * sets each good row on its product entity (which keeps the floor history) and waits until this
 * node's catalog shows the new rows, so a listing posted right after the import is checked against
 * them. The file's encoding is detected ({@link TableEncoding}); bad rows come back by line. The
 * import's time grows with its rows ({@link ImportSettings}); rows it could not store in that time
 * come back as not stored, and a second import of the same table stores only those (a row already
 * on its product writes nothing).
 */
public final class ReferenceImport {
  /** {@code encoding} is the one the table was read in, null when it was refused for its encoding. */
  public record Outcome(int imported, List<Rejection> rejected, boolean catalogUpToDate, String encoding) {}

  private final ActorSystem<?> system;
  private final CatalogReplica catalog;
  private final Duration askTimeout;
  private final ImportSettings settings;
  private final FieldLimits limits;

  public ReferenceImport(ActorSystem<?> system, CatalogReplica catalog, Duration askTimeout, ImportSettings settings,
                         FieldLimits limits) {
    this.system = system;
    this.catalog = catalog;
    this.askTimeout = askTimeout;
    this.settings = settings;
    this.limits = limits;
  }

  /** The longest an import of at most {@code rows} rows takes to answer: its budget, a last ask, the catalog wait. */
  public Duration answerWithin(long rows) {
    return settings.budget(rows).plus(askTimeout).plus(settings.catalogWait());
  }

  public CompletionStage<Outcome> run(byte[] file) {
    TableEncoding.Decoded decoded = TableEncoding.decode(file);
    if (decoded.text() == null) {
      return CompletableFuture.completedFuture(new Outcome(0, List.of(decoded.refusal()), true, null));
    }
    ReferenceTable table = ReferenceTableParser.parse(decoded.text());
    List<Rejection> rejected = new ArrayList<>(table.rejections());
    List<ReferenceRow> good = new ArrayList<>();
    for (ReferenceRow row : table.rows()) {
      String problem = problem(row);
      if (problem == null) {
        good.add(row);
      } else {
        rejected.add(new Rejection(row.line(), problem));
      }
    }
    Duration budget = settings.budget(table.rows().size());
    long deadline = System.nanoTime() + budget.toNanos();
    ClusterSharding sharding = ClusterSharding.get(system);
    return Source.from(good)
        .mapAsync(settings.parallelism(), row -> System.nanoTime() > deadline
            ? CompletableFuture.completedFuture(new Rejection(row.line(), "not stored: the import of "
                + table.rows().size() + " rows ran past its " + budget.toSeconds() + " s; import the table again"))
            : sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, row.sku().id())
                .<ProductState>askWithStatus(replyTo -> new ProductEntity.SetReference(row.sku().product(),
                    row.sku().size(), row.listPrice(), row.floor(), replyTo), askTimeout)
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
          rejected.sort(Comparator.comparingInt(Rejection::line));
          return catalog.awaitRows(stored, settings.catalogWait())
              .thenApply(upToDate -> new Outcome(stored.size(), List.copyOf(rejected), upToDate, decoded.encoding()));
        });
  }

  /**
   * What keeps a parsed row out of the catalog: a field over its limit, a SKU that cannot be a
   * product's id, a floor above the list price.
   */
  private String problem(ReferenceRow row) {
    List<String> problems = new ArrayList<>();
    limits.text("product", row.product(), problems);
    limits.text("size", row.size(), problems);
    limits.text("effect", row.effect(), problems);
    limits.price("list_price", row.listPrice(), problems);
    limits.price("floor", row.floor(), problems);
    if (problems.isEmpty()) {
      String sku = Sku.idProblem(row.sku().id());
      if (sku != null) {
        problems.add("product " + IdRules.quote(row.product()) + " in size " + IdRules.quote(row.size())
            + " cannot be a SKU: " + sku);
      }
    }
    if (problems.isEmpty() && row.floorProblem() != null) {
      problems.add(row.floorProblem());
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
