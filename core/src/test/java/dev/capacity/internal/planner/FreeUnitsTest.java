package dev.capacity.internal.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Adjacency;
import dev.capacity.BookingWindow;
import dev.capacity.FloorPlan;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.SeatingPolicy;
import dev.capacity.Table;
import dev.capacity.Zone;
import dev.capacity.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lookahead's free units carried from one occupancy to a later one: always the answer a fresh
 * search gives, and an answer cut off early is completed by resuming its search, not by searching
 * again from the first unit.
 */
class FreeUnitsTest {
  private static final int TABLES = 48;
  private static final Instant DAY = Fixtures.at("17:00");

  /** A row of tables of 2, 4 and 6, each adjacent to the next, in two zones. */
  private static FloorPlan floor() {
    List<Table> tables = new ArrayList<>();
    List<Adjacency> adjacency = new ArrayList<>();
    for (int i = 0; i < TABLES; i++) {
      tables.add(Table.of(id(i), i < TABLES / 2 ? "main" : "patio", 2 + 2 * (i % 3)));
      if (i > 0 && i != TABLES / 2) {
        adjacency.add(Adjacency.of(id(i - 1), id(i)));
      }
    }
    return FloorPlan.of(
        List.of(new Zone("main", "Main"), new Zone("patio", "Patio")), tables, adjacency);
  }

  private static String id(int i) {
    return String.format("T%02d", i);
  }

  /** Counts the searches and where each began. */
  private static final class Counting implements FreeUnits.Lister {
    private final FreeUnits.Lister search;
    int fresh;
    int resumed;

    Counting(FreeUnits.Lister search) {
      this.search = search;
    }

    @Override
    public void list(FreeUnits.Collector into, int fromUnit) {
      if (fromUnit == 0) {
        fresh++;
      } else {
        resumed++;
      }
      search.list(into, fromUnit);
    }
  }

  private record Setup(
      Catalog catalog, SeatingPolicy policy, BookingWindow window, FreeUnits.Key key) {}

  private static Setup setup(int party) {
    FloorPlan floor = floor();
    SeatingPolicy policy = Fixtures.policyBuilder().kMax(3).maxOverage(2).build();
    Catalog catalog = new Catalog(floor, policy);
    BookingWindow window = policy.window(DAY.plusSeconds(3600), DAY.plusSeconds(3 * 3600), null);
    FreeUnits.Key key = new FreeUnits.Key(party, null, window.firstSlot(), window.endSlot());
    assertThat(Search.catalogOnly(catalog, policy, party)).isTrue();
    return new Setup(catalog, policy, window, key);
  }

  /** The answer for the key under an occupancy, asked of a memo. */
  private static FreeUnits.Found ask(FreeUnits memo, Setup s, Occupancy occ, Counting[] last) {
    FreeTables free =
        new FreeTables(occ, s.window().firstSlot(), s.window().endSlot(), s.catalog().tableCount);
    Counting search =
        new Counting(Lookahead.lister(s.catalog(), s.policy(), occ, free, s.window(), s.key()));
    last[0] = search;
    return memo.get(
        s.key(),
        new FreeUnits.Changes(occ, s.catalog().tableWords),
        free,
        s.catalog().tableWords,
        s.catalog().largestUnit(),
        true,
        search);
  }

  private static List<String> masks(FreeUnits.Found f) {
    List<String> out = new ArrayList<>();
    for (long[] m : f.free()) {
      out.add(Arrays.toString(m));
    }
    return out;
  }

  private static void assertSameAnswer(FreeUnits.Found carried, FreeUnits.Found fresh) {
    assertThat(masks(carried)).isEqualTo(masks(fresh));
    assertThat(carried.units()).containsExactly(fresh.units());
    assertThat(carried.disjoint()).isEqualTo(fresh.disjoint());
    assertThat(carried.complete()).isEqualTo(fresh.complete());
    assertThat(carried.tables()).containsExactly(union(carried));
    assertThat(fresh.tables()).containsExactly(union(fresh));
  }

  /** The tables of every unit listed. */
  private static long[] union(FreeUnits.Found f) {
    long[] all = new long[f.tables().length];
    for (long[] m : f.free()) {
      for (int w = 0; w < m.length; w++) {
        all[w] |= m[w];
      }
    }
    return all;
  }

  private static OccupancyEntry entry(String owner, int table, long fromMinutes, long minutes) {
    Instant start = DAY.plusSeconds(60 * fromMinutes);
    return new OccupancyEntry(
        OccupancyKind.ASSIGNMENT,
        owner,
        List.of(id(table)),
        start,
        start.plusSeconds(60 * minutes),
        2,
        null);
  }

  @Test
  void aCutOffAnswerWhoseUnitTurnsBusyIsResumedWhereItStopped() {
    Setup s = setup(2);
    FreeUnits memo = new FreeUnits();
    Counting[] last = new Counting[1];
    Occupancy empty = Occupancy.empty(floor(), s.policy(), Fixtures.ZONE);
    FreeUnits.Found before = ask(memo, s, empty, last);
    // every table is free: the search stops once it has one disjoint unit more than a plan's tables
    assertThat(before.complete()).isFalse();
    assertThat(before.disjoint()).isEqualTo(s.catalog().largestUnit() + 1);
    assertThat(last[0].fresh).isEqualTo(1);

    // the first unit listed turns busy over the window: what is kept falls short of the cut-off
    int table = Long.numberOfTrailingZeros(before.free().get(0)[0]);
    Occupancy later = empty.with(entry("b1", table, 60, 120));
    FreeUnits.Found carried = ask(memo, s, later, last);
    assertThat(last[0].fresh).isZero();
    assertThat(last[0].resumed).isEqualTo(1);

    FreeUnits.Found fresh = ask(new FreeUnits(), s, later, last);
    assertSameAnswer(carried, fresh);
    assertThat(carried.free()).isNotEmpty();
  }

  @Test
  void carriedAnswersEqualFreshSearchesAsTablesTurnBusy() {
    Random random = new Random(20261204);
    int resumed = 0;
    for (int round = 0; round < 60; round++) {
      int party = 1 + random.nextInt(8);
      Setup s = setup(party);
      FreeUnits memo = new FreeUnits();
      Counting[] last = new Counting[1];
      Occupancy occ = Occupancy.empty(floor(), s.policy(), Fixtures.ZONE);
      ask(memo, s, occ, last);
      for (int step = 0; step < 24; step++) {
        // a few tables turn busy, most over the window's slots, some beside them, until few are
        // left free
        int adds = 1 + random.nextInt(4);
        for (int a = 0; a < adds; a++) {
          int table = random.nextInt(TABLES);
          long from = random.nextInt(240);
          occ = occ.with(entry("b" + round + "-" + step + "-" + a, table, from, 30 + from % 90));
        }
        FreeUnits.Found carried = ask(memo, s, occ, last);
        resumed += last[0].resumed;
        FreeUnits.Found fresh = ask(new FreeUnits(), s, occ, last);
        assertSameAnswer(carried, fresh);
      }
    }
    // the property above must have covered resumed searches, not only kept or fresh answers
    assertThat(resumed).isGreaterThan(20);
  }
}
