package dev.capacity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which bookings an auto-assign run works through: the pending bookings of a day, of one service on
 * a day, of a time range, or a given list of bookings.
 *
 * <p>A day, a service or a range selects the bookings that are {@code PENDING} and have no tables
 * (a pending booking with a live hold is included: its own hold never blocks it). A list reports
 * every booking it names exactly once, also those that are unknown, already assigned or in an end
 * state.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface BookingSelection
    permits BookingSelection.Day,
        BookingSelection.Service,
        BookingSelection.Range,
        BookingSelection.Ids {

  /**
   * The pending bookings of a local date: those starting from the date's local midnight to the next
   * (in the restaurant's time zone), except that a service period which crosses midnight belongs to
   * the date it starts on (its starts after midnight count for the date before).
   *
   * @param date the local date
   * @return the selection
   * @throws NullPointerException if the date is null
   */
  static BookingSelection day(LocalDate date) {
    return new Day(date);
  }

  /**
   * The pending bookings of one service period on a local date (a period that crosses midnight
   * includes its starts after midnight).
   *
   * @param date the local date the service starts on
   * @param servicePeriod the service period's name, such as {@code dinner}
   * @return the selection
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is blank
   */
  static BookingSelection service(LocalDate date, String servicePeriod) {
    return new Service(date, servicePeriod);
  }

  /**
   * The pending bookings starting in {@code [from, to)}.
   *
   * @param from first start included
   * @param to first start excluded
   * @return the selection
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  static BookingSelection range(Instant from, Instant to) {
    return new Range(from, to);
  }

  /**
   * Given bookings, each reported once (a repeated id is dropped).
   *
   * @param bookingIds the booking ids
   * @return the selection
   * @throws NullPointerException if the list or an id is null
   * @throws IllegalArgumentException if an id is blank
   */
  static BookingSelection bookings(List<String> bookingIds) {
    return new Ids(bookingIds);
  }

  /**
   * The pending bookings of a local date.
   *
   * @param date the local date
   */
  record Day(LocalDate date) implements BookingSelection {
    /**
     * Validates the date.
     *
     * @throws NullPointerException if the date is null
     */
    public Day {
      Objects.requireNonNull(date, "date");
    }
  }

  /**
   * The pending bookings of one service period on a local date.
   *
   * @param date the local date the service starts on
   * @param servicePeriod the service period's name
   */
  record Service(LocalDate date, String servicePeriod) implements BookingSelection {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name is blank
     */
    public Service {
      Objects.requireNonNull(date, "date");
      Checks.id(servicePeriod, "servicePeriod");
    }
  }

  /**
   * The pending bookings starting in a range.
   *
   * @param from first start included
   * @param to first start excluded
   */
  record Range(Instant from, Instant to) implements BookingSelection {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public Range {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException(
            "range ends (" + to + ") before it starts (" + from + ")");
      }
    }
  }

  /**
   * Given bookings.
   *
   * @param bookingIds the ids, distinct, in the order given
   */
  record Ids(List<String> bookingIds) implements BookingSelection {
    /**
     * Validates the ids, drops repeats and copies the list.
     *
     * @throws NullPointerException if the list or an id is null
     * @throws IllegalArgumentException if an id is blank
     */
    public Ids {
      for (String id : bookingIds) {
        Checks.id(id, "booking id");
      }
      bookingIds = List.copyOf(new LinkedHashSet<>(bookingIds));
    }
  }
}
