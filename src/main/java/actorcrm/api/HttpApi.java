package actorcrm.api;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** The node's HTTP surface: /health open, everything under /api behind a bearer token. */
public final class HttpApi extends Authenticated {
  private final NodeRoutes node;
  private final RepRoutes reps;
  private final PricingRoutes pricing;

  public HttpApi(Tokens tokens, NodeRoutes node, RepRoutes reps, PricingRoutes pricing) {
    super(tokens);
    this.node = node;
    this.reps = reps;
    this.pricing = pricing;
  }

  public Route route() {
    return concat(
        node.health(),
        pathPrefix("api", () -> authenticated(principal -> concat(
            node.api(principal),
            reps.api(principal),
            pricing.api(principal),
            complete(error(StatusCodes.NOT_FOUND, "not_found", "no such route"))))));
  }

  public CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(route())
        .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system));
  }
}
