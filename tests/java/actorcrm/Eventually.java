package actorcrm;

import java.time.Duration;

/** Retries an assertion until it holds or the time is up, for effects that arrive through projections. */
public final class Eventually {
  private Eventually() {}

  public static void await(Duration timeout, Runnable assertion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        // A read model not written yet can also show up as a missing field (NPE on a JSON path).
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
