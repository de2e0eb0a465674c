package dev.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A live hold: tables reserved for a booking over its window until {@code expiresAt}, waiting to be
 * confirmed. A booking has at most one live hold (pitfall P3.4); a hold is expired, and blocks
 * nobody, once {@code now >= expiresAt} by the store's clock (pitfalls H2, P3.2).
 *
 * @param id the hold's id, unique within its restaurant
 * @param booking the booking id
 * @param tables the table ids, distinct, sorted
 * @param start the booking's start
 * @param until when the tables are free again (end of dining plus buffer)
 * @param expiresAt when the hold expires
 */
public record Hold(
    String id,
    String booking,
    List<String> tables,
    Instant start,
    Instant until,
    Instant expiresAt) {
  /**
   * Validates, sorts and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if an id is blank, tables are empty or repeat, or the range is
   *     empty
   */
  public Hold {
    Checks.id(id, "hold id");
    Checks.id(booking, "booking of hold '" + id + "'");
    for (String t : tables) {
      Checks.id(t, "table of hold '" + id + "'");
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("hold '" + id + "' names no table");
    }
    Checks.unique(tables, "table of hold '" + id + "'");
    tables = List.copyOf(new TreeSet<>(tables));
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!until.isAfter(start)) {
      throw new IllegalArgumentException("hold '" + id + "' has an empty range");
    }
  }

  /**
   * Whether the hold is still live at an instant.
   *
   * @param now the instant
   * @return true when {@code now < expiresAt}
   */
  public boolean isLiveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
