package actorcrm.bench;

import actorcrm.api.TestHttp;
import actorcrm.node.Main;
import actorcrm.node.TestNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long {@code POST /api/reference-prices} takes for tables of growing size on one node with
 * the embedded H2 file journal, and what it answers. Each size is imported twice: new products,
 * then the same products with new floors (every row journals again). Args: comma list of row counts.
 */
public final class ReferenceImportBench {
  public static void main(String[] args) throws Exception {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "500,5000").split(",")).mapToInt(Integer::parseInt).toArray();
    Path dataDir = Files.createTempDirectory("actorcrm-bench");
    String db = "jdbc:h2:file:" + dataDir.resolve("journal") + ";AUTO_SERVER=TRUE";
    Main.Node node = Main.start(TestNodes.config(TestNodes.freePorts(), List.of(), db, dataDir, Map.of()));
    try {
      TestHttp http = new TestHttp(node.httpPort(), Duration.ofMinutes(10));
      http.awaitHealthy(Duration.ofSeconds(60));
      http.post("/api/reference-prices", TestNodes.ADMIN_TOKEN, table("warmup", 200, 180));
      for (int rows : sizes) {
        for (int floor : new int[] {180, 170}) {
          long start = System.nanoTime();
          TestHttp.Reply reply = http.post("/api/reference-prices", TestNodes.ADMIN_TOKEN, table("b" + rows, rows, floor));
          double seconds = (System.nanoTime() - start) / 1e9;
          String body = reply.body().length() > 160 ? reply.body().substring(0, 160) + "..." : reply.body();
          System.out.printf("%,d rows (floor %d): %.2f s, HTTP %d, %s%n", rows, floor, seconds, reply.status(),
              body.replace('\n', ' '));
        }
      }
    } finally {
      node.system().terminate();
      node.system().getWhenTerminated().toCompletableFuture().join();
    }
  }

  private static String table(String prefix, int rows, int floor) {
    StringBuilder csv = new StringBuilder("product,size,list_price,floor\n");
    for (int i = 0; i < rows; i++) {
      csv.append(prefix).append("-精华油").append(i).append(",125ml,200,").append(floor).append('\n');
    }
    return csv.toString();
  }
}
