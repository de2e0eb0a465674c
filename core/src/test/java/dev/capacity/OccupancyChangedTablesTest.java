package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.testkit.SmallFloors;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Occupancy#markChangedTables} marks exactly the tables whose free state over a range
 * differs, whether the two occupancies share their unchanged tables (one made from the other) or
 * were built apart; without a range, exactly the tables that differ at any slot; with a mask of
 * tables to compare, exactly those of them that differ over the range.
 */
class OccupancyChangedTablesTest {

  private static long[] naive(Occupancy a, Occupancy b, long first, long end, int tables) {
    long[] out = new long[(tables + 63) >>> 6];
    for (int t = 0; t < tables; t++) {
      if (a.isFree(t, first, end) != b.isFree(t, first, end)) {
        out[t >>> 6] |= 1L << t;
      }
    }
    return out;
  }

  @Test
  void marksExactlyTheTablesWhoseStateDiffers() {
    int marked = 0;
    for (long seed = 1; seed <= 300; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 2);
      SplittableRandom r = new SplittableRandom(seed);
      int tables = c.floor().tables().size();
      Occupancy before = c.occupancy();
      // one made from the other: an entry added, or one removed
      Occupancy after = before;
      List<OccupancyEntry> entries = before.entries();
      if (!entries.isEmpty() && r.nextBoolean()) {
        OccupancyEntry gone = entries.get(r.nextInt(entries.size()));
        after = before.without(gone.kind(), gone.owner());
      } else {
        Booking b = Booking.of("x" + seed, 2, SmallFloors.START, SmallFloors.START);
        BookingWindow w = c.policy().window(b, SmallFloors.RESTAURANT.timeZone());
        String table = c.floor().tables().get(r.nextInt(tables)).id();
        after =
            before.with(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, b, List.of(table), w, null));
      }
      // and one built apart with the same entries as the later one
      Occupancy apart =
          Occupancy.empty(c.floor(), c.policy(), SmallFloors.RESTAURANT.timeZone())
              .withAll(after.entries());
      long base = c.policy().slotOf(SmallFloors.START);
      // changed at any slot: slot by slot over far more than the case's entries reach
      long[] anywhere = new long[(tables + 63) >>> 6];
      for (long s = base - 400; s < base + 400; s++) {
        long[] one = naive(after, before, s, s + 1, tables);
        for (int w = 0; w < anywhere.length; w++) {
          anywhere[w] |= one[w];
        }
      }
      long[] gotAnywhere = new long[anywhere.length];
      after.markChangedTables(before, gotAnywhere);
      assertThat(gotAnywhere).as("anywhere, seed %d", seed).isEqualTo(anywhere);
      long[] apartAnywhere = new long[anywhere.length];
      apart.markChangedTables(before, apartAnywhere);
      assertThat(apartAnywhere).as("anywhere, built apart, seed %d", seed).isEqualTo(anywhere);
      long[] noneAnywhere = new long[anywhere.length];
      apart.markChangedTables(after, noneAnywhere);
      assertThat(noneAnywhere).as("anywhere, same entries, seed %d", seed).containsOnly(0L);
      long[] someTables = new long[anywhere.length];
      for (int t = 0; t < tables; t++) {
        if (r.nextBoolean()) {
          someTables[t >>> 6] |= 1L << t;
        }
      }
      for (long first = base - 20; first <= base + 20; first += 2) {
        for (long end = first + 1; end <= first + 14; end += 3) {
          long[] expected = naive(after, before, first, end, tables);
          long[] got = new long[expected.length];
          after.markChangedTables(before, first, end, got);
          assertThat(got).as("seed %d slots [%d, %d)", seed, first, end).isEqualTo(expected);
          long[] fromApart = new long[expected.length];
          apart.markChangedTables(before, first, end, fromApart);
          assertThat(fromApart).as("built apart, seed %d", seed).isEqualTo(expected);
          long[] none = new long[expected.length];
          apart.markChangedTables(after, first, end, none);
          assertThat(none).as("same entries, seed %d", seed).containsOnly(0L);
          long[] amongAnywhere = new long[expected.length];
          after.markChangedTables(before, first, end, anywhere, amongAnywhere);
          assertThat(amongAnywhere).as("among anywhere, seed %d", seed).isEqualTo(expected);
          long[] amongSome = new long[expected.length];
          apart.markChangedTables(before, first, end, someTables, amongSome);
          for (int w = 0; w < expected.length; w++) {
            assertThat(amongSome[w])
                .as("among some, seed %d", seed)
                .isEqualTo(expected[w] & someTables[w]);
          }
          marked += Long.bitCount(expected[0]);
        }
      }
    }
    assertThat(marked).as("changes seen over the ranges").isGreaterThan(1_000);
  }

  @Test
  void refusesAnotherFloorOrAShortMask() {
    SmallFloors.Case small = SmallFloors.generate(1, 2, 1);
    SmallFloors.Case other = null;
    for (long seed = 2; other == null; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 1);
      if (c.floor().tables().size() != small.floor().tables().size()) {
        other = c;
      }
    }
    Occupancy a = small.occupancy();
    Occupancy b = other.occupancy();
    assertThatThrownBy(() -> a.markChangedTables(b, 0, 1, new long[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different floor plans");
    assertThatThrownBy(() -> a.markChangedTables(a, 0, 1, new long[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("words");
    assertThatThrownBy(() -> a.markChangedTables(b, new long[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different floor plans");
    assertThatThrownBy(() -> a.markChangedTables(a, new long[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("words");
    assertThatThrownBy(() -> a.markChangedTables(a, 0, 1, new long[0], new long[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("among");
  }
}
