package dev.capacity;

import java.util.Objects;

/**
 * A restaurant with its floor plan and seating policy, as a store holds them. Their versions are
 * {@link FloorPlan#version()} and {@link SeatingPolicy#version()}.
 *
 * @param restaurant the restaurant
 * @param floor its floor plan
 * @param policy its seating policy
 */
public record RestaurantContext(Restaurant restaurant, FloorPlan floor, SeatingPolicy policy) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public RestaurantContext {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(policy, "policy");
  }

  /**
   * The restaurant's id.
   *
   * @return the id
   */
  public String id() {
    return restaurant.id();
  }
}
