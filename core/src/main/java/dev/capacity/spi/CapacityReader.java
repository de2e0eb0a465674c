package dev.capacity.spi;

import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.ContextVersion;
import dev.capacity.RestaurantContext;
import dev.capacity.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reading port of a store: a restaurant's floor plan and policy, its bookings, the occupancy of
 * a time range with its version, and booking histories. Everything is scoped by restaurant id.
 *
 * <p>Implementations are thread-safe. Every method may throw {@link CapacityStorageException} when
 * the storage itself fails ({@link TransientStorageException} when trying again may help).
 */
public interface CapacityReader {
  /**
   * The restaurant, its floor plan and its policy (with their versions).
   *
   * @param restaurantId the restaurant id
   * @return the context, or null for an unknown restaurant
   */
  @Nullable RestaurantContext context(String restaurantId);

  /**
   * One booking with its version, tables and live hold.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the booking, or null when the restaurant or the booking is unknown
   */
  @Nullable BookingState booking(String restaurantId, String bookingId);

  /**
   * The bookings whose start lies in {@code [from, to)}, in every state, ordered by start then id.
   *
   * @param restaurantId the restaurant id
   * @param from first start included
   * @param to first start excluded
   * @return the bookings; empty for an unknown restaurant
   */
  List<BookingState> bookings(String restaurantId, Instant from, Instant to);

  /**
   * Several bookings by id, as {@link #booking(String, String)} reads each: the states of those
   * that exist, keyed by id (unknown ids are absent).
   *
   * <p>The default reads them one by one; stores whose reads cost a round trip override it with one
   * read (the PostgreSQL adapter does). An auto-assign run over a list of ids reads its bookings
   * with it.
   *
   * @param restaurantId the restaurant id
   * @param bookingIds the ids; duplicates are read once
   * @return the states found, by id
   * @throws NullPointerException if an argument or an id is null
   */
  default Map<String, BookingState> bookings(String restaurantId, Collection<String> bookingIds) {
    Map<String, BookingState> out = new HashMap<>();
    for (String id : bookingIds) {
      if (!out.containsKey(id)) {
        BookingState st = booking(restaurantId, Objects.requireNonNull(id, "bookingId"));
        if (st != null) {
          out.put(id, st);
        }
      }
    }
    return out;
  }

  /**
   * The bookings a lookahead quote weighs: those whose start lies in {@code [from, to)} that are
   * {@link dev.capacity.BookingStatus#PENDING PENDING} and hold no tables (no assignment, no live
   * hold), ordered by start then id.
   *
   * <p>The default filters {@link #bookings(String, Instant, Instant)}; stores whose reads cost a
   * round trip override it with a narrower read (the PostgreSQL adapter returns only these rows).
   *
   * @param restaurantId the restaurant id
   * @param from first start included
   * @param to first start excluded
   * @return the bookings; empty for an unknown restaurant
   */
  default List<Booking> unplacedBookings(String restaurantId, Instant from, Instant to) {
    List<Booking> out = new ArrayList<>();
    for (BookingState s : bookings(restaurantId, from, to)) {
      if (s.status() == BookingStatus.PENDING && s.assignment() == null && s.hold() == null) {
        out.add(s.booking());
      }
    }
    return out;
  }

  /**
   * What occupies the restaurant's tables: every assignment, live hold and block whose range
   * overlaps {@code [from, to)} (possibly more), as of the store's clock at the read, with the
   * occupancy version.
   *
   * @param restaurantId the restaurant id
   * @param from start of the range
   * @param to end of the range, exclusive
   * @return the snapshot
   * @throws IllegalArgumentException if the restaurant is unknown
   */
  OccupancySnapshot occupancy(String restaurantId, Instant from, Instant to);

  /**
   * The current context version for a booking: what a manual decision about it is based on.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the versions, or null when the restaurant or the booking is unknown
   */
  @Nullable ContextVersion contextVersion(String restaurantId, String bookingId);

  /**
   * A booking's state history, oldest first.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the changes; empty for an unknown booking
   */
  List<StatusChange> history(String restaurantId, String bookingId);
}
