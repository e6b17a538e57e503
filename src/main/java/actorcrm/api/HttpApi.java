package actorcrm.api;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's HTTP surface: /health open, /metrics and everything under /api behind a bearer token;
 * every answered request is counted by route template and status.
 */
public final class HttpApi extends Authenticated {
  private final NodeRoutes node;
  private final RepRoutes reps;
  private final LeadRoutes leads;
  private final TicketRoutes tickets;
  private final PricingRoutes pricing;
  private final ShopRoutes shops;

  private final Function<String, CompletionStage<Boolean>> repActive;
  private final HttpMetrics metrics;
  private final Supplier<String> scrape;

  /** {@code repActive} answers whether a rep may still use the API (a departed rep may not, whatever their token says). */
  public HttpApi(Tokens tokens, Function<String, CompletionStage<Boolean>> repActive, NodeRoutes node, RepRoutes reps,
                 LeadRoutes leads, TicketRoutes tickets, PricingRoutes pricing, ShopRoutes shops,
                 HttpMetrics metrics, Supplier<String> scrape) {
    super(tokens);
    this.metrics = metrics;
    this.scrape = scrape;
    this.repActive = repActive;
    this.node = node;
    this.reps = reps;
    this.leads = leads;
    this.tickets = tickets;
    this.pricing = pricing;
    this.shops = shops;
  }

  public Route route() {
    return measured(withRequestTimeoutResponse(HttpApi::timedOut, () -> handleRejections(jsonRejections(),
        () -> handleExceptions(jsonExceptions(), () -> concat(
            node.health(),
            path("metrics", () -> get(() -> authenticated(principal -> stillEmployed(principal, () ->
                // scraped per request (inside extractRequest), not once when the route is built
                allow(principal, roles(Role.ADMIN, Role.OPERATOR, Role.VIEWER), () -> extractRequest(request ->
                    complete(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, scrape.get())))))))),
            pathPrefix("api", () -> authenticated(principal -> stillEmployed(principal, () -> concat(
                node.api(principal),
                reps.api(principal),
                leads.api(principal),
                tickets.api(principal),
                pricing.api(principal),
                shops.api(principal))))))))));
  }

  private Route measured(Route inner) {
    return extractRequest(request -> {
      long started = System.nanoTime();
      return mapResponse(response -> {
        metrics.request(request.method().value(), RouteTemplate.of(request.getUri().path()), response.status().intValue(),
            Duration.ofNanos(System.nanoTime() - started));
        return response;
      }, () -> inner);
    });
  }

  /** Pekko's answer when a request outlives its request timeout, in the API's error shape. */
  private static HttpResponse timedOut(HttpRequest request) {
    return error(StatusCodes.SERVICE_UNAVAILABLE, "timeout", request.method().value() + " " + request.getUri().path()
        + " did not finish within the request timeout; what it started may still complete, so look before repeating it");
  }

  private Route stillEmployed(Principal principal, Supplier<Route> inner) {
    if (principal.role() != Role.REP) {
      return inner.get();
    }
    return onSuccess(repActive.apply(principal.subject()), active -> active
        ? inner.get()
        : complete(error(StatusCodes.UNAUTHORIZED, "unauthorized", "rep " + principal.subject() + " has departed")));
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
        .match(TimeoutException.class, e -> complete(error(StatusCodes.SERVICE_UNAVAILABLE, "timeout",
            "an entity did not answer in time; retry: " + e.getMessage())))
        .matchAny(e -> complete(error(StatusCodes.INTERNAL_SERVER_ERROR, "internal", e.toString())))
        .build();
  }

  public CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(route())
        .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system));
  }
}
