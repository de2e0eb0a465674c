package dev.capacity.benchmarks;

import dev.capacity.Assignment;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.Lookahead;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Planner;
import dev.capacity.Replay;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.SeatingResult;
import dev.capacity.Unassigned;
import dev.capacity.format.ScenarioFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bundled scenario replayed in fixed mode, with the day's occupancy: the scenario's blocks and
 * every assignment of the result in place. The input of the quote benchmark and the memory report.
 *
 * <p>Immutable and thread-safe.
 */
final class Day {
  final Scenario scenario;
  final SeatingResult result;
  final Occupancy occupancy;

  private Day(Scenario scenario, SeatingResult result, Occupancy occupancy) {
    this.scenario = scenario;
    this.result = result;
    this.occupancy = occupancy;
  }

  /**
   * A bundled scenario from the core test-jar.
   *
   * @param name a name of {@link ScenarioFiles#NAMES}
   * @return the scenario
   */
  static Scenario scenario(String name) {
    if (!ScenarioFiles.NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "no bundled scenario '" + name + "'; there are " + ScenarioFiles.NAMES);
    }
    return ScenarioFiles.scenario(name);
  }

  /**
   * The scenario with its policy's lookahead set.
   *
   * @param s the scenario
   * @param lookahead the lookahead settings
   * @return the changed scenario
   */
  static Scenario withLookahead(Scenario s, Lookahead lookahead) {
    SeatingPolicy policy = s.policy().toBuilder().lookahead(lookahead).build();
    return new Scenario(
        s.name(),
        s.restaurant(),
        policy,
        s.floor(),
        s.bookings(),
        s.existingAssignments(),
        s.blocks());
  }

  /**
   * Replays a scenario in fixed mode and builds the occupancy of its result.
   *
   * @param scenario the scenario
   * @param planner the planner (its catalog cache is warm afterwards)
   * @return the day
   */
  static Day replay(Scenario scenario, Planner planner) {
    SeatingResult result = Replay.fixed(scenario, planner);
    return new Day(scenario, result, occupancy(scenario, result));
  }

  /**
   * The occupancy of a result: the scenario's blocks and every assignment over its window (dining
   * range plus buffer), as {@link Replay} builds it.
   *
   * @param scenario the scenario
   * @param result a result of it
   * @return the occupancy
   */
  static Occupancy occupancy(Scenario scenario, SeatingResult result) {
    SeatingPolicy policy = scenario.policy();
    Map<String, Booking> byId = byId(scenario);
    List<OccupancyEntry> entries = new ArrayList<>();
    scenario.blocks().forEach(b -> entries.add(OccupancyEntry.of(b)));
    for (Assignment a : result.assignments()) {
      Booking b = Objects.requireNonNull(byId.get(a.booking()), a.booking());
      BookingWindow w = policy.window(a.start(), a.end(), null);
      entries.add(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, b, a.tables(), w, null));
    }
    return Occupancy.empty(scenario.floor(), policy, scenario.restaurant().timeZone())
        .withAll(entries);
  }

  /** The scenario's bookings by id. */
  static Map<String, Booking> byId(Scenario scenario) {
    Map<String, Booking> byId = new HashMap<>();
    scenario.bookings().forEach(b -> byId.put(b.id(), b));
    return byId;
  }

  /** The bookings the replay refused, in the result's order. */
  List<Booking> unassigned() {
    Map<String, Booking> byId = byId(scenario);
    List<Booking> out = new ArrayList<>();
    for (Unassigned u : result.unassigned()) {
      out.add(Objects.requireNonNull(byId.get(u.booking()), u.booking()));
    }
    return out;
  }
}
