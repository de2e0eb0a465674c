package dev.capacity.testing;

import dev.capacity.spi.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sleeper that never sleeps: it moves a {@link MutableTimeSource} forward by the requested time
 * and records each wait, so tests of backoff and deadlines run instantly. An optional action runs
 * after each wait (e.g. to change the world between attempts). Thread-safe.
 */
public final class AdvancingSleeper implements Sleeper {
  private final MutableTimeSource clock;
  private final List<Duration> waits = new ArrayList<>();
  private volatile Runnable afterEach = () -> {};

  /**
   * A sleeper over a clock.
   *
   * @param clock the clock to move
   */
  public AdvancingSleeper(MutableTimeSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (this) {
      waits.add(duration);
    }
    clock.advance(duration);
    afterEach.run();
  }

  /**
   * Sets an action to run after each wait.
   *
   * @param action the action
   * @return this sleeper
   */
  public AdvancingSleeper afterEach(Runnable action) {
    this.afterEach = Objects.requireNonNull(action, "action");
    return this;
  }

  /**
   * The waits so far, in order.
   *
   * @return a copy
   */
  public synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }
}
