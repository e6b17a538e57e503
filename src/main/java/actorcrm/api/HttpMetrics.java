package actorcrm.api;

import java.time.Duration;

/** What the HTTP layer tells operators: each answered request by method, route template and status, and its duration. */
public interface HttpMetrics {
  HttpMetrics NONE = (method, route, status, took) -> {
  };

  void request(String method, String route, int status, Duration took);
}
