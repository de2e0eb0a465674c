package dev.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One thing that occupies tables over a time range: an assignment or hold of a booking (over its
 * window including the buffer) or a block.
 *
 * @param kind assignment, hold or block
 * @param owner the booking id (assignments, holds) or block id
 * @param tables the table ids, distinct, sorted
 * @param start first instant occupied (a booking's start)
 * @param until first instant free again (a booking's end plus buffer; a block's end)
 * @param partySize the booking's party (0 for blocks), counted by pacing
 * @param expiresAt when a hold expires, null otherwise
 */
public record OccupancyEntry(
    OccupancyKind kind,
    String owner,
    List<String> tables,
    Instant start,
    Instant until,
    int partySize,
    @Nullable Instant expiresAt) {

  /**
   * Validates, sorts and copies the components.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if tables are empty or repeat, or the range is empty
   */
  public OccupancyEntry {
    Objects.requireNonNull(kind, "kind");
    Checks.id(owner, "owner");
    for (String t : tables) {
      Checks.id(t, "table of " + kind + " '" + owner + "'");
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException(kind + " '" + owner + "' names no table");
    }
    Checks.unique(tables, "table of " + kind + " '" + owner + "'");
    tables = List.copyOf(new TreeSet<>(tables));
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(until, "until");
    if (!until.isAfter(start)) {
      throw new IllegalArgumentException(kind + " '" + owner + "' has an empty range");
    }
    Checks.nonNegative(partySize, "partySize");
    if (kind == OccupancyKind.HOLD && expiresAt == null) {
      throw new IllegalArgumentException("hold '" + owner + "' has no expiry");
    }
  }

  /**
   * The entry of a booking seated over a window.
   *
   * @param kind assignment or hold
   * @param booking the booking
   * @param tables its tables
   * @param window its window
   * @param expiresAt the hold's expiry, null for an assignment
   * @return the entry
   */
  public static OccupancyEntry of(
      OccupancyKind kind,
      Booking booking,
      List<String> tables,
      BookingWindow window,
      @Nullable Instant expiresAt) {
    return new OccupancyEntry(
        kind,
        booking.id(),
        tables,
        window.start(),
        window.blockedUntil(),
        booking.partySize(),
        expiresAt);
  }

  /**
   * The entry of a block.
   *
   * @param block the block
   * @return the entry
   */
  public static OccupancyEntry of(Block block) {
    return new OccupancyEntry(
        OccupancyKind.BLOCK,
        block.id(),
        List.of(block.table()),
        block.start(),
        block.end(),
        0,
        null);
  }
}
