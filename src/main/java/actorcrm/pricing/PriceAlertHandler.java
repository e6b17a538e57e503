package actorcrm.pricing;

import actorcrm.Json;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pekko.Done;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes violation alerts (opened, deepened, resolved) to Kafka, keyed by SKU, in journal order.
 * A violation merely seen again is not news and is not published. Each alert stands alone: a
 * resolved one carries the last landed price, the floor and the reason in words, so a reader needs
 * no earlier alert to act on it.
 */
public final class PriceAlertHandler extends Handler<EventEnvelope<Object>> {
  /**
   * One alert as it appears on the topic. {@code resolution} is the code of a resolved alert and
   * {@code reason} says it in words; {@code movedTo} is the product a moved listing sells now.
   */
  public record Alert(String type, String violationId, String sku, String shop, String listingUrl, BigDecimal landedPrice,
                      Integer quantity, BigDecimal floor, BigDecimal gapPct, Boolean repeat, String resolution, Instant at,
                      Violation.Evidence evidence, String reason, String movedTo) {}

  private final SendProducer<String, String> producer;
  private final String topic;

  public PriceAlertHandler(SendProducer<String, String> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<Object> envelope) throws Exception {
    Alert alert = alert(envelope.persistenceId(), envelope.event());
    if (alert == null) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    String json = Json.MAPPER.writeValueAsString(alert);
    return producer.send(new ProducerRecord<>(topic, alert.sku(), json)).thenApply(meta -> Done.getInstance());
  }

  static Alert alert(String persistenceId, Object event) {
    String sku = persistenceId.substring(persistenceId.indexOf('|') + 1);
    if (event instanceof ProductEvent.ViolationOpened e) {
      Violation v = e.violation();
      return new Alert("opened", v.id(), sku, v.shop(), v.listingUrl(), v.landedPrice(), v.quantity(), v.floor(),
          v.gapPct(), v.repeat(), null, v.openedAt(), v.evidence(), null, null);
    }
    if (event instanceof ProductEvent.ViolationDeepened e) {
      return new Alert("deepened", e.id(), sku, null, e.listingUrl(), e.landedPrice(), e.quantity(), e.floor(),
          e.gapPct(), null, null, e.at(), e.evidence(), null, null);
    }
    if (event instanceof ProductEvent.ViolationResolved e) {
      return new Alert("resolved", e.id(), sku, e.shop(), e.listingUrl(), e.landedPrice(), null, e.floor(), null, null,
          e.resolution().wire(), e.at(), null, reason(e), e.movedTo());
    }
    return null;
  }

  /** Why a violation resolved, in words, with the prices it was judged on when the event carries them. */
  static String reason(ProductEvent.ViolationResolved e) {
    String prices = e.landedPrice() == null || e.floor() == null ? ""
        : " (landed price " + e.landedPrice().toPlainString() + ", floor " + e.floor().toPlainString() + ")";
    return switch (e.resolution()) {
      case PRICE_RESTORED -> "the landed price is back at or above the floor" + prices;
      case FLOOR_CHANGED -> "the floor changed and the landed price is at or above the new one" + prices;
      case LISTING_GONE -> "the listing was not seen for the listing TTL; last seen under the floor" + prices;
      case MOVED -> "the listing now sells " + e.movedTo() + " (new title or size); last seen here under the floor"
          + prices;
    };
  }
}
