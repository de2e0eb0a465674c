package dev.capacity;

import java.util.List;
import java.util.Objects;

/**
 * One broken rule, with the bookings and tables involved.
 *
 * @param rule the rule
 * @param message what is wrong, naming the values
 * @param bookings ids of the bookings involved
 * @param tables ids of the tables involved
 */
public record Violation(Rule rule, String message, List<String> bookings, List<String> tables) {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    bookings = List.copyOf(bookings);
    tables = List.copyOf(tables);
  }

  @Override
  public String toString() {
    return "rule " + rule.number() + " (" + rule + "): " + message;
  }
}
