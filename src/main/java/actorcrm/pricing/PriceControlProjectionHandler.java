package actorcrm.pricing;

import actorcrm.platform.PooledJdbcSession;
import actorcrm.shop.ShopEntity;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Maps price-control events to the SQL read model, a group of events per transaction together with
 * the group's offset: violations opened, deepened, seen, noticed, escalated and resolved, with their
 * history, and each shop's record ({@link ShopRecords}); listings queued for review, and taken off the
 * review list once a product holds them with certainty.
 */
public final class PriceControlProjectionHandler extends JdbcHandler<List<EventEnvelope<Object>>, PooledJdbcSession> {
  @Override
  public void process(PooledJdbcSession session, List<EventEnvelope<Object>> envelopes) throws Exception {
    session.withConnection(c -> {
      for (EventEnvelope<Object> envelope : envelopes) {
        apply(c, envelope.event());
      }
      return null;
    });
  }

  private static void apply(Connection c, Object event) throws SQLException {
    if (event instanceof ProductEvent.ViolationOpened e) {
      if (PriceControlWrites.violationOpened(c, e.violation())) {
        ShopRecords.opened(c, e.violation());
      }
    } else if (event instanceof ProductEvent.ViolationDeepened e) {
      PriceControlWrites.violationDeepened(c, e);
    } else if (event instanceof ProductEvent.ViolationSeen e) {
      PriceControlWrites.violationChanged(c, e.id(), e.landedPrice(), e.quantity(), e.floor(), e.gapPct(), e.at(),
          null);
    } else if (event instanceof ProductEvent.ViolationNoticed e) {
      PriceControlWrites.violationNoticed(c, e);
      ShopRecords.noticed(c, e.shop());
    } else if (event instanceof ProductEvent.ViolationEscalated e) {
      PriceControlWrites.violationEscalated(c, e);
      ShopRecords.escalated(c, e.shop());
    } else if (event instanceof ProductEvent.ViolationResolved e) {
      ShopRecords.resolved(c, e);
      PriceControlWrites.violationResolved(c, e);
    } else if (event instanceof ProductEvent.OfferRecorded e && e.reviewCleared()) {
      PriceControlWrites.matched(c, e.offer().listingUrl());
    } else if (event instanceof ShopEntity.ListingQueuedForReview e) {
      PriceControlWrites.queuedForReview(c, e.item());
    }
  }
}
