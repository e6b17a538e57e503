package actorcrm.pricing;

import actorcrm.platform.Json;
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
 * Publishes violation alerts (opened, deepened, escalated, resolved) to Kafka, keyed by SKU, in journal order.
 * A violation merely seen again is not news and is not published. Each alert stands alone: a
 * resolved one carries the last landed price, the floor and the reason in words, so a reader needs
 * no earlier alert to act on it.
 */
public final class PriceAlertHandler extends Handler<EventEnvelope<Object>> {
  /**
   * One alert as it appears on the topic. {@code resolution} is the code of a resolved alert and
   * {@code reason} says it in words; {@code movedTo} is the product a moved listing sells now;
   * an escalated one carries the end of the fix window that passed and how many notices the shop had.
   */
  public record Alert(String type, String violationId, String sku, String shop, String listingUrl, BigDecimal landedPrice,
                      Integer quantity, BigDecimal floor, BigDecimal gapPct, Boolean repeat, String resolution, Instant at,
                      Violation.Evidence evidence, String reason, String movedTo, Instant fixDueAt, Integer notices) {}

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
          v.gapPct(), v.repeat(), null, v.openedAt(), v.evidence(), null, null, null, null);
    }
    if (event instanceof ProductEvent.ViolationDeepened e) {
      return new Alert("deepened", e.id(), sku, null, e.listingUrl(), e.landedPrice(), e.quantity(), e.floor(),
          e.gapPct(), null, null, e.at(), e.evidence(), null, null, null, null);
    }
    if (event instanceof ProductEvent.ViolationResolved e) {
      return new Alert("resolved", e.id(), sku, e.shop(), e.listingUrl(), e.landedPrice(), null, e.floor(), null, null,
          e.resolution().wire(), e.at(), null, e.reason(), e.movedTo(), null, null);
    }
    if (event instanceof ProductEvent.ViolationEscalated e) {
      return new Alert("escalated", e.id(), sku, e.shop(), e.listingUrl(), e.landedPrice(), null, e.floor(), e.gapPct(),
          null, null, e.at(), null, "the fix window ended at " + e.fixDueAt() + " with the violation still open after "
          + e.notices() + (e.notices() == 1 ? " notice" : " notices"), null, e.fixDueAt(), e.notices());
    }
    return null;
  }
}
