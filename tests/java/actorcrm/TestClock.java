package actorcrm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test controls: it stands still at the instant it was set to and moves only when the
 * test advances it. {@link #AHEAD} is the clock of every test node and entity that needs no
 * particular instant: it runs a year ahead of the machine, so a test that mixes the product's time
 * with today's date (a fixed instant written on the day, or the test's own {@code Instant.now()})
 * fails on the day it is written instead of a few days later.
 */
public final class TestClock extends Clock {
  public static final Duration YEAR_AHEAD = Duration.ofDays(366);
  public static final Clock AHEAD = Clock.offset(Clock.systemUTC(), YEAR_AHEAD);

  private final AtomicReference<Instant> now;

  private TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public static TestClock at(Instant start) {
    return new TestClock(start);
  }

  public void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  public void set(Instant to) {
    now.set(to);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock is UTC");
  }
}
