package dev.capacity;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One restaurant's floor plan, policy and the bookings of one service: the model form of a {@code
 * capacity-scenario/1} document.
 *
 * @param name the scenario's name
 * @param restaurant the restaurant
 * @param policy the seating policy
 * @param floor the floor plan
 * @param bookings the bookings, in the document's order
 * @param existingAssignments bookings already seated; a planner must keep them
 * @param blocks tables out of use
 */
public record Scenario(
    String name,
    Restaurant restaurant,
    SeatingPolicy policy,
    FloorPlan floor,
    List<Booking> bookings,
    List<Assignment> existingAssignments,
    List<Block> blocks) {

  /**
   * Validates and copies the components: booking ids are unique; existing assignments and blocks
   * name known bookings and tables.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if ids repeat or name something unknown
   */
  public Scenario {
    Objects.requireNonNull(name, "scenario name");
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(floor, "floor");
    bookings = List.copyOf(bookings);
    existingAssignments = List.copyOf(existingAssignments);
    blocks = List.copyOf(blocks);
    Checks.unique(bookings.stream().map(Booking::id).toList(), "booking id");
    Checks.unique(blocks.stream().map(Block::id).toList(), "block id");
    Set<String> ids = new HashSet<>();
    bookings.forEach(b -> ids.add(b.id()));
    Set<String> seated = new HashSet<>();
    for (Assignment a : existingAssignments) {
      if (!ids.contains(a.booking())) {
        throw new IllegalArgumentException(
            "existing assignment names an unknown booking '" + a.booking() + "'");
      }
      if (!seated.add(a.booking())) {
        throw new IllegalArgumentException(
            "booking '" + a.booking() + "' has two existing assignments");
      }
      for (String t : a.tables()) {
        if (floor.table(t) == null) {
          throw new IllegalArgumentException(
              "existing assignment of '" + a.booking() + "' names an unknown table '" + t + "'");
        }
      }
    }
    for (Block b : blocks) {
      if (floor.table(b.table()) == null) {
        throw new IllegalArgumentException(
            "block '" + b.id() + "' names an unknown table '" + b.table() + "'");
      }
    }
  }
}
