package dev.capacity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A booking as a store holds it: its details and state, its version, its tables and its live hold.
 *
 * @param booking the booking, with its current status
 * @param version changes whenever the booking's details, state or tables change (not its holds)
 * @param assignment its tables, or null when it has none
 * @param hold its live hold, or null when it has none (an expired hold is never reported)
 */
public record BookingState(
    Booking booking, long version, @Nullable Assignment assignment, @Nullable Hold hold) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if the booking is null
   */
  public BookingState {
    Objects.requireNonNull(booking, "booking");
  }

  /**
   * The booking's id.
   *
   * @return the id
   */
  public String id() {
    return booking.id();
  }

  /**
   * The booking's status.
   *
   * @return the status
   */
  public BookingStatus status() {
    return booking.status();
  }
}
