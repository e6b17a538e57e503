package actorcrm.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Probes read routes under /api on the nodes that stay up, every {@code period}, as a dashboard
 * would, and counts what did not answer 200 (status, timeout, refused connection), per route. The
 * routes cycle, so each kind is asked about as often; {@code path} builds the n-th probe's path.
 * Probing runs from {@link #start()} to {@link #close()}.
 */
public final class Prober implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** One kind of probe: a name for the report and the path of its n-th request. */
  public record Route(String name, IntFunction<String> path) {}

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Integer> ports;
  private final List<Route> routes;
  private final Duration period;
  private final AtomicInteger sent = new AtomicInteger();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Map<String, String> firstFailure = new ConcurrentHashMap<>();
  private final AtomicLong failingSince = new AtomicLong(-1);
  private final AtomicLong longestOutageNanos = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  public Prober(List<Integer> ports, List<Route> routes, Duration period) {
    this.ports = List.copyOf(ports);
    this.routes = List.copyOf(routes);
    this.period = period;
    this.thread = new Thread(this::run, "chaos-prober");
    thread.setDaemon(true);
  }

  /** Starts probing (once the nodes are up: failures while they start are not news). */
  public void start() {
    thread.start();
  }

  public int sent() {
    return sent.get();
  }

  public int failed() {
    return failures.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Failures per route, with the first failure of each (for the report). */
  public Map<String, String> failuresByRoute() {
    Map<String, String> out = new TreeMap<>();
    failures.forEach((route, n) -> out.put(route, n.get() + " (first: " + firstFailure.get(route) + ")"));
    return out;
  }

  /** The longest stretch from a failed probe to the next probe that answered. */
  public Duration longestOutage() {
    return Duration.ofNanos(longestOutageNanos.get());
  }

  private void run() {
    int n = 0;
    while (running) {
      long start = System.nanoTime();
      Route route = routes.get(n % routes.size());
      int port = ports.get((n / routes.size()) % ports.size());
      probe(route, port, route.path().apply(n / routes.size()));
      n++;
      long rest = period.toNanos() - (System.nanoTime() - start);
      if (rest > 0) {
        try {
          Thread.sleep(rest / 1_000_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void probe(Route route, int port, String path) {
    sent.incrementAndGet();
    String problem;
    long at = System.nanoTime();
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT)
          .header("Authorization", "Bearer " + NodeCluster.TOKEN).GET().build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      problem = response.statusCode() == 200 ? null
          : response.statusCode() + " " + abbreviate(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      problem = e.getClass().getSimpleName() + " " + e.getMessage();
    }
    if (problem == null) {
      long since = failingSince.getAndSet(-1);
      if (since >= 0) {
        longestOutageNanos.accumulateAndGet(System.nanoTime() - since, Math::max);
      }
      return;
    }
    failingSince.compareAndSet(-1, at);
    failures.computeIfAbsent(route.name(), k -> new AtomicInteger()).incrementAndGet();
    firstFailure.putIfAbsent(route.name(), ":" + port + path + " -> " + problem);
  }

  private static String abbreviate(String body) {
    return body.length() <= 160 ? body : body.substring(0, 160) + "…";
  }

  /** Stops probing; the counts stay readable. Idempotent. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    if (!thread.isAlive()) {
      return;
    }
    thread.interrupt();
    try {
      thread.join(TIMEOUT.toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long since = failingSince.get();
    if (since >= 0) {
      longestOutageNanos.accumulateAndGet(System.nanoTime() - since, Math::max);
    }
  }
}
