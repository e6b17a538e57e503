package actorcrm.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The route template of a request path, for metrics: the API's fixed words are kept and every other
 * segment (an id, a SKU, a shop name) becomes {@code {id}}, so the label set stays bounded whatever
 * clients send. Paths outside the API and deeper than any route are all {@code other}.
 */
public final class RouteTemplate {
  private static final int MAX_SEGMENTS = 6;
  private static final Set<String> ROOTS = Set.of("api", "health", "metrics");
  private static final Set<String> WORDS = Set.of(
      "api", "cluster", "shards", "entities", "tokens", "reps", "teams", "leads", "tickets", "products", "violations",
      "shops", "listings", "reference-prices", "price-check", "unmatched", "leaderboard", "explain", "activities",
      "stage", "status", "presence", "departure", "enforcement", "notice", "channel", "title", "distributor",
      "metrics", "series", "reports", "daily", "shop-alerts", "shop-events");

  private RouteTemplate() {}

  public static String of(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    if (segments.isEmpty() || !ROOTS.contains(segments.get(0)) || segments.size() > MAX_SEGMENTS) {
      return "other";
    }
    StringBuilder template = new StringBuilder("/").append(segments.get(0));
    for (String segment : segments.subList(1, segments.size())) {
      template.append('/').append(WORDS.contains(segment) ? segment : "{id}");
    }
    return template.toString();
  }
}
