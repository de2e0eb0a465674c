package dev.capacity.jdbc;

import dev.capacity.Assignment;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.Confirmation;
import dev.capacity.ContextChange;
import dev.capacity.Hold;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Outcome;
import dev.capacity.Reason;
import dev.capacity.Refusal;
import dev.capacity.Rule;
import dev.capacity.Violation;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Maps the rows the SQL functions return ({@code command_result}) to the SDK's outcomes: code
 * {@code OK} to a success, every other code to a {@link Refusal} whose reason has the code's name
 * (the codes are exactly the {@link Reason} names), with the violations, conflicts and context
 * changes of the row's {@code details}.
 *
 * <p>Stateless and thread-safe.
 */
final class Results {
  private Results() {}

  /** Produces the value of a successful row. */
  @FunctionalInterface
  interface Value<T> {
    T get() throws SQLException;
  }

  /**
   * The outcome of a command's row.
   *
   * @param rs the row
   * @param value the success value, read only when the code is {@code OK}
   * @return the outcome
   * @throws SQLException if a column cannot be read, or the code is unknown
   */
  static <T> Outcome<T> outcome(ResultSet rs, Value<T> value) throws SQLException {
    String code = rs.getString("code");
    if ("OK".equals(code)) {
      return Outcome.success(value.get());
    }
    return Outcome.refused(refusal(code, rs.getString("message"), rs.getString("details")));
  }

  /**
   * A refusal from a code, a message and the details JSON.
   *
   * @param code a {@link Reason} name
   * @param message the message
   * @param details the JSON details, or null
   * @return the refusal
   * @throws SQLException if the code names no reason
   */
  static Refusal refusal(@Nullable String code, @Nullable String message, @Nullable String details)
      throws SQLException {
    Reason reason;
    try {
      reason = Reason.valueOf(String.valueOf(code));
    } catch (IllegalArgumentException e) {
      throw new SQLException("unknown result code '" + code + "': " + message, "XX000", e);
    }
    List<Violation> violations = new ArrayList<>();
    List<OccupancyEntry> conflicts = new ArrayList<>();
    List<ContextChange> changes = new ArrayList<>();
    if (details != null && !details.isEmpty()) {
      Map<?, ?> d = (Map<?, ?>) Objects.requireNonNull(Json.parse(details));
      for (Object o : list(d.get("violations"))) {
        Map<?, ?> v = (Map<?, ?>) o;
        violations.add(
            new Violation(
                Rule.valueOf(text(v.get("rule"))),
                text(v.get("message")),
                texts(v.get("bookings")),
                texts(v.get("tables"))));
      }
      for (Object o : list(d.get("conflicts"))) {
        Map<?, ?> e = (Map<?, ?>) o;
        Object expires = e.get("expiresAt");
        conflicts.add(
            new OccupancyEntry(
                OccupancyKind.valueOf(text(e.get("kind"))),
                text(e.get("owner")),
                texts(e.get("tables")),
                Instant.parse(text(e.get("start"))),
                Instant.parse(text(e.get("until"))),
                RestaurantRows.intOf(e.get("partySize")),
                expires == null ? null : Instant.parse(text(expires))));
      }
      for (Object o : list(d.get("changes"))) {
        Map<?, ?> c = (Map<?, ?>) o;
        changes.add(
            new ContextChange(
                ContextChange.Part.valueOf(text(c.get("part"))),
                text(c.get("was")),
                text(c.get("now")),
                texts(c.get("tables"))));
      }
    }
    return new Refusal(reason, String.valueOf(message), violations, conflicts, changes);
  }

  private static List<?> list(@Nullable Object o) {
    return o == null ? List.of() : (List<?>) o;
  }

  private static String text(@Nullable Object o) {
    return String.valueOf(Objects.requireNonNull(o));
  }

  private static List<String> texts(@Nullable Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : list(o)) {
      out.add(text(x));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ columns

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Objects.requireNonNull(instantOrNull(rs, column), column);
  }

  static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static List<String> strings(ResultSet rs, String column) throws SQLException {
    return Objects.requireNonNull(stringsOrNull(rs, column), column);
  }

  static @Nullable List<String> stringsOrNull(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    if (a == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) a.getArray()) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------- values

  /** The booking of the current row (columns named as in the booking table). */
  static Booking booking(ResultSet rs) throws SQLException {
    return new Booking(
        rs.getString("booking_id"),
        rs.getInt("party_size"),
        instant(rs, "starts_at"),
        instantOrNull(rs, "ends_at"),
        instant(rs, "created_at"),
        rs.getString("zone_id"),
        BookingStatus.valueOf(rs.getString("status")));
  }

  /** The booking state of a row with the booking, assignment and hold columns. */
  static BookingState bookingState(ResultSet rs) throws SQLException {
    Booking booking = booking(rs);
    String id = booking.id();
    List<String> assigned = stringsOrNull(rs, "assigned_tables");
    Assignment assignment =
        assigned == null
            ? null
            : new Assignment(
                id, assigned, instant(rs, "assigned_start"), instant(rs, "assigned_end"));
    Hold hold = rs.getString("hold_id") == null ? null : hold(rs);
    return new BookingState(booking, rs.getLong("booking_version"), assignment, hold);
  }

  /** The hold of a row's hold columns. */
  static Hold hold(ResultSet rs) throws SQLException {
    return new Hold(
        rs.getString("hold_id"),
        rs.getString("booking_id"),
        strings(rs, "hold_tables"),
        instant(rs, "hold_start"),
        instant(rs, "hold_until"),
        instant(rs, "hold_expires_at"));
  }

  /** The confirmation of a confirm or assign row. */
  static Confirmation confirmation(ResultSet rs) throws SQLException {
    String id = rs.getString("booking_id");
    Assignment assignment =
        new Assignment(
            id,
            strings(rs, "assigned_tables"),
            instant(rs, "assigned_start"),
            instant(rs, "assigned_end"));
    return new Confirmation(
        assignment,
        rs.getString("hold_id"),
        rs.getLong("occupancy_version"),
        rs.getBoolean("repeated"));
  }

  /** The block of a remove_block row. */
  static Block block(ResultSet rs) throws SQLException {
    return new Block(
        rs.getString("block_id"),
        rs.getString("block_table"),
        instant(rs, "block_start"),
        instant(rs, "block_end"));
  }
}
