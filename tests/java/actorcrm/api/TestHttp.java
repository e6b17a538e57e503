package actorcrm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client against a node under test, as curl would talk to it. */
public final class TestHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public record Reply(int status, String body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  private final int port;
  private final Duration timeout;

  public TestHttp(int port) {
    this(port, Duration.ofSeconds(20));
  }

  /** A client that waits up to {@code timeout} for each answer. */
  public TestHttp(int port, Duration timeout) {
    this.port = port;
    this.timeout = timeout;
  }

  public Reply get(String path, String token) {
    return send(builder(path, token).GET(), "");
  }

  public Reply post(String path, String token, String body) {
    return send(builder(path, token).POST(HttpRequest.BodyPublishers.ofString(body)), body);
  }

  /** Posts raw bytes, as {@code curl --data-binary @file} sends a file in whatever encoding it was saved. */
  public Reply postBytes(String path, String token, byte[] body) {
    return send(builder(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body)), "");
  }

  public Reply put(String path, String token, String body) {
    return send(builder(path, token).PUT(HttpRequest.BodyPublishers.ofString(body)), body);
  }

  private HttpRequest.Builder builder(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(timeout)
        .header("Content-Type", "application/json");
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private Reply send(HttpRequest.Builder builder, String body) {
    try {
      HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Polls /health until it answers 200, or fails after {@code timeout}. */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Reply last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = get("/health", null);
        if (last.status() == 200) {
          return;
        }
      } catch (AssertionError notYet) {
        last = new Reply(-1, notYet.getMessage());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("node on port " + port + " not healthy within " + timeout + ", last: " + last);
  }
}
