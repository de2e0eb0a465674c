package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.Block;
import dev.capacity.BookingStatus;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Occupancy;
import dev.capacity.Outcome;
import dev.capacity.Restaurant;
import dev.capacity.SeatingPolicy;
import dev.capacity.jdbc.testing.PostgresExtension;
import dev.capacity.spi.OccupancySnapshot;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The occupancy cache of {@link PostgresCapacityStore}: after any sequence of writes, holds
 * expiring, sweeps, saves of the restaurant and clock moves, a store that brings its last read up
 * to date shows what a store reading every row shows. Seeded random sequences of every kind of
 * write through the store's own commands (with plans that fit, so most of them succeed), each
 * followed by reads of one day and of two days (equal entries, free slots and versions) and of a
 * window inside the day (every entry of the full read, the same version); a restaurant deleted and
 * saved again under its id; readers on several threads while a writer runs.
 */
@ExtendWith(PostgresExtension.class)
class PostgresOccupancyCacheIT {
  private static final String SCHEMA = "occupancy_cache";
  private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
  private static final List<String> TWO_TOPS = List.of("T1", "T2", "T7");
  private static final List<List<String>> FOUR_TOPS =
      List.of(List.of("T4"), List.of("T6"), List.of("T8"), List.of("T1", "T2"));

  private static DataSource dataSource;

  @BeforeAll
  static void migrate(DataSource ds) {
    PostgresSchema.migrate(ds, SCHEMA);
    PostgresSchema.migrate(ds, SCHEMA + "_again");
    dataSource = ds;
  }

  private static PostgresCapacityStore store(
      String schema, MutableTimeSource clock, boolean cache) {
    return PostgresCapacityStore.builder(dataSource)
        .schema(schema)
        .timeSource(clock)
        .occupancyCacheWindows(cache ? PostgresCapacityStore.DEFAULT_CACHED_WINDOWS : 0)
        .build();
  }

  @Test
  void aCachedReadShowsWhatAFullReadShowsAfterEveryKindOfWrite() {
    Map<String, Integer> done = new TreeMap<>();
    for (long seed = 1; seed <= 10; seed++) {
      replay(seed, 90, done);
    }
    // the sequences did what they claim: every kind of write succeeded often enough
    assertThat(done)
        .as("successful writes by kind")
        .allSatisfy((kind, n) -> assertThat(n).as(kind).isGreaterThanOrEqualTo(5))
        .containsKeys(
            "hold",
            "hold again",
            "confirm",
            "holdAndConfirm",
            "release",
            "unassign",
            "cancel",
            "seat",
            "block",
            "block moved",
            "unblock",
            "sweep",
            "save",
            "save other policy",
            "clock back",
            "expired");
  }

