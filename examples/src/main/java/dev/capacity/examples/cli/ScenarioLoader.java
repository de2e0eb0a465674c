package dev.capacity.examples.cli;

import dev.capacity.AssignRequest;
import dev.capacity.Assignment;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.ContextVersion;
import dev.capacity.Outcome;
import dev.capacity.Scenario;
import dev.capacity.spi.CapacityStore;

/**
 * Loads a scenario into a store: the restaurant with its floor plan and policy, the bookings, the
 * blocks, and the existing assignments through {@code assign} (so the store checks them like every
 * other plan). Thread-safe (stateless).
 */
final class ScenarioLoader {
  private ScenarioLoader() {}

  /** The store refused part of a scenario. */
  static final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    LoadException(String message) {
      super(message);
    }
  }

  /**
   * Loads a scenario.
   *
   * @param store an empty store (or one without this restaurant)
   * @param scenario the scenario
   * @throws LoadException if the store refuses something, naming it and the reason
   */
  static void load(CapacityStore store, Scenario scenario) throws LoadException {
    String r = scenario.restaurant().id();
    check(
        store.saveRestaurant(scenario.restaurant(), scenario.floor(), scenario.policy()),
        "restaurant " + r);
    for (Booking b : scenario.bookings()) {
      check(store.saveBooking(r, b), "booking " + b.id());
    }
    for (Block b : scenario.blocks()) {
      check(store.addBlock(r, b), "block " + b.id());
    }
    for (Assignment a : scenario.existingAssignments()) {
      ContextVersion v = store.contextVersion(r, a.booking());
      if (v == null) {
        throw new LoadException("existing assignment of " + a.booking() + ": no such booking");
      }
      check(
          store.assign(
              r,
              new AssignRequest(
                  a.booking(),
                  a.tables(),
                  v,
                  "existing-" + a.booking(),
                  "loader",
                  "existing assignment")),
          "existing assignment of " + a.booking());
    }
  }

  private static void check(Outcome<?> outcome, String what) throws LoadException {
    if (!outcome.isSuccess()) {
      throw new LoadException(what + " refused: " + outcome.refusalOrNull());
    }
  }
}
