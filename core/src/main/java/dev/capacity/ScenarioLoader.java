package dev.capacity;

import dev.capacity.spi.CapacityWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Loads a {@link Scenario} into a store: restaurant, floor plan and policy, bookings, blocks, and
 * the existing assignments through {@link CapacityWriter#assign} (so they are checked like every
 * other plan). Used by the command-line program, the benchmarks and the tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScenarioLoader {
  private ScenarioLoader() {}

  /**
   * Where a clock for running a scenario's day starts: one hour before its earliest booking (the
   * epoch for a scenario without bookings), so that no booking is past its cut-off.
   *
   * @param scenario the scenario
   * @return the instant
   * @throws NullPointerException if the scenario is null
   */
  public static Instant clockStart(Scenario scenario) {
    return scenario.bookings().stream()
        .map(Booking::start)
        .min(Comparator.naturalOrder())
        .map(t -> t.minus(Duration.ofHours(1)))
        .orElse(Instant.EPOCH);
  }

  /**
   * Loads a scenario.
   *
   * @param store the store to write to
   * @param scenario the scenario
   * @throws IllegalStateException if the store refuses any part, naming the part and the refusal;
   *     what was written before stays written
   * @throws NullPointerException if an argument is null
   */
  public static void load(dev.capacity.spi.CapacityStore store, Scenario scenario) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(scenario, "scenario");
    check(
        store.saveRestaurant(scenario.restaurant(), scenario.floor(), scenario.policy()),
        "restaurant " + scenario.restaurant().id());
    String r = scenario.restaurant().id();
    for (Booking b : scenario.bookings()) {
      check(store.saveBooking(r, b), "booking " + b.id());
    }
    for (Block b : scenario.blocks()) {
      check(store.addBlock(r, b), "block " + b.id());
    }
    for (Assignment a : scenario.existingAssignments()) {
      ContextVersion context = store.contextVersion(r, a.booking());
      if (context == null) {
        throw new IllegalStateException("no context for booking " + a.booking());
      }
      check(
          store.assign(
              r,
              new AssignRequest(
                  a.booking(),
                  a.tables(),
                  context,
                  "existing-" + a.booking(),
                  "loader",
                  "existing assignment")),
          "existing assignment of " + a.booking());
    }
  }

  private static void check(Outcome<?> outcome, String what) {
    if (outcome instanceof Outcome.Refused<?> refused) {
      throw new IllegalStateException("the store refused " + what + ": " + refused.refusal());
    }
  }
}
