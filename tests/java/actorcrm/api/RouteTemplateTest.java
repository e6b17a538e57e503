package actorcrm.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Request paths become bounded metric labels: ids, SKUs and shop names never appear in them. */
class RouteTemplateTest {
  @Test
  void idsSkusAndShopsBecomePlaceholders() {
    assertEquals("/api/leads/{id}/explain", RouteTemplate.of("/api/leads/L-0123456789abcdef0123/explain"));
    assertEquals("/api/products/{id}", RouteTemplate.of("/api/products/%E7%B2%BE:125ml"));
    assertEquals("/api/shops/{id}/metrics", RouteTemplate.of("/api/shops/经销商K/metrics"));
    assertEquals("/api/leads", RouteTemplate.of("/api/leads"));
    assertEquals("/health", RouteTemplate.of("/health"));
  }

  @Test
  void pathsOutsideTheApiOrDeeperThanAnyRouteAreOther() {
    assertEquals("other", RouteTemplate.of("/wp-admin/setup.php"));
    assertEquals("other", RouteTemplate.of("/"));
    assertEquals("other", RouteTemplate.of("/api/a/b/c/d/e/f"));
  }
}
