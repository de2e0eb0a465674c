package dev.capacity;

import java.time.Instant;
import java.util.Objects;

/**
 * A table out of use over {@code [start, end)}: maintenance, a private hold.
 *
 * @param id the block's id
 * @param table the table id
 * @param start first instant blocked
 * @param end first instant free again, after {@code start}
 */
public record Block(String id, String table, Instant start, Instant end) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if an id is blank or {@code end} is not after {@code start}
   */
  public Block {
    Checks.id(id, "block id");
    Checks.id(table, "table of block '" + id + "'");
    Objects.requireNonNull(start, "start of block '" + id + "'");
    Objects.requireNonNull(end, "end of block '" + id + "'");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "block '" + id + "' ends (" + end + ") before or at its start (" + start + ")");
    }
  }
}
