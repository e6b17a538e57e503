package actorcrm.ingest;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One real single-node Apache Kafka (KRaft, combined broker+controller) inside the test JVM,
 * started through Kafka's own {@link KafkaClusterTestKit} and shared by every test class of the run.
 *
 * <p>Use it either as a JUnit 5 extension, which starts the broker before the class and injects it
 * into test/lifecycle method parameters of type {@code KafkaBroker}:
 * <pre>{@code
 * @ExtendWith(KafkaBroker.Extension.class)
 * class MyTest {
 *   @Test void t(KafkaBroker kafka) { kafka.createTopic("t", 3); ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 * or directly with {@link #get()}. The first caller pays the start-up; the broker is closed (and its
 * log dirs deleted) when JUnit closes its root store at the end of the run, or else by a JVM
 * shutdown hook.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static KafkaBroker instance;

  private final KafkaClusterTestKit cluster;
  private final Admin admin;
  private final Duration startupTime;
  private final Thread shutdownHook;
  private boolean closed;

  /** The shared broker, started (and waited for) on first use. */
  public static synchronized KafkaBroker get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /** Host:port list for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** How long {@link #get()} took to build, format, start and await the broker (for reporting). */
  public Duration startupTime() {
    return startupTime;
  }

  /** Sends each value to {@code topic} (no key, timestamp {@code timestampMillis}) and waits until the broker has it. */
  public void produce(String topic, List<byte[]> values, long timestampMillis) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, null, timestampMillis, null, value)).get();
      }
    }
  }

  /** An admin client on the broker, shared: do not close it. */
  public Admin admin() {
    return admin;
  }

  /**
   * Creates a topic (replication factor 1) and waits until the creation completes and every
   * partition has a leader. Fails if the topic exists already.
   */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** {@link #createTopic(String, int)} with topic configs, e.g. {@code cleanup.policy=compact}. */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
    await(admin.createTopics(List.of(topic)).all(), "create topic " + name);
    // The controller has committed the topic; wait until the broker's metadata shows all leaders
    // so a producer or consumer started right away does not race the metadata propagation.
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        var description = admin.describeTopics(Set.of(name)).allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
        if (description.partitions().size() == partitions
            && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("describe topic " + name, e.getCause());
        }
      } catch (Exception e) {
        throw new IllegalStateException("describe topic " + name, e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + name + " has no leaders after " + ADMIN_TIMEOUT);
      }
      sleep(20);
    }
  }

  /** Like {@link #createTopic(String, int)}, but a topic that exists already is fine. */
  public void createTopicIfMissing(String name, int partitions) {
    try {
      createTopic(name, partitions);
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof TopicExistsException)) throw e;
    }
  }

  /** Stops the broker and deletes its directories; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    synchronized (KafkaBroker.class) {
      if (instance == this) instance = null; // a later get() starts a fresh broker
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // called from the hook itself
    }
    admin.close(Duration.ofSeconds(5));
    try {
      cluster.close(); // shuts the broker and controller down and deletes the base directory
    } catch (Exception e) {
      throw new IllegalStateException("closing the Kafka broker", e);
    }
  }

  private static KafkaBroker start() {
    long t0 = System.nanoTime();
    KafkaClusterTestKit cluster = null;
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .build();
      cluster = new KafkaClusterTestKit.Builder(nodes)
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("offsets.topic.num.partitions", "5")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("transaction.state.log.num.partitions", "5")
          .setConfigProp("min.insync.replicas", "1")
          .setConfigProp("default.replication.factor", "1")
          .setConfigProp("num.partitions", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("auto.create.topics.enable", "true")
          .setConfigProp("log.segment.bytes", String.valueOf(8 * 1024 * 1024))
          .setConfigProp("log.index.size.max.bytes", String.valueOf(1024 * 1024))
          .setConfigProp("num.network.threads", "2")
          .setConfigProp("num.io.threads", "2")
          .setConfigProp("background.threads", "2")
          .setConfigProp("log.cleaner.threads", "1")
          .setConfigProp("num.recovery.threads.per.data.dir", "1")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      Properties adminProps = new Properties();
      adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      Admin admin = Admin.create(adminProps);
      // Ready means: the broker answers an admin request with itself in the cluster.
      await(admin.describeCluster().nodes(), "describe cluster");
      KafkaBroker broker = new KafkaBroker(cluster, admin, Duration.ofNanos(System.nanoTime() - t0));
      System.out.printf("Kafka 3.9 KRaft broker started in %d ms on %s%n",
          broker.startupTime.toMillis(), broker.bootstrapServers());
      return broker;
    } catch (Exception e) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new IllegalStateException("starting the Kafka broker", e);
    }
  }

  private KafkaBroker(KafkaClusterTestKit cluster, Admin admin, Duration startupTime) {
    this.cluster = cluster;
    this.admin = admin;
    this.startupTime = startupTime;
    this.shutdownHook = new Thread(this::close, "kafka-broker-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
    try {
      return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what, e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(what, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * JUnit 5 extension: starts the shared broker before the test class, injects it into parameters
   * of type {@link KafkaBroker}, and closes it when the whole run ends (root store).
   */
  public static final class Extension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
      broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return broker(context);
    }

    private static KafkaBroker broker(ExtensionContext context) {
      KafkaBroker broker = get();
      context.getRoot().getStore(ExtensionContext.Namespace.create(KafkaBroker.class))
          .getOrComputeIfAbsent("broker", key -> new Closer(broker), Closer.class);
      return broker;
    }
  }

  private record Closer(KafkaBroker broker) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      broker.close();
    }
  }
}
