package actorcrm.api;

import actorcrm.node.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The enforcement scenario on the embedded default's H2. */
class EnforcementOnH2Test extends EnforcementScenario {
  @TempDir
  static Path dataDir;

  @BeforeAll
  static void startNode() {
    start(TestNodes.memoryDb(), dataDir, Map.of());
  }

  @AfterAll
  static void stopNode() {
    stop();
  }
}
