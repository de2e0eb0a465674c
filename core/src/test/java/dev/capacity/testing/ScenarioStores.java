package dev.capacity.testing;

import dev.capacity.Booking;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.ResultMode;
import dev.capacity.Scenario;
import dev.capacity.ScenarioLoader;
import dev.capacity.SeatingResult;
import dev.capacity.spi.CapacityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Scenarios in stores (loaded with {@link dev.capacity.ScenarioLoader}): a clock start before the
 * bookings, the store's assignments read back as a result the rule checker can judge, the live
 * holds. Thread-safe (stateless).
 */
public final class ScenarioStores {
  private ScenarioStores() {}

  /**
   * A clock start before every booking of a scenario: one day before the earliest start.
   *
   * @param scenario the scenario
   * @return the instant
   */
  public static Instant before(Scenario scenario) {
    return scenario.bookings().stream()
        .map(Booking::start)
        .min(Comparator.naturalOrder())
        .orElseThrow()
        .minus(Duration.ofDays(1));
  }

  /**
   * Everything that occupies tables over every day a scenario's bookings touch.
   *
   * @param store the store
   * @param scenario the scenario
   * @return the entries
   */
  public static List<OccupancyEntry> occupancy(CapacityStore store, Scenario scenario) {
    Instant first = before(scenario);
    Instant last =
        scenario.bookings().stream()
            .map(Booking::start)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    return store
        .occupancy(scenario.restaurant().id(), first, last.plus(Duration.ofDays(2)))
        .occupancy()
        .entries();
  }

  /**
   * The live holds over a scenario's days.
   *
   * @param store the store
   * @param scenario the scenario
   * @return the hold entries
   */
  public static List<OccupancyEntry> liveHolds(CapacityStore store, Scenario scenario) {
    return occupancy(store, scenario).stream().filter(e -> e.kind() == OccupancyKind.HOLD).toList();
  }

  /**
   * The store's assignments of a scenario's bookings as a result.
   *
   * @param store the store
   * @param scenario the scenario
   * @param mode the result's mode
   * @return the result
   */
  public static SeatingResult result(CapacityStore store, Scenario scenario, ResultMode mode) {
    return ScenarioLoader.readBack(store, scenario, mode, id -> "NO_CAPACITY");
  }
}
