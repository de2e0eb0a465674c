package dev.capacity;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A service period in local time: bookings may start at {@code start <= t < end}. An {@code end}
 * earlier than {@code start} means the period crosses midnight (e.g. 18:00 to 02:00), so a start at
 * 00:30 belongs to it.
 *
 * @param name the period's name, unique in a policy (e.g. {@code dinner})
 * @param start first local time a booking may start
 * @param end first local time at which bookings may no longer start
 */
public record ServicePeriod(String name, LocalTime start, LocalTime end) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the name is blank or {@code start} equals {@code end}
   */
  public ServicePeriod {
    Checks.id(name, "service period name");
    Objects.requireNonNull(start, "start of service period '" + name + "'");
    Objects.requireNonNull(end, "end of service period '" + name + "'");
    if (start.equals(end)) {
      throw new IllegalArgumentException(
          "service period '"
              + name
              + "' starts and ends at "
              + start
              + "\nMaybe: leave servicePeriods empty for a restaurant open all day");
    }
  }

  /**
   * Whether the period crosses midnight.
   *
   * @return true when {@code end} is before {@code start}
   */
  public boolean crossesMidnight() {
    return end.isBefore(start);
  }

  /**
   * Whether a local time lies in the half-open period.
   *
   * @param t the local time
   * @return true when a booking may start at {@code t}
   */
  public boolean contains(LocalTime t) {
    return crossesMidnight()
        ? !t.isBefore(start) || t.isBefore(end)
        : !t.isBefore(start) && t.isBefore(end);
  }

  /**
   * Whether this period and another share a local time.
   *
   * @param other the other period
   * @return true when they overlap
   */
  public boolean overlaps(ServicePeriod other) {
    return contains(other.start) || other.contains(start);
  }
}
