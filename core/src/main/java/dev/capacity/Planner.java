package dev.capacity;

import dev.capacity.spi.TimeSource;

/**
 * Finds and ranks the plans that can seat a booking now: a pure function of the floor plan, policy,
 * occupancy and request (it writes nothing). Unit catalogs are cached per floor-plan and policy
 * version, with sizes and lifetimes from the policy.
 *
 * <p>A request's {@link QuoteRequest#knownUnassigned() known bookings} may include the booking
 * being quoted (the built-in service passes its store's list of unseated bookings as it is): an
 * implementation must skip it, so that a booking never competes with itself in the lookahead.
 *
 * <p>Implementations are thread-safe.
 */
public interface Planner {
  /**
   * Quotes a booking.
   *
   * @param request what to quote
   * @return the ranked plans or the reason there are none; never throws for a booking that cannot
   *     be seated
   * @throws NullPointerException if the request is null
   */
  Quote quote(QuoteRequest request);

  /**
   * A planner whose search budget is measured by the system ticker.
   *
   * @return a new planner
   */
  static Planner create() {
    return create(TimeSource.system());
  }

  /**
   * A planner whose search budget is measured by a given time source.
   *
   * @param time the time source (its {@link TimeSource#nanoTime()} measures budgets)
   * @return a new planner
   */
  static Planner create(TimeSource time) {
    return new dev.capacity.internal.planner.DefaultPlanner(time);
  }
}
