package dev.capacity;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A demand multiplier for the empty-seat term: bookings starting on one of {@code days} at a local
 * time in {@code [from, to)} (crossing midnight allowed) have their empty-seat penalty multiplied
 * by {@code multiplier}. The first matching rule of a policy applies; none means 1.
 *
 * @param days the local days of week, not empty
 * @param from first local time covered
 * @param to first local time no longer covered
 * @param multiplier the factor, positive
 */
public record DemandRule(Set<DayOfWeek> days, LocalTime from, LocalTime to, double multiplier) {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if days is empty, from equals to, or the multiplier is not
   *     positive and finite
   */
  public DemandRule {
    Objects.requireNonNull(days, "demand rule days");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("demand rule needs at least one day");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    Objects.requireNonNull(from, "demand rule from");
    Objects.requireNonNull(to, "demand rule to");
    if (from.equals(to)) {
      throw new IllegalArgumentException("demand rule from and to are both " + from);
    }
    if (!Double.isFinite(multiplier) || multiplier <= 0) {
      throw new IllegalArgumentException(
          "demand rule multiplier must be positive, got " + multiplier);
    }
  }

  /**
   * Whether the rule covers a local day and time.
   *
   * @param day the local day
   * @param t the local time
   * @return true when it applies
   */
  public boolean covers(DayOfWeek day, LocalTime t) {
    if (!days.contains(day)) {
      return false;
    }
    return from.isBefore(to)
        ? !t.isBefore(from) && t.isBefore(to)
        : !t.isBefore(from) || t.isBefore(to);
  }

  @Override
  public String toString() {
    return "DemandRule[days="
        + new java.util.TreeSet<>(days)
        + ", from="
        + from
        + ", to="
        + to
        + ", multiplier="
        + multiplier
        + "]";
  }
}
