package dev.capacity;

import dev.capacity.spi.CapacityWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
   * Reads back what a run of the auto-assigner left in a store for a scenario's bookings, as a
   * result the rule checker can judge: the bookings' assignments as stored, every other booking
   * unassigned with the runner's reason ({@code NOT_ATTEMPTED} when the run has none), and the
   * run's figures (elapsed time, bookings per second, percentiles, conflicts retried, attempts,
   * workers) as extra metrics.
   *
   * @param store the store the run wrote to
   * @param scenario the scenario whose bookings were run
   * @param report the run's report
   * @return the result, in {@link ResultMode#BATCH}
   * @throws NullPointerException if an argument is null
   */
  public static SeatingResult readBack(
      dev.capacity.spi.CapacityReader store, Scenario scenario, AutoAssignReport report) {
    Objects.requireNonNull(report, "report");
    SeatingResult read =
        readBack(
            store,
            scenario,
            ResultMode.BATCH,
            id -> {
              AutoAssignResult res = report.result(id);
              Reason reason = res == null ? null : res.reason();
              return reason == null ? "NOT_ATTEMPTED" : reason.name();
            });
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put("elapsedMillis", report.nanos() / 1e6);
    extra.put("bookingsPerSecond", report.bookingsPerSecond());
    extra.put("bookingMillisP50", report.millisPercentile(50));
    extra.put("bookingMillisP95", report.millisPercentile(95));
    extra.put("bookingMillisP99", report.millisPercentile(99));
    extra.put("conflictsRetried", (double) report.conflictsRetried());
    extra.put("attempts", (double) report.attempts());
    extra.put("workers", (double) report.workers());
    ResultMetrics m = read.metrics();
    return new SeatingResult(
        read.scenario(),
        read.mode(),
        read.assignments(),
        read.unassigned(),
        new ResultMetrics(m.bookings(), m.seatedBookings(), m.covers(), m.seatedCovers(), extra));
  }

  /**
   * Reads back a store's assignments of a scenario's bookings as a result the rule checker can
   * judge: each booking's assignment as stored, every other booking unassigned with the reason
   * {@code whyUnassigned} gives for its id.
   *
   * @param store the store
   * @param scenario the scenario
   * @param mode the result's mode
   * @param whyUnassigned the reason to record for a booking without tables, by booking id
   * @return the result, without extra metrics
   * @throws NullPointerException if an argument is null
   */
  public static SeatingResult readBack(
      dev.capacity.spi.CapacityReader store,
      Scenario scenario,
      ResultMode mode,
      Function<String, String> whyUnassigned) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(whyUnassigned, "whyUnassigned");
    String r = scenario.restaurant().id();
    List<Assignment> seated = new ArrayList<>();
    List<Unassigned> unassigned = new ArrayList<>();
    int covers = 0;
    int seatedCovers = 0;
    for (Booking b : scenario.bookings()) {
      covers += b.partySize();
      BookingState st = store.booking(r, b.id());
      Assignment a = st == null ? null : st.assignment();
      if (a != null) {
        seated.add(a);
        seatedCovers += b.partySize();
      } else {
        unassigned.add(new Unassigned(b.id(), whyUnassigned.apply(b.id())));
      }
    }
    return new SeatingResult(
        scenario.name(),
        mode,
        seated,
        unassigned,
        new ResultMetrics(
            scenario.bookings().size(), seated.size(), covers, seatedCovers, Map.of()));
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
