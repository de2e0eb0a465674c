package dev.capacity.internal.assign;

import dev.capacity.spi.Sleeper;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * When work on a booking must stop (a run cancelled, a deadline or budget passed, the thread
 * interrupted), and how it waits between attempts. Thread-safe.
 */
final class Control {
  private final TimeSource time;
  private final Sleeper sleeper;
  private final boolean hasDeadline;
  private final long deadlineNanos;
  private final @Nullable CountDownLatch cancelSignal;

  /**
   * @param time the ticker deadlines are measured by
   * @param sleeper how to wait
   * @param deadlineNanos the ticker reading at which work stops, when {@code hasDeadline}
   * @param hasDeadline whether there is a deadline
   * @param cancelSignal counted down when a run is cancelled, or null for inline work
   */
  Control(
      TimeSource time,
      Sleeper sleeper,
      long deadlineNanos,
      boolean hasDeadline,
      @Nullable CountDownLatch cancelSignal) {
    this.time = time;
    this.sleeper = sleeper;
    this.deadlineNanos = deadlineNanos;
    this.hasDeadline = hasDeadline;
    this.cancelSignal = cancelSignal;
  }

  /** Whether work must stop now. */
  boolean stopped() {
    return cancelled() || remainingNanos() <= 0 || Thread.currentThread().isInterrupted();
  }

  /** Whether the run was cancelled. */
  boolean cancelled() {
    CountDownLatch c = cancelSignal;
    return c != null && c.getCount() == 0;
  }

  /** Nanoseconds left before the deadline; {@link Long#MAX_VALUE} without one. */
  long remainingNanos() {
    return hasDeadline ? deadlineNanos - time.nanoTime() : Long.MAX_VALUE;
  }

  /**
   * Waits before the next attempt.
   *
   * @param nanos how long
   * @return true to go on; false when the work must stop (the wait would pass the deadline, the run
   *     was cancelled, or the thread was interrupted)
   */
  boolean pause(long nanos) {
    if (nanos >= remainingNanos()) {
      return false;
    }
    if (nanos > 0) {
      try {
        CountDownLatch c = cancelSignal;
        if (sleeper == Sleeper.system() && c != null) {
          if (c.await(nanos, TimeUnit.NANOSECONDS)) {
            return false;
          }
        } else {
          sleeper.sleep(Duration.ofNanos(nanos));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !stopped();
  }
}
