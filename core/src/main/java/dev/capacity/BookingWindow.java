package dev.capacity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The one window of a booking (pitfall P4.8): dining over {@code [start, end)}, its tables blocked
 * over {@code [start, end + buffer)}, and that blocked range rounded outwards to whole slots:
 * {@code [firstSlot, endSlot)} in absolute slot numbers ({@code epochMinute / slotMinutes}).
 *
 * @param start start of dining
 * @param end end of dining (explicit, or start plus the turn time)
 * @param blockedUntil end plus the policy's buffer
 * @param firstSlot first absolute slot blocked
 * @param endSlot first absolute slot no longer blocked
 * @param servicePeriod the name of the service period the start falls in, or null when the policy
 *     has no service periods
 */
public record BookingWindow(
    Instant start,
    Instant end,
    Instant blockedUntil,
    long firstSlot,
    long endSlot,
    @Nullable String servicePeriod) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the ranges are empty or reversed
   */
  public BookingWindow {
    if (!end.isAfter(start) || blockedUntil.isBefore(end) || endSlot <= firstSlot) {
      throw new IllegalArgumentException(
          "empty or reversed window " + start + " .. " + end + " .. " + blockedUntil);
    }
  }

  /**
   * Whether the blocked ranges of two windows overlap.
   *
   * @param other the other window
   * @return true when they share a slot
   */
  public boolean overlaps(BookingWindow other) {
    return firstSlot < other.endSlot && other.firstSlot < endSlot;
  }

  /**
   * The number of slots blocked.
   *
   * @return {@code endSlot - firstSlot}
   */
  public int slots() {
    return Math.toIntExact(endSlot - firstSlot);
  }
}
