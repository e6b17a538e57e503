package actorcrm.chaos;

import actorcrm.Eventually;
import actorcrm.api.TestHttp;
import actorcrm.node.TestNodes;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A cluster of real ActorCrm node processes on this machine, each its own JVM started as an
 * operator would ({@code java -cp ... actorcrm.node.Main} with the README's environment variables),
 * on free loopback ports, one shared journal and the test's Kafka broker. A node can be killed with
 * SIGKILL, restarted on its own ports, or stopped with SIGTERM; every node still running when the
 * cluster is closed (or when the test JVM exits) is killed. Each node's stdout and stderr go to
 * {@code <dir>/node-<i>.log}, appended across restarts.
 */
public final class NodeCluster implements AutoCloseable {
  public static final String TOKEN = TestNodes.ADMIN_TOKEN;
  private static final Duration GRACEFUL = Duration.ofSeconds(30);
  /** What {@link Process#exitValue()} reports for a JVM ended by signal 9. */
  public static final int SIGKILL_EXIT = 128 + 9;

  /**
   * Where the nodes' journal lives: a database of this run's own on PostgreSQL when it answers on
   * 127.0.0.1:5432, else the shared H2 file of the embedded default; {@code -Dchaos.db=h2} forces H2.
   */
  public record Journal(String url, String description) {
    public static Journal fresh() {
      if (System.getProperty("chaos.db", "").equals("h2") || !TestNodes.postgresAnswers()) {
        return new Journal(null, "H2 (embedded default, shared file with AUTO_SERVER)");
      }
      return new Journal(TestNodes.freshPostgresDb("actorcrm_chaos"), "PostgreSQL 127.0.0.1:5432");
    }

    void drop() {
      if (url != null) {
        TestNodes.dropPostgresDb(url);
      }
    }
  }

  private final List<TestNodes.Ports> ports = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Path dir;
  private final Journal journal;
  private final String kafka;
  private final Map<String, String> properties;
  private final String heap;
  private final Duration startBound;
  private final Thread killer = new Thread(this::killAll, "chaos-node-killer");

  /**
   * {@code properties} are passed to every node as {@code -D} settings (topic names, which have no
   * environment variable); the scale gives the node JVM's heap and how long a start may take.
   */
  public NodeCluster(int size, Path dir, Journal journal, String kafkaBootstrap, Map<String, String> properties,
                     ChaosScale scale) {
    this.dir = dir;
    this.journal = journal;
    this.kafka = kafkaBootstrap;
    this.properties = Map.copyOf(properties);
    this.heap = scale.nodeHeap();
    this.startBound = scale.settle();
    for (int i = 0; i < size; i++) {
      ports.add(TestNodes.freePorts());
      processes.add(null);
    }
    Runtime.getRuntime().addShutdownHook(killer);
  }

  public int size() {
    return ports.size();
  }

  public TestHttp http(int node) {
    return new TestHttp(ports.get(node).http());
  }

  public int httpPort(int node) {
    return ports.get(node).http();
  }

  public Path log(int node) {
    return dir.resolve("node-" + node + ".log");
  }

  public Journal journal() {
    return journal;
  }

  /**
   * Starts every node and waits until each answers /health and the cluster shows them all Up. On H2
   * node 0 starts first, so it is the one serving the shared file (AUTO_SERVER) to the others.
   */
  public void startAll() {
    launch(0);
    if (journal.url() == null) {
      awaitHealthy(0);
    }
    for (int i = 1; i < size(); i++) {
      launch(i);
    }
    List<CompletableFuture<Void>> healthy = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      int node = i;
      healthy.add(CompletableFuture.runAsync(() -> awaitHealthy(node)));
    }
    healthy.forEach(CompletableFuture::join);
    awaitMembersUp(0, size());
  }

  /** Kills the node with SIGKILL (no shutdown hooks, no leaving), waits for it to be gone and returns its exit code. */
  public int kill(int node) {
    Process process = processes.get(node);
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node " + node + " (pid " + process.pid() + ") still alive 30 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    processes.set(node, null);
    return process.exitValue();
  }

  /** Starts a stopped or killed node again on its own ports and waits until it answers /health. */
  public void restart(int node) {
    if (processes.get(node) != null) {
      throw new IllegalStateException("node " + node + " is still running");
    }
    launch(node);
    awaitHealthy(node);
  }

  /** Stops the node with SIGTERM (coordinated shutdown: it leaves and hands its shards off); kills it if it hangs. */
  public int stop(int node) {
    Process process = processes.get(node);
    if (process == null) {
      return -1;
    }
    process.destroy();
    try {
      if (!process.waitFor(GRACEFUL.toSeconds(), TimeUnit.SECONDS)) {
        note(node, "did not stop within " + GRACEFUL + " of SIGTERM; killing it");
        return kill(node);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    processes.set(node, null);
    return process.exitValue();
  }

  /** Waits until {@code node}'s view of the cluster has {@code expected} members, every one Up. */
  public void awaitMembersUp(int node, int expected) {
    Eventually.await(startBound, () -> {
      var members = http(node).get("/api/cluster", TOKEN).json().get("members");
      assertEquals(expected, members.size(), members.toString());
      members.forEach(m -> assertEquals("up", m.get("status").asText(), members.toString()));
    });
  }

  /** Stops every running node with SIGTERM, then drops the run's database. */
  @Override
  public void close() {
    try {
      List<CompletableFuture<Integer>> stops = new ArrayList<>();
      for (int i = 0; i < size(); i++) {
        int node = i;
        stops.add(CompletableFuture.supplyAsync(() -> stop(node)));
      }
      stops.forEach(CompletableFuture::join);
    } finally {
      killAll();
      journal.drop();
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or has run: it kills the same processes
      }
    }
  }

  private void killAll() {
    for (Process process : processes) {
      if (process != null) {
        process.destroyForcibly();
      }
    }
  }

  private void awaitHealthy(int node) {
    Process process = processes.get(node);
    long deadline = System.nanoTime() + startBound.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("node " + node + " exited with " + process.exitValue() + " while starting; see " + log(node));
      }
      try {
        if (http(node).get("/health", null).status() == 200) {
          return;
        }
      } catch (AssertionError notYet) {
        // not listening yet
      }
      sleep(200);
    }
    throw new AssertionError("node " + node + " not healthy within " + startBound + "; see " + log(node));
  }

  private void launch(int node) {
    TestNodes.Ports p = ports.get(node);
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap,
        "-Dlogback.configurationFile=" + productionLogConfig()));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "actorcrm.node.Main"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log(node).toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("ACTORCRM_") || k.startsWith("KAFKA_"));
    env.putAll(environment(p));
    note(node, "starting on http " + p.http() + ", cluster " + p.cluster());
    try {
      processes.set(node, builder.start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start node " + node, e);
    }
  }

  private Map<String, String> environment(TestNodes.Ports p) {
    Map<String, String> env = new HashMap<>();
    env.put("ACTORCRM_HTTP_PORT", String.valueOf(p.http()));
    env.put("ACTORCRM_CLUSTER_PORT", String.valueOf(p.cluster()));
    env.put("ACTORCRM_MANAGEMENT_PORT", String.valueOf(p.management()));
    env.put("ACTORCRM_HOST", "127.0.0.1");
    env.put("ACTORCRM_SEED_NODES", ports.stream().map(TestNodes.Ports::seed).collect(Collectors.joining(",")));
    env.put("ACTORCRM_DATA_DIR", dir.resolve("data").toString());
    env.put("ACTORCRM_ADMIN_TOKEN", TOKEN);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
    if (journal.url() != null) {
      env.put("ACTORCRM_DB_URL", journal.url());
      env.put("ACTORCRM_DB_USER", "postgres");
      env.put("ACTORCRM_DB_PASSWORD", "");
    }
    return env;
  }

  private void note(int node, String what) {
    try {
      Files.writeString(log(node), "#### chaos " + Instant.now() + " node " + node + ": " + what + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  // The test classpath holds logback-test.xml, which only captures logs for JUnit; a node logs as in production.
  private static String productionLogConfig() {
    try {
      return Path.of(NodeCluster.class.getResource("/logback.xml").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
