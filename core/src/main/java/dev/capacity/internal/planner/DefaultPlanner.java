package dev.capacity.internal.planner;

import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.spi.TimeSource;

/** The planner (being written: see issue 3). */
public final class DefaultPlanner implements Planner {
  private final TimeSource time;

  /**
   * Creates a planner.
   *
   * @param time the time source
   */
  public DefaultPlanner(TimeSource time) {
    this.time = time;
  }

  @Override
  public Quote quote(QuoteRequest request) {
    throw new UnsupportedOperationException("planner not yet implemented " + time);
  }
}
