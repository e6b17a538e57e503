package actorcrm.pricing;

import actorcrm.node.PooledJdbcSession;
import actorcrm.shop.ShopEntity;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Maps price-control events to the SQL read model, in the projection's transaction together with
 * its offset: violations opened, deepened, seen and resolved; listings queued for review, and taken
 * off the review list once a product holds them with certainty.
 */
public final class PriceControlProjectionHandler extends JdbcHandler<EventEnvelope<Object>, PooledJdbcSession> {
  @Override
  public void process(PooledJdbcSession session, EventEnvelope<Object> envelope) throws Exception {
    Object event = envelope.event();
    session.withConnection(c -> {
      if (event instanceof ProductEvent.ViolationOpened e) {
        PriceControlReadModel.violationOpened(c, e.violation());
      } else if (event instanceof ProductEvent.ViolationDeepened e) {
        PriceControlReadModel.violationChanged(c, e.id(), e.landedPrice(), e.quantity(), e.floor(), e.gapPct(), e.at(),
            e.evidence());
      } else if (event instanceof ProductEvent.ViolationSeen e) {
        PriceControlReadModel.violationChanged(c, e.id(), e.landedPrice(), e.quantity(), e.floor(), e.gapPct(), e.at(),
            null);
      } else if (event instanceof ProductEvent.ViolationResolved e) {
        PriceControlReadModel.violationResolved(c, e.id(), e.resolution(), e.at());
      } else if (event instanceof ProductEvent.OfferRecorded e && e.reviewCleared()) {
        PriceControlReadModel.matched(c, e.offer().listingUrl());
      } else if (event instanceof ShopEntity.ListingQueuedForReview e) {
        PriceControlReadModel.queuedForReview(c, e.item());
      }
      return null;
    });
  }
}
