package actorcrm.api;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.util.Locale;
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
    return handleRejections(jsonRejections(), () -> handleExceptions(jsonExceptions(), () -> concat(
        node.health(),
        pathPrefix("api", () -> authenticated(principal -> concat(
            node.api(principal),
            reps.api(principal),
            pricing.api(principal)))))));
  }

  /** Pekko's own rejection answers (405, 404, 415 ...) with their status kept, in the API's error shape. */
  private static RejectionHandler jsonRejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      if (response.entity() instanceof HttpEntity.Strict strict && !strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
        String code = response.status().reason().toLowerCase(Locale.ROOT).replace(' ', '_');
        return error(response.status(), code, strict.getData().utf8String());
      }
      return response;
    });
  }

  private ExceptionHandler jsonExceptions() {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> complete(error(StatusCodes.INTERNAL_SERVER_ERROR, "internal", e.toString())))
        .build();
  }

  public CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(route())
        .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system));
  }
}
