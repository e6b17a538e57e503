package actorcrm.dispatch;

import java.util.HashMap;
import java.util.Map;

/**
 * A dispatcher's memory for breaking ties between reps with the same load ratio: a logical clock,
 * the clock value of each rep's last assignment, and the state of a seeded random generator used
 * only when tied reps have never been served. Immutable; every routing decision returns the next
 * one, which the dispatcher keeps (and may persist) so decisions replay identically.
 *
 * <p>The tie goes to the rep served least recently. That is a position in a line, not a credit
 * that grows with time, so a rep back from away has nothing to catch up on: it wins at most the
 * next tie and then goes to the back like anyone else.
 */
public record FairnessState(long clock, Map<String, Long> lastServed, long rngState) {

  public static final long NEVER = -1L;

  public FairnessState {
    lastServed = lastServed == null ? Map.of() : Map.copyOf(lastServed);
  }

  public static FairnessState seeded(long seed) {
    return new FairnessState(0L, Map.of(), seed);
  }

  public long lastServedOf(String repId) {
    return lastServed.getOrDefault(repId, NEVER);
  }

  public FairnessState served(String repId) {
    Map<String, Long> next = new HashMap<>(lastServed);
    next.put(repId, clock + 1);
    return new FairnessState(clock + 1, next, rngState);
  }

  /** Drops a rep that left the team, so the state does not grow with staff turnover. */
  public FairnessState forget(String repId) {
    if (!lastServed.containsKey(repId)) {
      return this;
    }
    Map<String, Long> next = new HashMap<>(lastServed);
    next.remove(repId);
    return new FairnessState(clock, next, rngState);
  }

  /** Draws an index in [0, bound) and returns it with the advanced state. */
  Draw draw(int bound) {
    // SplitMix64: a pure function of the state, so the same seed replays the same picks.
    long next = rngState + 0x9E3779B97F4A7C15L;
    long z = next;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    int index = (int) Long.remainderUnsigned(z, bound);
    return new Draw(index, new FairnessState(clock, lastServed, next));
  }

  record Draw(int index, FairnessState next) {}
}
