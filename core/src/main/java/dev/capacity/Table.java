package dev.capacity;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A physical table.
 *
 * <p>{@code minPartySize} and {@code maxPartySize} apply only when the table seats a party
 * <em>alone</em> (pitfall P2.1); in a multi-table plan only the capacity counts.
 *
 * @param id the table's id, unique in its floor plan
 * @param zone the id of the zone the table stands in
 * @param capacity seats, at least 1
 * @param minPartySize the smallest party the table seats alone, at least 1
 * @param maxPartySize the largest party the table seats alone, at least {@code minPartySize}
 * @param combinable whether the table may be part of a multi-table plan
 * @param active whether the table may be used at all
 * @param attributes free-form attributes (e.g. {@code "shape" -> "round"}), copied and sorted
 */
public record Table(
    String id,
    String zone,
    int capacity,
    int minPartySize,
    int maxPartySize,
    boolean combinable,
    boolean active,
    Map<String, String> attributes) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if an id is blank or a size is out of range
   */
  public Table {
    Checks.id(id, "table id");
    Checks.id(zone, "zone of table '" + id + "'");
    Checks.positive(capacity, "capacity of table '" + id + "'");
    Checks.positive(minPartySize, "minPartySize of table '" + id + "'");
    if (maxPartySize < minPartySize) {
      throw new IllegalArgumentException(
          "maxPartySize of table '"
              + id
              + "' ("
              + maxPartySize
              + ") is below its minPartySize ("
              + minPartySize
              + ")");
    }
    Objects.requireNonNull(attributes, "attributes of table '" + id + "'");
    attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /**
   * A combinable, active table that seats 1 to {@code capacity} guests alone.
   *
   * @param id the table's id
   * @param zone the zone id
   * @param capacity seats
   * @return the table
   * @throws IllegalArgumentException if a value is invalid
   */
  public static Table of(String id, String zone, int capacity) {
    return new Table(id, zone, capacity, 1, capacity, true, true, Map.of());
  }

  /**
   * Returns a copy with other party limits when alone.
   *
   * @param min the smallest party alone
   * @param max the largest party alone
   * @return the copy
   */
  public Table withPartyLimits(int min, int max) {
    return new Table(id, zone, capacity, min, max, combinable, active, attributes);
  }

  /**
   * Returns a copy with another {@code combinable} flag.
   *
   * @param value the flag
   * @return the copy
   */
  public Table withCombinable(boolean value) {
    return new Table(id, zone, capacity, minPartySize, maxPartySize, value, active, attributes);
  }

  /**
   * Returns a copy with another {@code active} flag.
   *
   * @param value the flag
   * @return the copy
   */
  public Table withActive(boolean value) {
    return new Table(id, zone, capacity, minPartySize, maxPartySize, combinable, value, attributes);
  }

  /**
   * Returns a copy in another zone.
   *
   * @param zoneId the zone id
   * @return the copy
   */
  public Table withZone(String zoneId) {
    return new Table(
        id, zoneId, capacity, minPartySize, maxPartySize, combinable, active, attributes);
  }
}
