package actorcrm.chaos;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a cluster to reach a state and says how long that took, for the report. */
public final class Converge {
  private Converge() {}

  /**
   * Polls {@code reached} every 250 ms until it holds and returns the time since {@code sinceNanos}
   * ({@link System#nanoTime()}); null when it did not hold within {@code bound}. A poll that throws
   * (a node not answering yet) counts as not reached.
   */
  public static Duration within(Duration bound, long sinceNanos, BooleanSupplier reached) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      boolean done;
      try {
        done = reached.getAsBoolean();
      } catch (RuntimeException | AssertionError notYet) {
        done = false;
      }
      if (done) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
