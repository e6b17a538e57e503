package actorcrm.pricing;

import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's copy of the brand's reference prices, which the ingest graph matches listings
 * against. At start it loads every product's reference events from the journal (tag
 * {@code catalog}) and only then reports {@link #ready()}; afterwards it follows new ones live, so
 * every node converges on the same catalog within the read journal's polling interval.
 */
public final class CatalogReplica {
  /** One consistent view: the rows and the price check built from them. */
  public record View(Map<String, ReferenceRow> rows, Catalog catalog, PriceCheck priceCheck) {}

  private final PriceCheckSettings settings;
  private final ActorSystem<?> system;
  private final JdbcReadJournal journal;
  private final AtomicReference<View> view = new AtomicReference<>();
  private final AtomicReference<Offset> offset = new AtomicReference<>(NoOffset.getInstance());
  private final AtomicReference<UniqueKillSwitch> liveStream = new AtomicReference<>();
  private final CompletableFuture<Done> ready = new CompletableFuture<>();

  public CatalogReplica(ActorSystem<?> system, PriceCheckSettings settings) {
    this.settings = settings;
    this.system = system;
    view.set(build(Map.of()));
    this.journal = PersistenceQuery.get(system.classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    loadCurrent();
    system.getWhenTerminated().thenRun(() -> {
      UniqueKillSwitch live = liveStream.get();
      if (live != null) {
        live.shutdown();
      }
    });
  }

  /** Completes once the catalog holds every reference row journaled before this node started. */
  public CompletionStage<Done> ready() {
    return ready;
  }

  private void loadCurrent() {
    journal.currentEventsByTag(ProductEvent.CATALOG_TAG, NoOffset.getInstance())
        .grouped(1000)
        .runForeach(this::absorb, system)
        .whenComplete((done, failure) -> {
          if (failure != null) {
            system.log().warn("Loading the catalog from the journal failed, retrying in 1 s: {}", failure.getMessage());
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(this::loadCurrent);
            return;
          }
          ready.complete(Done.getInstance());
          followLive();
        });
  }

  private void followLive() {
    RestartSettings restart = RestartSettings.create(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
    liveStream.set(RestartSource.withBackoff(restart, () -> journal.eventsByTag(ProductEvent.CATALOG_TAG, offset.get())
            .groupedWithin(1000, Duration.ofMillis(50))
            .map(batch -> {
              absorb(batch);
              return batch.size();
            }))
        .viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.ignore())
        .run(system));
  }

  private void absorb(List<EventEnvelope> batch) {
    Map<String, ReferenceRow> rows = new LinkedHashMap<>(view.get().rows());
    for (EventEnvelope envelope : batch) {
      if (envelope.event() instanceof ProductEvent.ReferenceSet set) {
        ReferenceRow row = new ReferenceRow(0, set.product(), set.size(), set.listPrice(), set.floor(), null);
        rows.put(row.sku().id(), row);
      }
      offset.set(envelope.offset());
    }
    view.set(build(rows));
  }

  private View build(Map<String, ReferenceRow> rows) {
    Catalog catalog = Catalog.of(List.copyOf(rows.values()));
    return new View(Map.copyOf(rows), catalog, new PriceCheck(catalog, settings));
  }

  public View view() {
    return view.get();
  }

  /** Completes true once every given row is visible here with its floor and list price, false after {@code timeout}. */
  public CompletionStage<Boolean> awaitRows(Collection<ReferenceRow> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    poll(wanted, deadline, result);
    return result;
  }

  private void poll(Collection<ReferenceRow> wanted, long deadline, CompletableFuture<Boolean> result) {
    Map<String, ReferenceRow> rows = view.get().rows();
    boolean all = wanted.stream().allMatch(w -> {
      ReferenceRow have = rows.get(w.sku().id());
      return have != null && have.floor().compareTo(w.floor()) == 0 && have.listPrice().compareTo(w.listPrice()) == 0;
    });
    if (all || System.nanoTime() > deadline) {
      result.complete(all);
      return;
    }
    CompletableFuture.delayedExecutor(25, TimeUnit.MILLISECONDS).execute(() -> poll(wanted, deadline, result));
  }
}
