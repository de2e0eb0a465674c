package dev.capacity;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of a result: counts that must agree with its lists (rule 10) and further figures
 * (elapsed time, quote latencies...) by name.
 *
 * @param bookings bookings in the scenario
 * @param seatedBookings bookings assigned
 * @param covers guests of all bookings
 * @param seatedCovers guests of the assigned bookings
 * @param extra further figures by name, sorted (e.g. {@code elapsedMillis})
 */
public record ResultMetrics(
    int bookings, int seatedBookings, int covers, int seatedCovers, Map<String, Double> extra) {
  /**
   * Copies the components.
   *
   * @throws NullPointerException if extra is null
   */
  public ResultMetrics {
    extra = Collections.unmodifiableMap(new TreeMap<>(extra));
  }
}
