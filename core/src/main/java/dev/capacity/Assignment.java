package dev.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A booking seated on tables over its dining range {@code [start, end)} (the buffer is not
 * included).
 *
 * @param booking the booking id
 * @param tables the table ids, distinct, sorted
 * @param start start of dining
 * @param end end of dining
 */
public record Assignment(String booking, List<String> tables, Instant start, Instant end) {
  /**
   * Validates, sorts and copies the components.
   *
   * @throws NullPointerException if a component or a table id is null
   * @throws IllegalArgumentException if the booking id is blank, tables are empty or repeat, or end
   *     is not after start
   */
  public Assignment {
    Checks.id(booking, "booking id of assignment");
    Objects.requireNonNull(tables, "tables of assignment of '" + booking + "'");
    for (String t : tables) {
      Checks.id(t, "table of assignment of '" + booking + "'");
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("assignment of '" + booking + "' names no table");
    }
    Checks.unique(tables, "table in assignment of '" + booking + "'");
    tables = List.copyOf(new TreeSet<>(tables));
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "assignment of '" + booking + "' ends before or at its start");
    }
  }
}
