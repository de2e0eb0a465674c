package dev.capacity;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The planner's answer for one booking: the ranked plans that can seat it now, or the reason none
 * can, with diagnostics.
 *
 * @param booking the booking id
 * @param window the booking's window, or null when it has none (outside service, no turn time)
 * @param plans the plans, best first; empty when refused
 * @param refusal why no plan is offered, or null when {@code plans} is not empty
 * @param diagnostics how the search went
 */
public record Quote(
    String booking,
    @Nullable BookingWindow window,
    List<PlanOption> plans,
    @Nullable Reason refusal,
    SearchDiagnostics diagnostics) {
  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if plans and refusal are both present or both absent
   */
  public Quote {
    Objects.requireNonNull(booking, "booking");
    plans = List.copyOf(plans);
    Objects.requireNonNull(diagnostics, "diagnostics");
    if (plans.isEmpty() == (refusal == null)) {
      throw new IllegalArgumentException("a quote has plans or a refusal, not both or neither");
    }
  }

  /**
   * The best plan.
   *
   * @return the first plan, or null when refused
   */
  public @Nullable PlanOption best() {
    return plans.isEmpty() ? null : plans.get(0);
  }
}
