package dev.capacity;

/**
 * One row of a turn-time table: parties of up to {@code upToPartySize} guests dine for {@code
 * minutes}. The first row (in ascending {@code upToPartySize}) that covers a party applies.
 *
 * @param upToPartySize the largest party this row covers, at least 1
 * @param minutes dining time in minutes, at least 1
 */
public record TurnTime(int upToPartySize, int minutes) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a value is not positive
   */
  public TurnTime {
    Checks.positive(upToPartySize, "turn time upToPartySize");
    Checks.positive(minutes, "turn time minutes");
  }
}
