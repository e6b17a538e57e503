package actorcrm.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeConfigTest {
  @Test
  void embeddedDefaultIsASharedH2FileUnderTheDataDir() {
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of("actorcrm.data-dir", "/var/lib/actorcrm")));
    assertEquals("jdbc:h2:file:/var/lib/actorcrm/journal;AUTO_SERVER=TRUE",
        config.getString("pekko-persistence-jdbc.shared-databases.slick.db.url"));
    assertEquals("slick.jdbc.H2Profile$", config.getString("pekko-persistence-jdbc.shared-databases.slick.profile"));
  }

  @Test
  void postgresUrlSwitchesProfileAndDriver() {
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of(
        "actorcrm.db.url", "jdbc:postgresql://db:5432/actorcrm", "actorcrm.db.user", "crm")));
    assertEquals("slick.jdbc.PostgresProfile$", config.getString("pekko-persistence-jdbc.shared-databases.slick.profile"));
    assertEquals("org.postgresql.Driver", config.getString("pekko-persistence-jdbc.shared-databases.slick.db.driver"));
    assertEquals("crm", config.getString("pekko-persistence-jdbc.shared-databases.slick.db.user"));
  }

  @Test
  void seedNodesDefaultToTheNodeItself() {
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of("pekko.remote.artery.canonical.port", 25599)));
    assertEquals(List.of("pekko://ActorCrm@127.0.0.1:25599"), config.getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void seedNodesComeFromTheHostPortList() {
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of("actorcrm.seed-nodes", "10.0.0.1:25520, 10.0.0.2:25520")));
    assertEquals(List.of("pekko://ActorCrm@10.0.0.1:25520", "pekko://ActorCrm@10.0.0.2:25520"),
        config.getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void unsupportedDatabaseUrlIsRefusedNamingTheUrl() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> NodeConfig.load(ConfigFactory.parseMap(Map.of("actorcrm.db.url", "jdbc:mysql://db/crm"))));
    assertTrue(e.getMessage().contains("jdbc:mysql://db/crm"));
  }

  @Test
  void splitBrainResolverKeepsTheMajority() {
    Config config = NodeConfig.load(ConfigFactory.empty());
    assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
        config.getString("pekko.cluster.downing-provider-class"));
    assertEquals("keep-majority", config.getString("pekko.cluster.split-brain-resolver.active-strategy"));
  }
}
