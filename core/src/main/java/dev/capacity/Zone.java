package dev.capacity;

import java.util.Objects;

/**
 * A zone of a floor plan (a room, a terrace, the bar).
 *
 * @param id the zone's id, non-blank and unique in its floor plan
 * @param name a display name
 */
public record Zone(String id, String name) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the id is blank
   */
  public Zone {
    Checks.id(id, "zone id");
    Objects.requireNonNull(name, "zone name");
  }
}
