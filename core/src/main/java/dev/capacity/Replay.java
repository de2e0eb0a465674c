package dev.capacity;

import dev.capacity.spi.TimeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays a scenario's bookings through a planner in {@link ResultMode#FIXED} mode: bookings arrive
 * in {@code createdAt} order (ties by id); each is quoted against the occupancy so far and seated
 * on the best plan at once, or refused with the quote's reason. Existing assignments and blocks are
 * in place from the start and kept.
 *
 * <p>The result's metrics add {@code elapsedMillis}, {@code quoteMicrosP50}, {@code
 * quoteMicrosP99}, {@code quoteMicrosMax} and {@code incompleteSearches}.
 *
 * <p>Stateless and thread-safe; each call works on its own occupancy.
 */
public final class Replay {
  private Replay() {}

  /**
   * Replays in fixed mode with the system time source.
   *
   * @param scenario the scenario
   * @param planner the planner
   * @return the result
   */
  public static SeatingResult fixed(Scenario scenario, Planner planner) {
    return fixed(scenario, planner, TimeSource.system());
  }

  /**
   * Replays in fixed mode.
   *
   * @param scenario the scenario
   * @param planner the planner
   * @param time measures the elapsed time and quote latencies
   * @return the result
   * @throws NullPointerException if an argument is null
   */
  public static SeatingResult fixed(Scenario scenario, Planner planner, TimeSource time) {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(planner, "planner");
    long t0 = time.nanoTime();
    Restaurant restaurant = scenario.restaurant();
    SeatingPolicy policy = scenario.policy();
    FloorPlan floor = scenario.floor();
    Map<String, Booking> byId = new HashMap<>();
    scenario.bookings().forEach(b -> byId.put(b.id(), b));

    Occupancy occupancy = Occupancy.empty(floor, policy, restaurant.timeZone());
    List<OccupancyEntry> initial = new ArrayList<>();
    scenario.blocks().forEach(b -> initial.add(OccupancyEntry.of(b)));
    List<Assignment> assignments = new ArrayList<>();
    for (Assignment a : scenario.existingAssignments()) {
      Booking b = Objects.requireNonNull(byId.get(a.booking()));
      BookingWindow w = policy.window(a.start(), a.end(), null);
      initial.add(
          new OccupancyEntry(
              OccupancyKind.ASSIGNMENT,
              b.id(),
              a.tables(),
              w.start(),
              w.blockedUntil(),
              b.partySize(),
              null));
      assignments.add(a);
    }
    occupancy = occupancy.withAll(initial);

    List<Booking> arrivals = new ArrayList<>(scenario.bookings());
    arrivals.removeIf(b -> occupancyHas(scenario, b.id()));
    arrivals.sort(Comparator.comparing(Booking::createdAt).thenComparing(Booking::id));

    List<Unassigned> unassigned = new ArrayList<>();
    long[] micros = new long[arrivals.size()];
    int incomplete = 0;
    int i = 0;
    for (Booking b : arrivals) {
      long q0 = time.nanoTime();
      Quote quote =
          planner.quote(new QuoteRequest(restaurant, floor, policy, b, occupancy, List.of(), 1));
      micros[i++] = (time.nanoTime() - q0) / 1_000;
      if (!quote.diagnostics().complete()) {
        incomplete++;
      }
      PlanOption best = quote.best();
      BookingWindow w = quote.window();
      if (best == null || w == null) {
        Reason r = quote.refusal();
        unassigned.add(new Unassigned(b.id(), r == null ? Reason.NO_CAPACITY.name() : r.name()));
        continue;
      }
      occupancy =
          occupancy.with(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, b, best.tables(), w, null));
      assignments.add(new Assignment(b.id(), best.tables(), w.start(), w.end()));
    }
    double elapsedMillis = (time.nanoTime() - t0) / 1e6;
    Arrays.sort(micros);
    Map<String, Double> extra = new HashMap<>();
    extra.put("elapsedMillis", elapsedMillis);
    extra.put("quoteMicrosP50", (double) percentile(micros, 0.50));
    extra.put("quoteMicrosP99", (double) percentile(micros, 0.99));
    extra.put("quoteMicrosMax", micros.length == 0 ? 0.0 : (double) micros[micros.length - 1]);
    extra.put("incompleteSearches", (double) incomplete);
    return new SeatingResult(
        scenario.name(),
        ResultMode.FIXED,
        assignments,
        unassigned,
        metrics(scenario, assignments, extra));
  }

  private static boolean occupancyHas(Scenario scenario, String bookingId) {
    for (Assignment a : scenario.existingAssignments()) {
      if (a.booking().equals(bookingId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The nearest-rank percentile of sorted values.
   *
   * @param sorted ascending values
   * @param p the fraction, 0 to 1
   * @return the value, 0 when there are none
   */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * The counting metrics of a result: bookings and covers, all and seated.
   *
   * @param scenario the scenario
   * @param assignments the assignments
   * @param extra further figures
   * @return the metrics
   */
  public static ResultMetrics metrics(
      Scenario scenario, List<Assignment> assignments, Map<String, Double> extra) {
    Map<String, Integer> party = new HashMap<>();
    int covers = 0;
    for (Booking b : scenario.bookings()) {
      party.put(b.id(), b.partySize());
      covers += b.partySize();
    }
    int seatedCovers = 0;
    for (Assignment a : assignments) {
      seatedCovers += party.getOrDefault(a.booking(), 0);
    }
    return new ResultMetrics(
        scenario.bookings().size(), assignments.size(), covers, seatedCovers, extra);
  }
}
