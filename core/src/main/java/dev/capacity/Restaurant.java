package dev.capacity;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A restaurant: its id and the time zone in which its service periods, pacing windows and local
 * dates are read. A restaurant without a valid time zone cannot be built (pitfall P4.3): there is
 * no default zone.
 *
 * @param id the restaurant's id, non-blank
 * @param timeZone the restaurant's time zone
 */
public record Restaurant(String id, ZoneId timeZone) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the id is blank
   */
  public Restaurant {
    Checks.id(id, "restaurant id");
    Objects.requireNonNull(timeZone, "restaurant timeZone");
  }

  /**
   * Builds a restaurant from a time-zone name such as {@code Europe/Paris}.
   *
   * @param id the restaurant's id
   * @param timeZone an IANA time-zone id
   * @return the restaurant
   * @throws IllegalArgumentException if the zone name is null, blank or not a valid zone id
   */
  public static Restaurant of(String id, String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      throw new IllegalArgumentException(
          "restaurant '"
              + id
              + "' has no time zone\nMaybe: give an IANA zone id such as Europe/Paris");
    }
    try {
      return new Restaurant(id, ZoneId.of(timeZone));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "restaurant '" + id + "' has an invalid time zone '" + timeZone + "'", e);
    }
  }
}
