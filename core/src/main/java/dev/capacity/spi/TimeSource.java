package dev.capacity.spi;

import java.time.Instant;
import java.util.Objects;

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

  /**
   * A clock that reads {@code start} now and runs at real speed from there, with {@link
   * System#nanoTime()} as its ticker: for replaying a day's bookings as if it were that day (the
   * command-line program and the load benchmark).
   *
   * @param start the instant the clock reads when created
   * @return the time source
   * @throws NullPointerException if start is null
   */
  static TimeSource runningFrom(Instant start) {
    Objects.requireNonNull(start, "start");
    long t0 = System.nanoTime();
    return new TimeSource() {
      @Override
      public Instant now() {
        return start.plusNanos(System.nanoTime() - t0);
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public String toString() {
        return "TimeSource.runningFrom(" + start + ")";
      }
    };
  }
}
