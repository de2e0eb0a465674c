package dev.capacity.testkit;

import dev.capacity.Adjacency;
import dev.capacity.AdjacencyMode;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.Combination;
import dev.capacity.FloorPlan;
import dev.capacity.Lookahead;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Restaurant;
import dev.capacity.SeatingPolicy;
import dev.capacity.Table;
import dev.capacity.Zone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of small random planning cases: a floor of up to {@code maxTables} tables in
 * one to three zones, random adjacency, flags and party limits, a policy with a random adjacency
 * mode and kMax, some occupied tables, and a booking to quote. The same seed gives the same case.
 */
public final class SmallFloors {
  private SmallFloors() {}

  /** The restaurant every case uses. */
  public static final Restaurant RESTAURANT = Restaurant.of("r", "Europe/Paris");

  /** The start of the booking every case quotes. */
  public static final Instant START = Instant.parse("2026-11-20T19:00:00Z");

  /**
   * A planning case.
   *
   * @param seed the seed it came from
   * @param floor the floor plan
   * @param policy the policy
   * @param occupancy what is occupied
   * @param booking the booking to quote
   */
  public record Case(
      long seed, FloorPlan floor, SeatingPolicy policy, Occupancy occupancy, Booking booking) {}

  /**
   * Generates a case.
   *
   * @param seed the seed
   * @param maxTables most tables
   * @param maxK largest kMax
   * @return the case
   */
  public static Case generate(long seed, int maxTables, int maxK) {
    SplittableRandom r = new SplittableRandom(seed);
    int zones = 1 + r.nextInt(3);
    List<Zone> zs = new ArrayList<>();
    for (int z = 0; z < zones; z++) {
      zs.add(new Zone("z" + z, "Zone " + z));
    }
    int n = 1 + r.nextInt(maxTables);
    List<Table> tables = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int cap = 1 + r.nextInt(6);
      int min = r.nextInt(4) == 0 ? 1 + r.nextInt(cap) : 1;
      int max = r.nextInt(4) == 0 ? min + r.nextInt(cap + 2) : cap;
      tables.add(
          new Table(
              "T" + i,
              "z" + r.nextInt(zones),
              cap,
              min,
              Math.max(min, max),
              r.nextInt(6) != 0,
              r.nextInt(10) != 0,
              Map.of()));
    }
    List<Adjacency> edges = new ArrayList<>();
    double density = 0.15 + r.nextDouble() * 0.5;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (r.nextDouble() < density) {
          edges.add(Adjacency.of("T" + i, "T" + j));
        }
      }
    }
    List<Combination> combos = new ArrayList<>();
    if (n >= 2 && r.nextInt(3) == 0) {
      int a = r.nextInt(n);
      int b = (a + 1 + r.nextInt(n - 1)) % n;
      combos.add(
          new Combination("C0", List.of("T" + a, "T" + b), 1 + r.nextInt(4), 4 + r.nextInt(8)));
    }
    FloorPlan floor = FloorPlan.of(zs, tables, edges, combos);
    AdjacencyMode mode = AdjacencyMode.values()[r.nextInt(3)];
    SeatingPolicy policy =
        SeatingPolicy.builder()
            .kMax(1 + r.nextInt(maxK))
            .maxOverage(r.nextInt(4))
            .adjacencyMode(mode)
            .adjacencyMinPartySize(r.nextInt(4) == 0 ? 2 + r.nextInt(5) : null)
            .sameZone(r.nextInt(4) != 0)
            .bufferMinutes(15)
            .lookahead(Lookahead.off())
            .build();
    int party = 1 + r.nextInt(12);
    Booking booking =
        new Booking(
            "b",
            party,
            START,
            null,
            START.minusSeconds(86_400),
            r.nextInt(5) == 0 ? "z" + r.nextInt(zones) : null,
            dev.capacity.BookingStatus.PENDING);
    Occupancy occ = Occupancy.empty(floor, policy, RESTAURANT.timeZone());
    int entries = r.nextInt(n + 1);
    for (int e = 0; e < entries; e++) {
      String t = "T" + r.nextInt(n);
      Instant s = START.plusSeconds(60L * 15 * (r.nextInt(17) - 10));
      BookingWindow w = policy.window(s, s.plusSeconds(60L * 15 * (1 + r.nextInt(8))), null);
      OccupancyKind kind = r.nextBoolean() ? OccupancyKind.ASSIGNMENT : OccupancyKind.BLOCK;
      occ =
          occ.with(
              new OccupancyEntry(kind, "o" + e, List.of(t), w.start(), w.blockedUntil(), 2, null));
    }
    return new Case(seed, floor, policy, occ, booking);
  }
}
