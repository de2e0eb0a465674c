package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.testkit.SmallFloors;
import org.junit.jupiter.api.Test;

/** The word-at-a-time free-run scans agree with slot-by-slot tests on random occupancies. */
class OccupancyRunsTest {
  static int naiveBefore(Occupancy o, int t, long slot, int limit) {
    int run = 0;
    while (run < limit && o.isFree(t, slot - run - 1, slot - run)) {
      run++;
    }
    return run;
  }

  static int naiveAfter(Occupancy o, int t, long slot, int limit) {
    int run = 0;
    while (run < limit && o.isFree(t, slot + run, slot + run + 1)) {
      run++;
    }
    return run;
  }

  @Test
  void freeRunsMatchSlotBySlot() {
    long checked = 0;
    for (long seed = 1; seed <= 300; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 2);
      Occupancy o = c.occupancy();
      long base = c.policy().slotOf(SmallFloors.START);
      for (int t = 0; t < c.floor().tables().size(); t++) {
        for (long slot = base - 200; slot <= base + 200; slot += 3) {
          for (int limit : new int[] {1, 7, 28, 150}) {
            assertThat(o.freeRunBefore(t, slot, limit))
                .as("seed %d table %d slot %d limit %d", seed, t, slot, limit)
                .isEqualTo(naiveBefore(o, t, slot, limit));
            assertThat(o.freeRunAfter(t, slot, limit))
                .as("seed %d table %d slot %d limit %d", seed, t, slot, limit)
                .isEqualTo(naiveAfter(o, t, slot, limit));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100_000);
  }
}
