package dev.capacity;

import java.util.Objects;

/**
 * The versions of what a manual decision was based on: the floor plan, the policy, the booking and
 * the restaurant's occupancy. A direct assignment carries it, and the store refuses with {@link
 * Reason#CONTEXT_CHANGED} when any part that matters for the chosen plan has changed since
 * (pitfalls P2.8, P3.1).
 *
 * @param floorVersion {@link FloorPlan#version()}
 * @param policyVersion {@link SeatingPolicy#version()}
 * @param bookingVersion the booking's version, which changes whenever its details, state or tables
 *     change
 * @param occupancyVersion the restaurant's occupancy version, which increases with every write
 */
public record ContextVersion(
    String floorVersion, String policyVersion, long bookingVersion, long occupancyVersion) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a version string is null
   */
  public ContextVersion {
    Objects.requireNonNull(floorVersion, "floorVersion");
    Objects.requireNonNull(policyVersion, "policyVersion");
  }
}
