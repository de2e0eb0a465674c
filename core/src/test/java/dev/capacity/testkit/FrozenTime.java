package dev.capacity.testkit;

import dev.capacity.spi.TimeSource;
import java.time.Instant;

/**
 * A time source that never moves: a planner given it never runs out of search budget, so tests of
 * what it finds do not depend on how loaded the machine is.
 */
public final class FrozenTime implements TimeSource {
  private final Instant now;

  /**
   * A frozen time source.
   *
   * @param now the instant it always reports
   */
  public FrozenTime(Instant now) {
    this.now = now;
  }

  /**
   * A planner that never runs out of budget.
   *
   * @return the planner
   */
  public static dev.capacity.Planner planner() {
    return dev.capacity.Planner.create(new FrozenTime(Instant.EPOCH));
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public long nanoTime() {
    return 0;
  }
}
