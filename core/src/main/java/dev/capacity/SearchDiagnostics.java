package dev.capacity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a quote searched (pitfall P2.10: a search cut off is never silent).
 *
 * @param complete whether the whole space of units was searched
 * @param usedCatalog whether a precomputed unit catalog was scanned (false: bounded search)
 * @param unitsExamined units looked at
 * @param rejections units passed over, counted by reason
 * @param elapsedNanos time spent, by the planner's ticker
 * @param lookaheadBookings known bookings the lookahead checked
 * @param penalisedPlanChosen whether the best plan carries a soft-lookahead penalty
 */
public record SearchDiagnostics(
    boolean complete,
    boolean usedCatalog,
    long unitsExamined,
    Map<Rejection, Long> rejections,
    long elapsedNanos,
    int lookaheadBookings,
    boolean penalisedPlanChosen) {
  /** Copies the map. */
  public SearchDiagnostics {
    EnumMap<Rejection, Long> copy = new EnumMap<>(Rejection.class);
    copy.putAll(rejections);
    rejections = Collections.unmodifiableMap(copy);
  }
}
