package dev.capacity;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a booking's state history: who moved it from one state to another, when and why.
 *
 * @param booking the booking id
 * @param from the state before
 * @param to the state after
 * @param at when, by the store's clock
 * @param actor who (a user id, a service name such as {@code auto-assign}); never guest data
 * @param why a short reason, possibly empty
 */
public record StatusChange(
    String booking, BookingStatus from, BookingStatus to, Instant at, String actor, String why) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public StatusChange {
    Checks.id(booking, "booking of status change");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(why, "why");
  }
}
