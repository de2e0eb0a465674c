package dev.capacity.spi;

import java.time.Duration;

/**
 * Waits for a while: the auto-assign runner's backoff between attempts goes through it, so tests
 * inject one that advances their clock instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for a duration, or less when interrupted.
   *
   * @param duration how long, positive
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real sleeper: {@link Thread#sleep(long, int)}. The auto-assign runner recognises it and
   * also wakes at once when its run is cancelled.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }
}
