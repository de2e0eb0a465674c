package dev.capacity.spi;

import java.time.Instant;

/**
 * The source of time for everything the library does: the wall clock for expiry and history, and a
 * monotonic ticker for budgets and durations. Tests inject a controllable one and never sleep.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TimeSource {
  /**
   * The current instant.
   *
   * @return now
   */
  Instant now();

  /**
   * A monotonic reading in nanoseconds, only meaningful as a difference.
   *
   * @return the ticker's reading
   */
  long nanoTime();

  /**
   * The system clock and {@link System#nanoTime()}.
   *
   * @return the system time source
   */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
