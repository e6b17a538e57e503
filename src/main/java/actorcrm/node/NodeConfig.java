package actorcrm.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a node's configuration: hocon/application.conf with its ${?ENV} overrides, plus the values
 * that depend on others — the journal URL, Slick profile and JDBC driver follow ACTORCRM_DB_URL, and
 * the seed nodes follow ACTORCRM_SEED_NODES (default: the node itself).
 */
public final class NodeConfig {
  public static final String SYSTEM_NAME = "ActorCrm";

  private NodeConfig() {}

  /** The configuration a node runs with; {@code overrides} wins over files and environment. */
  public static Config load(Config overrides) {
    Config firstPass = stack(overrides).resolve();
    Map<String, Object> derived = new HashMap<>();

    String url = firstPass.getString("actorcrm.db.url");
    if (url.isBlank()) {
      Path dataDir = Path.of(firstPass.getString("actorcrm.data-dir")).toAbsolutePath().normalize();
      url = "jdbc:h2:file:" + dataDir.resolve("journal") + ";AUTO_SERVER=TRUE";
      derived.put("actorcrm.db.url", url);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      derived.put("actorcrm.db.profile", "slick.jdbc.PostgresProfile$");
      derived.put("actorcrm.db.driver", "org.postgresql.Driver");
      derived.put("actorcrm.db.projection-dialect", "postgres-dialect");
    } else if (url.startsWith("jdbc:h2:")) {
      derived.put("actorcrm.db.profile", "slick.jdbc.H2Profile$");
      derived.put("actorcrm.db.driver", "org.h2.Driver");
      derived.put("actorcrm.db.projection-dialect", "h2-dialect");
    } else {
      throw new IllegalArgumentException(
          "ACTORCRM_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL, got: " + url);
    }

    if (firstPass.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      String seeds = firstPass.getString("actorcrm.seed-nodes");
      List<String> addresses = new ArrayList<>();
      if (seeds.isBlank()) {
        addresses.add(address(firstPass.getString("pekko.remote.artery.canonical.hostname"),
            firstPass.getString("pekko.remote.artery.canonical.port")));
      } else {
        for (String hostPort : Arrays.stream(seeds.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
          int colon = hostPort.lastIndexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("ACTORCRM_SEED_NODES entries must be host:port, got: " + hostPort);
          }
          addresses.add(address(hostPort.substring(0, colon), hostPort.substring(colon + 1)));
        }
      }
      derived.put("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(addresses));
    }
    return ConfigFactory.parseMap(derived).withFallback(stack(overrides)).resolve();
  }

  private static Config stack(Config overrides) {
    return ConfigFactory.defaultOverrides()
        .withFallback(overrides)
        .withFallback(ConfigFactory.parseResourcesAnySyntax("application"))
        .withFallback(ConfigFactory.defaultReference());
  }

  private static String address(String host, String port) {
    return "pekko://" + SYSTEM_NAME + "@" + host + ":" + port;
  }
}
