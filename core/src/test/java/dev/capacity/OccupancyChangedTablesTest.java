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
 * were built apart.
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
  }
}
