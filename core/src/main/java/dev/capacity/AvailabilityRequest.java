package dev.capacity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An availability search: at which start times could a party be seated now? Either the services of
 * a local date, or every slot of a time range.
 *
 * @param restaurant the restaurant id
 * @param partySize guests, at least 1
 * @param date the local date whose service periods are searched (a period that crosses midnight
 *     belongs to the date it starts on), or null when a range is given
 * @param from the first start searched (rounded up to a slot), or null when a date is given
 * @param to the end of the range searched, exclusive, or null when a date is given
 * @param zone the zone the party must be seated in, or null for any
 * @param rankWithLookahead whether each start's plan is ranked with soft lookahead, exactly as a
 *     quote would rank it (slower). Which starts are available never depends on it: soft lookahead
 *     only re-ranks plans, and hard lookahead, which drops plans, always applies. Default false:
 *     the plan shown is the best by score without soft-lookahead penalties
 */
public record AvailabilityRequest(
    String restaurant,
    int partySize,
    @Nullable LocalDate date,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String zone,
    boolean rankWithLookahead) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if the restaurant is null
   * @throws IllegalArgumentException if the party is not positive, or not exactly one of a date and
   *     a complete range is given, or the range is empty
   */
  public AvailabilityRequest {
    Checks.id(restaurant, "restaurant of availability request");
    Checks.positive(partySize, "partySize of availability request");
    boolean range = from != null || to != null;
    if ((date == null) == !range || (range && (from == null || to == null))) {
      throw new IllegalArgumentException(
          "an availability request needs either a date or a range from..to, got date="
              + date
              + ", from="
              + from
              + ", to="
              + to);
    }
    if (from != null && to != null && !to.isAfter(from)) {
      throw new IllegalArgumentException("empty availability range " + from + " .. " + to);
    }
    if (zone != null) {
      Checks.id(zone, "zone of availability request");
    }
  }

  /**
   * A search over the service periods of a local date.
   *
   * @param restaurant the restaurant id
   * @param partySize guests
   * @param date the local date
   * @return the request
   */
  public static AvailabilityRequest forDate(String restaurant, int partySize, LocalDate date) {
    Objects.requireNonNull(date, "date");
    return new AvailabilityRequest(restaurant, partySize, date, null, null, null, false);
  }

  /**
   * A search over the slots of a time range that lie in a service period.
   *
   * @param restaurant the restaurant id
   * @param partySize guests
   * @param from the first start
   * @param to the end, exclusive
   * @return the request
   */
  public static AvailabilityRequest forRange(
      String restaurant, int partySize, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return new AvailabilityRequest(restaurant, partySize, null, from, to, null, false);
  }

  /**
   * Returns a copy that must seat the party in a zone.
   *
   * @param zoneId the zone id, or null for any
   * @return the copy
   */
  public AvailabilityRequest inZone(@Nullable String zoneId) {
    return new AvailabilityRequest(
        restaurant, partySize, date, from, to, zoneId, rankWithLookahead);
  }

  /**
   * Returns a copy whose plans are ranked with soft lookahead, as a quote ranks them.
   *
   * @param value whether to rank with soft lookahead
   * @return the copy
   */
  public AvailabilityRequest withLookaheadRanking(boolean value) {
    return new AvailabilityRequest(restaurant, partySize, date, from, to, zone, value);
  }
}
