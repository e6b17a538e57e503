package actorcrm.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Boots whole nodes in this JVM the way production does (Main.start), on free loopback ports. */
public final class TestNodes {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  private TestNodes() {}

  /** Ports for one node: cluster, http, management. */
  public record Ports(int cluster, int http, int management) {
    public String seed() {
      return "127.0.0.1:" + cluster;
    }
  }

  public static Ports freePorts() {
    return new Ports(freePort(), freePort(), freePort());
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh in-memory H2 database that lives as long as this JVM, shared by every node given its URL. */
  public static String memoryDb() {
    return "jdbc:h2:mem:actorcrm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  public static Config config(Ports ports, List<Ports> seeds, String dbUrl, Path dataDir) {
    return config(ports, seeds, dbUrl, dataDir, Map.of());
  }

  public static Config config(Ports ports, List<Ports> seeds, String dbUrl, Path dataDir, Map<String, Object> extra) {
    Map<String, Object> values = new java.util.HashMap<>(Map.of(
        "pekko.remote.artery.canonical.port", ports.cluster(),
        "actorcrm.http.port", ports.http(),
        "pekko.management.http.port", ports.management(),
        "actorcrm.seed-nodes", seeds.stream().map(Ports::seed).collect(Collectors.joining(",")),
        "actorcrm.db.url", dbUrl,
        "actorcrm.data-dir", dataDir.toString(),
        "actorcrm.http.admin-token", ADMIN_TOKEN,
        "pekko.coordinated-shutdown.exit-jvm", "off",
        "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
        "actorcrm.clock-offset", actorcrm.TestClock.YEAR_AHEAD.toSeconds() + "s"));
    values.putAll(extra);
    return ConfigFactory.parseMap(values);
  }

  /**
   * A new, empty PostgreSQL database on 127.0.0.1:5432 (user postgres, trust auth), so a test sees
   * no journal or read model of an earlier run. Returns its JDBC URL.
   */
  public static String freshPostgresDb() {
    return freshPostgresDb("actorcrm_test");
  }

  /** {@link #freshPostgresDb()} named {@code <prefix>_<random>}, so a run's database can be told apart. */
  public static String freshPostgresDb(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
         var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
    }
    return "jdbc:postgresql://127.0.0.1:5432/" + name;
  }

  /** Drops a database made by {@link #freshPostgresDb()}. */
  public static void dropPostgresDb(String url) {
    String name = url.substring(url.lastIndexOf('/') + 1);
    try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
         var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
    }
  }

  /** Starts a one-node cluster on an in-memory journal with {@code extra} settings and waits until /health says up. */
  public static Main.Node startSingle(Path dataDir, Map<String, Object> extra) {
    Main.Node node = Main.start(config(freePorts(), List.of(), memoryDb(), dataDir, extra));
    new actorcrm.api.TestHttp(node.httpPort()).awaitHealthy(java.time.Duration.ofSeconds(30));
    return node;
  }

  /** Nodes of one in-JVM cluster on one shared in-memory journal, in start order (the first is the seed). */
  public record TestCluster(List<Main.Node> nodes, List<Ports> ports, List<actorcrm.api.TestHttp> http) {
    public void stopAll() {
      nodes.forEach(n -> n.system().terminate());
      nodes.forEach(n -> n.system().getWhenTerminated().toCompletableFuture().join());
    }
  }

  /** Starts {@code size} nodes that form one cluster, and waits until all are healthy and every member is up. */
  public static TestCluster startCluster(int size, Path dataDir, Map<String, Object> extra) {
    String db = memoryDb();
    List<Ports> ports = new java.util.ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(freePorts());
    }
    List<Main.Node> nodes = new java.util.ArrayList<>();
    for (Ports p : ports) {
      nodes.add(Main.start(config(p, List.of(ports.get(0)), db, dataDir, extra)));
    }
    List<actorcrm.api.TestHttp> http = nodes.stream().map(n -> new actorcrm.api.TestHttp(n.httpPort())).toList();
    http.forEach(h -> h.awaitHealthy(java.time.Duration.ofSeconds(60)));
    actorcrm.Eventually.await(java.time.Duration.ofSeconds(60), () -> {
      var members = http.get(0).get("/api/cluster", ADMIN_TOKEN).json().get("members");
      org.junit.jupiter.api.Assertions.assertEquals(size, members.size(), members.toString());
      members.forEach(m -> org.junit.jupiter.api.Assertions.assertEquals("up", m.get("status").asText()));
    });
    return new TestCluster(new java.util.ArrayList<>(nodes), ports, http);
  }

  /** Stops a node the way SIGTERM does (coordinated shutdown: leave the cluster, hand shards off) and waits. */
  public static void stop(Main.Node node) {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  /** Whether a PostgreSQL server answers on 127.0.0.1:5432. */
  public static boolean postgresAnswers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
