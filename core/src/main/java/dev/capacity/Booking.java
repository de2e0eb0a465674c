package dev.capacity;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A booking request: a party, a start, an optional explicit end, when it was made, an optional
 * required zone and its status. Its window comes from one rule (pitfall P4.8): see {@link
 * SeatingPolicy#window(Booking, java.time.ZoneId)}.
 *
 * @param id the booking's id
 * @param partySize guests, at least 1
 * @param start when dining starts
 * @param end when dining ends, or null to derive it from the policy's turn times
 * @param createdAt when the booking was made (arrival order for replay)
 * @param zone the zone the booking must be seated in, or null for any
 * @param status the booking's state
 */
public record Booking(
    String id,
    int partySize,
    Instant start,
    @Nullable Instant end,
    Instant createdAt,
    @Nullable String zone,
    BookingStatus status) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if the id is blank, the party is not positive or the end is
   *     not after the start
   */
  public Booking {
    Checks.id(id, "booking id");
    Checks.positive(partySize, "partySize of booking '" + id + "'");
    Objects.requireNonNull(start, "start of booking '" + id + "'");
    Objects.requireNonNull(createdAt, "createdAt of booking '" + id + "'");
    Objects.requireNonNull(status, "status of booking '" + id + "'");
    if (end != null && !end.isAfter(start)) {
      throw new IllegalArgumentException(
          "booking '" + id + "' ends (" + end + ") before or at its start (" + start + ")");
    }
    if (zone != null) {
      Checks.id(zone, "zone of booking '" + id + "'");
    }
  }

  /**
   * A pending booking without explicit end or zone.
   *
   * @param id the id
   * @param partySize guests
   * @param start the start
   * @param createdAt when it was made
   * @return the booking
   */
  public static Booking of(String id, int partySize, Instant start, Instant createdAt) {
    return new Booking(id, partySize, start, null, createdAt, null, BookingStatus.PENDING);
  }

  /**
   * Returns a copy in another state.
   *
   * @param newStatus the state
   * @return the copy
   */
  public Booking withStatus(BookingStatus newStatus) {
    return new Booking(id, partySize, start, end, createdAt, zone, newStatus);
  }

  /**
   * Returns a copy with an explicit end.
   *
   * @param newEnd the end, or null to derive it
   * @return the copy
   */
  public Booking withEnd(@Nullable Instant newEnd) {
    return new Booking(id, partySize, start, newEnd, createdAt, zone, status);
  }

  /**
   * Returns a copy that must be seated in a zone.
   *
   * @param newZone the zone id, or null for any
   * @return the copy
   */
  public Booking withZone(@Nullable String newZone) {
    return new Booking(id, partySize, start, end, createdAt, newZone, status);
  }
}
