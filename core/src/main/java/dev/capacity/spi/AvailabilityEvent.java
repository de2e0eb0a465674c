package dev.capacity.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An availability search was answered.
 *
 * @param restaurant the restaurant id
 * @param partySize guests
 * @param startsExamined slot starts quoted
 * @param startsAvailable starts at which the party can be seated
 * @param complete whether every quote covered its whole space
 * @param durationNanos time taken, including the store reads
 * @param at when
 */
public record AvailabilityEvent(
    String restaurant,
    int partySize,
    int startsExamined,
    int startsAvailable,
    boolean complete,
    long durationNanos,
    Instant at)
    implements TelemetryEvent {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   */
  public AvailabilityEvent {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(at, "at");
  }
}
