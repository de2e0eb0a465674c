package dev.capacity;

/**
 * A booking a result did not seat, with the reason.
 *
 * @param booking the booking id
 * @param reason the reason's name (a {@link Reason} name for results of this library)
 */
public record Unassigned(String booking, String reason) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the booking id is blank
   */
  public Unassigned {
    Checks.id(booking, "booking id of unassigned");
    java.util.Objects.requireNonNull(reason, "reason");
  }
}
