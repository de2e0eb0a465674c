package dev.capacity;

import java.util.List;
import java.util.Objects;

/**
 * What a planner did with a scenario: the model form of a {@code capacity-result/1} document.
 *
 * @param scenario the scenario's name
 * @param mode what the planner knew and promised
 * @param assignments the seated bookings
 * @param unassigned the refused bookings with reasons
 * @param metrics the metrics
 */
public record SeatingResult(
    String scenario,
    ResultMode mode,
    List<Assignment> assignments,
    List<Unassigned> unassigned,
    ResultMetrics metrics) {
  /**
   * Copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public SeatingResult {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(mode, "mode");
    assignments = List.copyOf(assignments);
    unassigned = List.copyOf(unassigned);
    Objects.requireNonNull(metrics, "metrics");
  }
}
