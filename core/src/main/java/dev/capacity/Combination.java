package dev.capacity;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A predefined combination: tables the restaurant has declared may seat one party together,
 * whatever the adjacency graph, zones or {@code combinable} flags say, for parties from {@code
 * minPartySize} to {@code maxPartySize}. Capacity, overage, active tables, a booking's required
 * zone and every time rule still apply; see {@code docs/rules.md}.
 *
 * @param id the combination's id
 * @param tables the ids of its tables (at least two, distinct), sorted
 * @param minPartySize the smallest party it seats
 * @param maxPartySize the largest party it seats
 */
public record Combination(String id, List<String> tables, int minPartySize, int maxPartySize) {
  /**
   * Validates and sorts the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a value is invalid
   */
  public Combination {
    Checks.id(id, "combination id");
    Objects.requireNonNull(tables, "tables of combination '" + id + "'");
    for (String t : tables) {
      Checks.id(t, "table of combination '" + id + "'");
    }
    Checks.unique(tables, "table in combination '" + id + "'");
    if (tables.size() < 2) {
      throw new IllegalArgumentException(
          "combination '" + id + "' needs at least two tables, got " + tables);
    }
    tables = List.copyOf(new TreeSet<>(tables));
    Checks.positive(minPartySize, "minPartySize of combination '" + id + "'");
    if (maxPartySize < minPartySize) {
      throw new IllegalArgumentException(
          "maxPartySize of combination '" + id + "' is below its minPartySize");
    }
  }
}
