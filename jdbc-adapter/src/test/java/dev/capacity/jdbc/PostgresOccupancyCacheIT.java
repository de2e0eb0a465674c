package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Block;
import dev.capacity.BookingStatus;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Occupancy;
import dev.capacity.Outcome;
import dev.capacity.Restaurant;
import dev.capacity.SeatingPolicy;
import dev.capacity.Table;
import dev.capacity.jdbc.testing.PostgresExtension;
import dev.capacity.spi.OccupancySnapshot;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The occupancy cache of {@link PostgresCapacityStore}: after any sequence of writes, holds
 * expiring, sweeps and saves of the restaurant, a store that brings its last read up to date shows
 * what a store reading every row shows. Seeded random sequences of every kind of write, through the
 * store's own commands, each followed by reads of whole days (equal entries and versions) and of
 * windows inside them (the cached snapshot holds every entry the full read of the window holds, and
 * the same version).
 */
@ExtendWith(PostgresExtension.class)
class PostgresOccupancyCacheIT {
  private static final String SCHEMA = "occupancy_cache";
  private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

  private static DataSource dataSource;

  @BeforeAll
  static void migrate(DataSource ds) {
    PostgresSchema.migrate(ds, SCHEMA);
    dataSource = ds;
  }

  private static PostgresCapacityStore store(MutableTimeSource clock, boolean cache) {
    return PostgresCapacityStore.builder(dataSource)
        .schema(SCHEMA)
        .timeSource(clock)
        .occupancyCache(cache)
        .build();
  }

  @Test
  void aCachedReadShowsWhatAFullReadShowsAfterEveryKindOfWrite() {
    for (long seed = 1; seed <= 12; seed++) {
      replay(seed, 70);
    }
  }

