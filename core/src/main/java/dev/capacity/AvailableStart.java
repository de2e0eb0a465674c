package dev.capacity;

import java.util.Objects;

/**
 * One start time at which a party can be seated now, with the plan it would get.
 *
 * @param window the window a booking starting then would have
 * @param plan the best plan the planner offers for it
 */
public record AvailableStart(BookingWindow window, PlanOption plan) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public AvailableStart {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(plan, "plan");
  }

  /**
   * The start time.
   *
   * @return the window's start
   */
  public java.time.Instant start() {
    return window.start();
  }
}
