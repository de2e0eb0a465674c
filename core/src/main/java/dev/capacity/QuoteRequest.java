package dev.capacity;

import java.util.List;
import java.util.Objects;

/**
 * What the planner needs to quote a booking: the restaurant, floor and policy, the booking, the
 * occupancy to plan against, and the known bookings not yet assigned (for lookahead).
 *
 * <p>The booking's own assignment and hold in the occupancy are ignored, so a booking's hold never
 * blocks its re-quote (pitfall H1).
 *
 * @param restaurant the restaurant (time zone)
 * @param floor the floor plan
 * @param policy the policy
 * @param booking the booking to seat
 * @param occupancy what occupies the tables; built for the same floor and policy
 * @param knownUnassigned bookings known but not yet seated, for lookahead; the booking to seat may
 *     be among them (it is skipped)
 * @param maxPlans most plans to return (at least 1)
 */
public record QuoteRequest(
    Restaurant restaurant,
    FloorPlan floor,
    SeatingPolicy policy,
    Booking booking,
    Occupancy occupancy,
    List<Booking> knownUnassigned,
    int maxPlans) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if maxPlans is below 1 or the occupancy was built for another
   *     floor plan or policy
   */
  public QuoteRequest {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(booking, "booking");
    Objects.requireNonNull(occupancy, "occupancy");
    knownUnassigned = List.copyOf(knownUnassigned);
    Checks.positive(maxPlans, "maxPlans");
    if (!occupancy.floor().version().equals(floor.version())
        || !occupancy.policy().version().equals(policy.version())) {
      throw new IllegalArgumentException(
          "the occupancy was built for another floor plan or policy"
              + "\nMaybe: build it with Occupancy.empty(floor, policy, zone)");
    }
  }

  /**
   * A request without lookahead bookings, returning up to 10 plans.
   *
   * @param restaurant the restaurant
   * @param floor the floor plan
   * @param policy the policy
   * @param booking the booking
   * @param occupancy the occupancy
   * @return the request
   */
  public static QuoteRequest of(
      Restaurant restaurant,
      FloorPlan floor,
      SeatingPolicy policy,
      Booking booking,
      Occupancy occupancy) {
    return new QuoteRequest(restaurant, floor, policy, booking, occupancy, List.of(), 10);
  }
}
