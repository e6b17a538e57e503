package actorcrm.ops;

import actorcrm.platform.Instruments;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * {@code GET /metrics} on the management port (Pekko Management loads this class by name from
 * {@code pekko.management.http.routes}): the node's {@link Metrics} in the Prometheus text format,
 * or 503 on a system whose node was not wired.
 */
public final class MetricsRoute extends AllDirectives implements ManagementRouteProvider {
  private final ExtendedActorSystem system;

  public MetricsRoute(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    // Inside extractRequest so that the registry is read per request, not once when the route is built.
    return path("metrics", () -> get(() -> extractRequest(request -> {
      Metrics metrics = Instruments.of(Adapter.toTyped(system), Metrics.class, null);
      return metrics == null
          ? complete(StatusCodes.SERVICE_UNAVAILABLE, "no metrics on this actor system")
          : complete(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape()));
    })));
  }
}
