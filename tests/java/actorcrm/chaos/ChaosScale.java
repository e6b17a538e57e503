package actorcrm.chaos;

import java.time.Duration;

/**
 * How big a fault run is: {@code -Dchaos.scale=ci} (the default, small enough for every build) or
 * {@code full} (the figures: 100,000 listings, 5,000 leads). {@code settle} bounds every
 * wait for the cluster to converge; it is a limit on how long a test may take, not a figure that
 * passes or fails a test — the measured times are reported instead. {@code -Dchaos.rate=N} sets
 * the listings produced per second.
 */
public record ChaosScale(String name, int listings, int products, int shops, int listingsPerSecond, int leads,
                         int reps, int repCapacity, int leadConcurrency, Duration restartDelay, Duration settle,
                         String nodeHeap) {

  public static ChaosScale current() {
    String name = System.getProperty("chaos.scale", "ci");
    ChaosScale scale = switch (name) {
      case "ci" -> new ChaosScale(name, 5_000, 100, 50, 500, 500, 20, 20, 32,
          Duration.ofSeconds(5), Duration.ofSeconds(90), "768m");
      case "full" -> new ChaosScale(name, 100_000, 500, 200, 1_000, 5_000, 100, 40, 64,
          Duration.ofSeconds(5), Duration.ofSeconds(300), "1536m");
      default -> throw new IllegalArgumentException("chaos.scale must be ci or full, got " + name);
    };
    String rate = System.getProperty("chaos.rate");
    return rate == null ? scale : scale.withRate(Integer.parseInt(rate));
  }

  private ChaosScale withRate(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("chaos.rate must be 1 or more, got " + perSecond);
    }
    return new ChaosScale(name, listings, products, shops, perSecond, leads, reps, repCapacity, leadConcurrency,
        restartDelay, settle, nodeHeap);
  }
}
