package dev.capacity;

import java.util.List;
import java.util.Objects;

/**
 * The answer to an availability search: every start time at which the party can be seated now, each
 * with the plan it would get, all judged against one occupancy snapshot.
 *
 * @param restaurant the restaurant id
 * @param partySize guests
 * @param starts the available starts, in time order
 * @param startsExamined how many slot starts inside service periods were quoted
 * @param complete whether every quote searched its whole space
 * @param occupancyVersion the version of the occupancy snapshot searched
 */
public record Availability(
    String restaurant,
    int partySize,
    List<AvailableStart> starts,
    int startsExamined,
    boolean complete,
    long occupancyVersion) {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public Availability {
    Objects.requireNonNull(restaurant, "restaurant");
    starts = List.copyOf(starts);
  }
}
