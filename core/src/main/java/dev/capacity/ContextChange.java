package dev.capacity;

import java.util.List;
import java.util.Objects;

/**
 * One thing that changed between the context version a caller decided on and the store's current
 * one (pitfalls P2.8, P3.1).
 *
 * @param part what changed
 * @param was the caller's version of it
 * @param now the store's version of it
 * @param tables for {@link Part#OCCUPANCY}: the plan's tables whose occupancy changed; else empty
 */
public record ContextChange(Part part, String was, String now, List<String> tables) {
  /** The parts of a {@link ContextVersion}. */
  public enum Part {
    /** The floor plan (tables, zones, adjacency, combinations, active flags). */
    FLOOR_PLAN,
    /** The seating policy. */
    POLICY,
    /** The booking (party, times, zone, state or tables). */
    BOOKING,
    /** What occupies the plan's tables (assignments, holds, blocks). */
    OCCUPANCY
  }

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public ContextChange {
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(was, "was");
    Objects.requireNonNull(now, "now");
    tables = List.copyOf(tables);
  }

  @Override
  public String toString() {
    return part + " " + was + " -> " + now + (tables.isEmpty() ? "" : " on " + tables);
  }
}
