package dev.capacity.testing;

import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A time source that tests move by hand: tests advance it and never sleep. Thread-safe. */
public final class MutableTimeSource implements TimeSource {
  private final Instant origin;
  private final AtomicReference<Instant> now;

  /**
   * A clock standing at an instant.
   *
   * @param start the initial instant
   */
  public MutableTimeSource(Instant start) {
    this.origin = start;
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  @Override
  public long nanoTime() {
    Duration d = Duration.between(origin, now.get());
    return d.toNanos();
  }

  /**
   * Moves the clock forward.
   *
   * @param d how far
   * @return the new instant
   */
  public Instant advance(Duration d) {
    return now.updateAndGet(t -> t.plus(d));
  }

  /**
   * Sets the clock.
   *
   * @param t the new instant
   */
  public void set(Instant t) {
    now.set(t);
  }
}
