package actorcrm.api;

import actorcrm.node.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The enforcement scenario on PostgreSQL (violation history and shop records included), in a database of its own. */
class EnforcementOnPostgresTest extends EnforcementScenario {
  @TempDir
  static Path dataDir;
  static String dbUrl;

  @BeforeAll
  static void startNode() {
    Assumptions.assumeTrue(TestNodes.postgresAnswers(),
        "PostgreSQL does not answer on 127.0.0.1:5432, so the PostgreSQL enforcement scenario is skipped");
    dbUrl = TestNodes.freshPostgresDb();
    start(dbUrl, dataDir, Map.of("actorcrm.db.user", "postgres"));
  }

  @AfterAll
  static void stopNode() {
    if (dbUrl != null) {
      stop();
      TestNodes.dropPostgresDb(dbUrl);
    }
  }
}