  /** Writes at random and compares the two stores after each write. */
  private static void replay(long seed, int steps, Map<String, Integer> done) {
    Random random = new Random(seed);
    MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
    PostgresCapacityStore cached = store(SCHEMA, clock, true);
    PostgresCapacityStore full = store(SCHEMA, clock, false);
    String r = SqlFixtures.newId("cache" + seed);
    Restaurant restaurant = new Restaurant(r, Fixtures.ZONE);
    FloorPlan floor = Fixtures.floor();
    SeatingPolicy policy = Fixtures.policy();
    SeatingPolicy other = Fixtures.policyBuilder().bufferMinutes(10).build();
    ok(cached.saveRestaurant(restaurant, floor, policy));
    Map<String, Integer> parties = new HashMap<>();
    List<String> bookings = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String id = "b" + i;
      int party = random.nextBoolean() ? 2 : 4;
      int minutes = 17 * 60 + 15 * random.nextInt(20);
      String hhmm = String.format("%02d:%02d", minutes / 60, minutes % 60);
      ok(cached.saveBooking(r, Fixtures.booking(id, party, hhmm)));
      bookings.add(id);
      parties.put(id, party);
    }
    Map<String, String> holds = new HashMap<>();
    List<String> blocks = new ArrayList<>();
    compare(seed, -1, "start", r, cached, full);
    for (int step = 0; step < steps; step++) {
      String booking = bookings.get(random.nextInt(bookings.size()));
      List<String> plan = plan(random, parties.getOrDefault(booking, 2));
      String key = "k" + seed + "-" + step;
      String did;
      switch (random.nextInt(14)) {
        case 0, 1, 2 -> {
          Duration ttl = Duration.ofMinutes(3 + random.nextInt(12));
          Outcome<Hold> h = cached.hold(r, booking, plan, ttl);
          Hold held = h.valueOrNull();
          if (held != null) {
            count(done, holds.put(booking, held.id()) == null ? "hold" : "hold again");
          }
          did = "hold " + booking + " " + plan + " " + h.reason();
        }
        case 3 -> {
          String b = any(random, holds);
          String hold = b == null ? null : holds.remove(b);
          Outcome<?> o = b == null || hold == null ? null : cached.confirm(r, b, hold, key, "test");
          tally(done, "confirm", o);
          did = "confirm " + b + " " + (o == null ? "-" : o.reason());
        }
        case 4, 5 -> {
          Outcome<?> o = cached.holdAndConfirm(r, booking, plan, key, "test");
          tally(done, "holdAndConfirm", o);
          if (o.isSuccess()) {
            holds.remove(booking);
          }
          did = "holdAndConfirm " + booking + " " + plan + " " + o.reason();
        }
        case 6 -> {
          String b = any(random, holds);
          String hold = b == null ? null : holds.remove(b);
          Outcome<?> o = b == null || hold == null ? null : cached.releaseHold(r, b, hold);
          tally(done, "release", o);
          did = "release " + b + " " + (o == null ? "-" : o.reason());
        }
        case 7 -> {
          Outcome<?> o = cached.unassign(r, booking, "test", "t");
          tally(done, "unassign", o);
          holds.remove(booking);
          did = "unassign " + booking + " " + o.reason();
        }
        case 8 -> {
          boolean seat = random.nextBoolean();
          Outcome<?> o =
              cached.transition(
                  r, booking, seat ? BookingStatus.SEATED : BookingStatus.CANCELLED, "test", "t");
          tally(done, seat ? "seat" : "cancel", o);
          if (o.isSuccess()) {
            holds.remove(booking);
            if (!seat) {
              bookings.remove(booking);
            }
          }
          did = (seat ? "seat " : "cancel ") + booking + " " + o.reason();
        }
        case 9 -> {
          boolean move = !blocks.isEmpty() && random.nextBoolean();
          String id = move ? blocks.get(random.nextInt(blocks.size())) : "x" + step;
          String table = plan.get(0);
          Instant start = Fixtures.at("17:00").plus(Duration.ofMinutes(15L * random.nextInt(20)));
          Outcome<Block> b =
              cached.addBlock(r, new Block(id, table, start, start.plusSeconds(3600)));
          if (b.isSuccess() && !move) {
            blocks.add(id);
          }
          tally(done, move ? "block moved" : "block", b);
          did = "block " + id + " on " + table + " " + b.reason();
        }
        case 10 -> {
          String id = blocks.isEmpty() ? null : blocks.remove(random.nextInt(blocks.size()));
          Outcome<?> o = id == null ? null : cached.removeBlock(r, id);
          tally(done, "unblock", o);
          did = "unblock " + id + " " + (o == null ? "-" : o.reason());
        }
        case 11 -> {
          boolean otherPolicy = random.nextInt(3) == 0;
          Outcome<?> o = cached.saveRestaurant(restaurant, floor, otherPolicy ? other : policy);
          tally(done, otherPolicy ? "save other policy" : "save", o);
          did = "save " + (otherPolicy ? "another policy " : "") + o.reason();
        }
        case 12 -> {
          int swept = cached.sweepExpiredHolds(r);
          if (swept > 0) {
            count(done, "sweep");
          }
          did = "sweep " + swept;
        }
        default -> {
          if (random.nextInt(4) == 0) {
            clock.set(clock.now().minus(Duration.ofMinutes(2)));
            count(done, "clock back");
            did = "clock back";
          } else {
            clock.advance(Duration.ofMinutes(1 + random.nextInt(5)));
            long expired = holds.keySet().stream().filter(b -> holdGone(cached, r, b)).count();
            if (expired > 0) {
              count(done, "expired");
            }
            did = "clock on";
          }
        }
      }
      compare(seed, step, did, r, cached, full);
    }
  }

  /** Whether a booking this sequence holds has neither a live hold nor tables now. */
  private static boolean holdGone(PostgresCapacityStore store, String r, String booking) {
    var st = store.booking(r, booking);
    return st != null && st.hold() == null && st.assignment() == null;
  }

  private static @org.jspecify.annotations.Nullable String any(
      Random random, Map<String, String> holds) {
    if (holds.isEmpty()) {
      return null;
    }
    List<String> keys = new ArrayList<>(holds.keySet());
    keys.sort(null);
    return keys.get(random.nextInt(keys.size()));
  }

  private static void tally(
      Map<String, Integer> done, String kind, @org.jspecify.annotations.Nullable Outcome<?> o) {
    if (o != null && o.isSuccess()) {
      count(done, kind);
    }
  }

  private static void count(Map<String, Integer> done, String kind) {
    done.merge(kind, 1, Integer::sum);
  }

  /** A plan that fits the party: a two-top for two, a four-top or two joined two-tops for four. */
  private static List<String> plan(Random random, int party) {
    return party == 2
        ? List.of(TWO_TOPS.get(random.nextInt(TWO_TOPS.size())))
        : FOUR_TOPS.get(random.nextInt(FOUR_TOPS.size()));
  }

  private static void compare(
      long seed,
      int step,
      String did,
      String r,
      PostgresCapacityStore cached,
      PostgresCapacityStore full) {
    String as = "seed " + seed + ", step " + step + " (" + did + ")";
    // whole days, as the cache keeps them: the same entries, free slots and version
    for (int days = 1; days <= 2; days++) {
      Instant to = DAY.plus(Duration.ofDays(days));
      OccupancySnapshot c = cached.occupancy(r, DAY, to);
      OccupancySnapshot f = full.occupancy(r, DAY, to);
      assertThat(c.occupancy().entries()).as(as).isEqualTo(f.occupancy().entries());
      assertThat(c.version()).as(as).isEqualTo(f.version());
      assertSameBits(as, c.occupancy(), f.occupancy());
    }
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

  @Test
  void aRestaurantDeletedAndSavedAgainUnderItsIdIsReadAfresh() throws SQLException {
    String schema = SCHEMA + "_again";
    MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
    PostgresCapacityStore cached = store(schema, clock, true);
    PostgresCapacityStore full = store(schema, clock, false);
    String r = "again";
    Restaurant restaurant = new Restaurant(r, Fixtures.ZONE);
    List<String> firstRound = List.of("T1", "T2", "T7");
    List<String> secondRound = List.of("T2", "T7", "T1");
    for (int round = 0; round < 2; round++) {
      if (round > 0) {
        try (Connection c = dataSource.getConnection();
            Statement st = c.createStatement()) {
          st.execute("TRUNCATE " + schema + ".restaurant CASCADE");
        }
      }
      ok(cached.saveRestaurant(restaurant, Fixtures.floor(), Fixtures.policy()));
      // the same number of writes each round, so the second reaches the first's versions
      for (int i = 0; i < 3; i++) {
        String b = "b" + i;
        ok(cached.saveBooking(r, Fixtures.booking(b, 2, "19:00")));
        List<String> plan = List.of((round == 0 ? firstRound : secondRound).get(i));
        ok(cached.holdAndConfirm(r, b, plan, "k" + round + i, "test"));
        OccupancySnapshot c = cached.occupancy(r, DAY, DAY.plus(Duration.ofDays(1)));
        OccupancySnapshot f = full.occupancy(r, DAY, DAY.plus(Duration.ofDays(1)));
        assertThat(c.occupancy().entries())
            .as("round %d, booking %d", round, i)
            .isEqualTo(f.occupancy().entries());
        assertThat(c.version()).isEqualTo(f.version());
      }
    }
  }

  @Test
  void readersOnSeveralThreadsSeeVersionsGoOnlyForwardAndEndWhereAFullReadIs() throws Exception {
    MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
    PostgresCapacityStore cached = store(SCHEMA, clock, true);
    PostgresCapacityStore full = store(SCHEMA, clock, false);
    String r = SqlFixtures.newId("threads");
    ok(
        cached.saveRestaurant(
            new Restaurant(r, Fixtures.ZONE), Fixtures.floor(), Fixtures.policy()));
    List<String> bookings = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String id = "b" + i;
      ok(cached.saveBooking(r, Fixtures.booking(id, 2, String.format("%02d:00", 17 + i % 6))));
      bookings.add(id);
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        readers.add(
            threads.submit(
                () -> {
                  long last = -1;
                  int reads = 0;
                  while (writing.get() || reads < 5) {
                    OccupancySnapshot s = cached.occupancy(r, DAY, DAY.plus(Duration.ofDays(1)));
                    assertThat(s.version()).as("a later read").isGreaterThanOrEqualTo(last);
                    last = s.version();
                    reads++;
                  }
                  return reads;
                }));
      }
      Future<?> writer =
          threads.submit(
              () -> {
                Random random = new Random(7);
                try {
                  for (int i = 0; i < 80; i++) {
                    String b = bookings.get(random.nextInt(bookings.size()));
                    if (random.nextInt(3) == 0) {
                      cached.unassign(r, b, "test", "t");
                    } else {
                      cached.holdAndConfirm(
                          r, b, List.of(TWO_TOPS.get(random.nextInt(3))), "w" + i, "test");
                    }
                  }
                } finally {
                  writing.set(false);
                }
                return null;
              });
      writer.get(2, TimeUnit.MINUTES);
      for (Future<Integer> f : readers) {
        assertThat(f.get(2, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(5);
      }
    } finally {
      threads.shutdownNow();
    }
    OccupancySnapshot c = cached.occupancy(r, DAY, DAY.plus(Duration.ofDays(1)));
    OccupancySnapshot f = full.occupancy(r, DAY, DAY.plus(Duration.ofDays(1)));
    assertThat(c.occupancy().entries()).isEqualTo(f.occupancy().entries());
    assertThat(c.version()).isEqualTo(f.version());
  }

  @Test
  void P6_4_theCacheBoundIsASettingAndZeroTurnsItOff() {
    MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
    PostgresCapacityStore two =
        PostgresCapacityStore.builder(dataSource)
            .schema(SCHEMA)
            .timeSource(clock)
            .occupancyCacheWindows(2)
            .build();
    PostgresCapacityStore off = store(SCHEMA, clock, false);
    String r = SqlFixtures.newId("bound");
    ok(two.saveRestaurant(new Restaurant(r, Fixtures.ZONE), Fixtures.floor(), Fixtures.policy()));
    ok(two.saveBooking(r, Fixtures.booking("b1", 2, "19:00")));
    ok(two.holdAndConfirm(r, "b1", List.of("T1"), "k1", "test"));
    for (int day = 0; day < 5; day++) {
      Instant from = DAY.plus(Duration.ofDays(day - 2));
      OccupancySnapshot c = two.occupancy(r, from, from.plus(Duration.ofDays(1)));
      OccupancySnapshot f = off.occupancy(r, from, from.plus(Duration.ofDays(1)));
      assertThat(c.occupancy().entries()).isEqualTo(f.occupancy().entries());
      assertThat(two.cachedWindows()).as("after day %d", day).isBetween(1, 2);
    }
    assertThat(off.cachedWindows()).isZero();
    assertThatThrownBy(() -> PostgresCapacityStore.builder(dataSource).occupancyCacheWindows(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("occupancyCacheWindows must be 0 (off) or more, got -1");
  }

  private static <T> T ok(Outcome<T> outcome) {
    assertThat(outcome.refusalOrNull()).as("refusal").isNull();
    return outcome.orElseThrow();
  }
}
