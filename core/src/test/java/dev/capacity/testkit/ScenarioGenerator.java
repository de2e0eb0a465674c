package dev.capacity.testkit;

import dev.capacity.Adjacency;
import dev.capacity.AdjacencyMode;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingStatus;
import dev.capacity.FloorPlan;
import dev.capacity.Lookahead;
import dev.capacity.Pacing;
import dev.capacity.Restaurant;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import dev.capacity.Zone;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of whole scenarios: a floor of tables in zones laid out as rows (each table
 * adjacent to the next in its row, with a few extra edges), a dinner service that may cross
 * midnight, optional pacing and blocks, and a day's bookings of random parties and starts. The same
 * seed always gives the same scenario.
 */
public final class ScenarioGenerator {
  private ScenarioGenerator() {}

  /** The day every generated scenario is on (local dinner service in Europe/London). */
  public static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

  /**
   * Generates a scenario.
   *
   * @param seed the seed
   * @param maxTables most tables
   * @param maxBookings most bookings
   * @return the scenario
   */
  public static Scenario generate(long seed, int maxTables, int maxBookings) {
    SplittableRandom r = new SplittableRandom(seed);
    int zones = 1 + r.nextInt(3);
    List<Zone> zs = new ArrayList<>();
    for (int z = 0; z < zones; z++) {
      zs.add(new Zone("z" + z, "Zone " + z));
    }
    int n = 2 + r.nextInt(Math.max(1, maxTables - 1));
    List<Table> tables = new ArrayList<>();
    List<Adjacency> edges = new ArrayList<>();
    int[] sizes = {2, 2, 2, 4, 4, 4, 6, 8};
    for (int i = 0; i < n; i++) {
      int cap = sizes[r.nextInt(sizes.length)];
      String zone = "z" + (i * zones / n);
      tables.add(
          new Table(
              String.format("T%03d", i),
              zone,
              cap,
              1,
              cap,
              r.nextInt(8) != 0,
              r.nextInt(20) != 0,
              Map.of()));
      if (i > 0 && tables.get(i - 1).zone().equals(zone) && r.nextInt(5) != 0) {
        edges.add(Adjacency.of(String.format("T%03d", i - 1), String.format("T%03d", i)));
      }
      if (i > 1 && r.nextInt(6) == 0) {
        edges.add(Adjacency.of(String.format("T%03d", i - 2), String.format("T%03d", i)));
      }
    }
    boolean late = r.nextBoolean();
    SeatingPolicy.Builder b =
        SeatingPolicy.builder()
            .bufferMinutes(15)
            .kMax(1 + r.nextInt(3))
            .maxOverage(r.nextInt(3))
            .adjacencyMode(AdjacencyMode.values()[r.nextInt(3)])
            .lookahead(Lookahead.off())
            .servicePeriods(
                List.of(
                    new ServicePeriod(
                        "dinner",
                        LocalTime.of(17, 0),
                        late ? LocalTime.of(1, 0) : LocalTime.of(23, 0))));
    if (r.nextInt(3) == 0) {
      b.pacing(new Pacing(15, 6 + r.nextInt(20)));
    }
    SeatingPolicy policy = b.build();
    FloorPlan floor = FloorPlan.of(zs, tables, edges);
    int count = 1 + r.nextInt(maxBookings);
    List<Booking> bookings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // starts from 16:30 (outside service) to 01:15, in 15-minute steps, local = UTC in November
      int quarter = 66 + r.nextInt(36);
      Instant start = DAY.plusSeconds(quarter * 15L * 60);
      int party = 1 + (r.nextInt(10) == 0 ? r.nextInt(14) : r.nextInt(6));
      bookings.add(
          new Booking(
              String.format("b%03d", i),
              party,
              start,
              null,
              DAY.minusSeconds(86_400L * 5 - 60L * r.nextInt(5000)),
              r.nextInt(8) == 0 ? "z" + r.nextInt(zones) : null,
              BookingStatus.PENDING));
    }
    List<Block> blocks = new ArrayList<>();
    if (r.nextInt(3) == 0) {
      Instant s = DAY.plusSeconds((68 + r.nextInt(16)) * 15L * 60);
      blocks.add(
          new Block(
              "blk0", tables.get(r.nextInt(n)).id(), s, s.plusSeconds(3600L * (1 + r.nextInt(3)))));
    }
    return new Scenario(
        "generated-" + seed,
        Restaurant.of("gen", "Europe/London"),
        policy,
        floor,
        bookings,
        List.of(),
        blocks);
  }
}
