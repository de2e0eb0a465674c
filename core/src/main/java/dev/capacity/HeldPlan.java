package dev.capacity;

import java.util.Objects;

/**
 * The result of a successful quote-and-hold: the hold, the plan it holds and the quote it came
 * from.
 *
 * @param hold the live hold
 * @param plan the plan held
 * @param quote the quote whose ranked plans were tried in order
 * @param plansTried how many plans were tried (1 when the best plan was held)
 */
public record HeldPlan(Hold hold, PlanOption plan, Quote quote, int plansTried) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public HeldPlan {
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(quote, "quote");
  }
}
