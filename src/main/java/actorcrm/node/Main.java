package actorcrm.node;

import actorcrm.api.HttpApi;
import actorcrm.api.NodeRoutes;
import actorcrm.api.RepRoutes;
import actorcrm.api.Tokens;
import actorcrm.pricing.ProductEntity;
import actorcrm.sales.RepEntity;
import actorcrm.shop.ShopEntity;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Boots one ActorCrm node: schema, actor system, sharded entities, management and the HTTP API. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  /** A running node, as tests and operators see it. */
  public record Node(ActorSystem<Void> system, ServerBinding http, String adminToken) {
    public int httpPort() {
      return http.localAddress().getPort();
    }
  }

  private Main() {}

  public static void main(String[] args) {
    try {
      Node node = start(ConfigFactory.empty());
      log.info("ActorCrm node up: http {} cluster {}", node.http().localAddress(),
          node.system().address());
    } catch (RuntimeException e) {
      log.error("ActorCrm node failed to start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /** Starts a node whose configuration is {@code overrides} over the files and the environment. */
  public static Node start(Config overrides) {
    Config config = NodeConfig.load(overrides);
    JournalSchema.apply(DbSettings.from(config));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM_NAME, config);
    try {
      return init(system);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /** Wires one node onto {@code system}: the same for production and for in-JVM cluster tests. */
  public static Node init(ActorSystem<Void> system) {
    Config config = system.settings().config();
    EntitySettings entities = EntitySettings.from(config);
    ProductEntity.init(system, entities);
    ShopEntity.init(system, entities);
    RepEntity.init(system, entities);

    PekkoManagement.get(system).start().toCompletableFuture().join();

    String adminToken = AdminToken.resolve(config.getString("actorcrm.http.admin-token"),
        Path.of(config.getString("actorcrm.data-dir")));
    Tokens tokens = new Tokens(adminToken);
    List<EntityKind<?, ?>> kinds = List.of(
        new EntityKind<>(ProductEntity.ENTITY_TYPE_KEY, ProductEntity.Get::new, ProductEntity.State::known),
        new EntityKind<>(ShopEntity.ENTITY_TYPE_KEY, ShopEntity.Get::new, ShopEntity.State::known),
        new EntityKind<>(RepEntity.ENTITY_TYPE_KEY, RepEntity.Get::new, RepEntity.State::known));
    ClusterView view = new ClusterView(system, config.getDuration("actorcrm.http.shard-query-timeout"));
    Duration askTimeout = entities.askTimeout();
    HttpApi api = new HttpApi(tokens,
        new NodeRoutes(system, tokens, view, new Readiness(system, ProductEntity.ENTITY_TYPE_KEY), kinds, askTimeout),
        new RepRoutes(system, tokens, askTimeout));
    ServerBinding binding = api.bind(system, config.getString("actorcrm.http.host"), config.getInt("actorcrm.http.port"))
        .toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    return new Node(system, binding, adminToken);
  }
}