  /** Writes at random and compares the two stores after each write. */
  private static void replay(long seed, int steps) {
    Random random = new Random(seed);
    MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
    PostgresCapacityStore cached = store(clock, true);
    PostgresCapacityStore full = store(clock, false);
    String r = SqlFixtures.newId("cache" + seed);
    FloorPlan floor = Fixtures.floor();
    SeatingPolicy policy = Fixtures.policy();
    ok(cached.saveRestaurant(new Restaurant(r, Fixtures.ZONE), floor, policy));
    List<String> bookings = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String id = "b" + i;
      int minutes = 17 * 60 + 15 * random.nextInt(20);
      String hhmm = String.format("%02d:%02d", minutes / 60, minutes % 60);
      ok(cached.saveBooking(r, Fixtures.booking(id, 1 + random.nextInt(4), hhmm)));
      bookings.add(id);
    }
    List<String> tables = floor.tables().stream().map(Table::id).toList();
    Map<String, String> holds = new HashMap<>();
    Set<String> blocks = new HashSet<>();
    compare(seed, -1, "start", r, cached, full);
    for (int step = 0; step < steps; step++) {
      String booking = bookings.get(random.nextInt(bookings.size()));
      List<String> plan = plan(random, tables);
      String did;
      switch (random.nextInt(11)) {
        case 0, 1 -> {
          Outcome<Hold> h =
              cached.hold(r, booking, plan, Duration.ofMinutes(1 + random.nextInt(9)));
          Hold held = h.valueOrNull();
          if (held != null) {
            holds.put(booking, held.id());
          }
          did = "hold " + booking + " " + plan + " " + h.reason();
        }
        case 2 -> {
          String hold = holds.remove(booking);
          did =
              hold == null
                  ? "nothing"
                  : "confirm "
                      + booking
                      + " "
                      + cached.confirm(r, booking, hold, "k" + seed + "-" + step, "test").reason();
        }
        case 3, 4 ->
            did =
                "holdAndConfirm "
                    + booking
                    + " "
                    + plan
                    + " "
                    + cached
                        .holdAndConfirm(r, booking, plan, "k" + seed + "-" + step, "test")
                        .reason();
        case 5 -> {
          String hold = holds.remove(booking);
          did =
              hold == null
                  ? "nothing"
                  : "release " + booking + " " + cached.releaseHold(r, booking, hold).reason();
        }
        case 6 ->
            did = "unassign " + booking + " " + cached.unassign(r, booking, "test", "t").reason();
        case 7 ->
            did =
                "cancel "
                    + booking
                    + " "
                    + cached.transition(r, booking, BookingStatus.CANCELLED, "test", "t").reason();
        case 8 -> {
          String id = "x" + step;
          Instant start = Fixtures.at("17:00").plus(Duration.ofMinutes(15L * random.nextInt(20)));
          Outcome<Block> b =
              cached.addBlock(r, new Block(id, plan.get(0), start, start.plusSeconds(3600)));
          if (b.isSuccess()) {
            blocks.add(id);
          }
          did = "block " + plan.get(0) + " " + b.reason();
        }
        case 9 -> {
          String id = blocks.stream().findFirst().orElse(null);
          if (id != null) {
            blocks.remove(id);
          }
          did = id == null ? "nothing" : "unblock " + cached.removeBlock(r, id).reason();
        }
        default -> {
          clock.advance(Duration.ofMinutes(random.nextInt(4)));
          did =
              random.nextBoolean()
                  ? "sweep " + cached.sweepExpiredHolds(r)
                  : "save "
                      + cached
                          .saveRestaurant(new Restaurant(r, Fixtures.ZONE), floor, policy)
                          .reason();
        }
      }
      compare(seed, step, did, r, cached, full);
    }
  }

  private static List<String> plan(Random random, List<String> tables) {
    int first = random.nextInt(tables.size());
    List<String> plan = new ArrayList<>(List.of(tables.get(first)));
    if (random.nextInt(3) == 0) {
      plan.add(tables.get((first + 1) % tables.size()));
    }
    return plan;
  }

  private static void compare(
      long seed,
      int step,
      String did,
      String r,
      PostgresCapacityStore cached,
      PostgresCapacityStore full) {
    String as = "seed " + seed + ", step " + step + " (" + did + ")";
    // whole days, as the cache keeps them: the same entries and version
    OccupancySnapshot c = cached.occupancy(r, DAY, DAY.plus(Duration.ofDays(1)));
    OccupancySnapshot f = full.occupancy(r, DAY, DAY.plus(Duration.ofDays(1)));
    assertThat(c.occupancy().entries()).as(as).isEqualTo(f.occupancy().entries());
    assertThat(c.version()).as(as).isEqualTo(f.version());
    assertSameBits(as, c.occupancy(), f.occupancy());
    // a window inside the day: every entry of the full read, and the same version
    Instant from = Fixtures.at("19:00");
    Instant to = Fixtures.at("20:30");
    OccupancySnapshot cw = cached.occupancy(r, from, to);
    OccupancySnapshot fw = full.occupancy(r, from, to);
    assertThat(cw.occupancy().entries()).as(as).containsAll(fw.occupancy().entries());
    assertThat(cw.version()).as(as).isEqualTo(fw.version());
  }

  /** The availability bitsets agree table by table over the service. */
  private static void assertSameBits(String as, Occupancy a, Occupancy b) {
    long first = a.policy().slotOf(Fixtures.at("16:00"));
    long end = a.policy().slotOf(Fixtures.at("23:59"));
    for (int t = 0; t < a.floor().tables().size(); t++) {
      for (long s = first; s < end; s++) {
        assertThat(a.isFree(t, s, s + 1))
            .as(as + ", table " + a.floor().tables().get(t).id() + ", slot " + s)
            .isEqualTo(b.isFree(t, s, s + 1));
      }
    }
  }

  private static <T> T ok(Outcome<T> outcome) {
    assertThat(outcome.refusalOrNull()).as("refusal").isNull();
    return outcome.orElseThrow();
  }
}
