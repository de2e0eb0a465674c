package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.testkit.SmallFloors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Occupancy#replacing}: the same entries and free slots as removing one entry at a time and
 * then adding, or as building the result from nothing, also when an added entry's owner is one just
 * removed or one kept (it replaces that entry); only tables that a removed, added or replaced entry
 * covers change.
 */
class OccupancyReplacingTest {

  @Test
  void equalsRemovingOneByOneThenAddingAndSharesUntouchedTables() {
    int removedSeen = 0;
    int readded = 0;
    for (long seed = 1; seed <= 300; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 3);
      SplittableRandom r = new SplittableRandom(seed);
      Occupancy before = c.occupancy();
      List<OccupancyEntry> entries = before.entries();
      Set<String> gone = new HashSet<>();
      for (OccupancyEntry e : entries) {
        if (r.nextInt(3) == 0) {
          gone.add(e.kind() + ":" + e.owner());
        }
      }
      List<OccupancyEntry> added = new ArrayList<>();
      int tables = c.floor().tables().size();
      int adds = r.nextInt(4);
      for (int i = 0; i < adds; i++) {
        // a new owner, or an assignment's owner (removed or kept) again, on a table drawn anew
        String owner = "new" + i;
        if (!entries.isEmpty() && r.nextInt(3) > 0) {
          OccupancyEntry again = entries.get(r.nextInt(entries.size()));
          if (again.kind() == OccupancyKind.ASSIGNMENT) {
            owner = again.owner();
            readded++;
          }
        }
        Booking b = Booking.of(owner, 2, SmallFloors.START, SmallFloors.START);
        BookingWindow w = c.policy().window(b, SmallFloors.RESTAURANT.timeZone());
        String table = c.floor().tables().get(r.nextInt(tables)).id();
        added.add(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, b, List.of(table), w, null));
      }

      Occupancy got = before.replacing(e -> gone.contains(e.kind() + ":" + e.owner()), added);

      Occupancy stepwise = before;
      Set<String> touched = new HashSet<>();
      for (OccupancyEntry e : entries) {
        if (gone.contains(e.kind() + ":" + e.owner())) {
          stepwise = stepwise.without(e.kind(), e.owner());
          touched.addAll(e.tables());
          removedSeen++;
        }
      }
      stepwise = stepwise.withAll(added);
      for (OccupancyEntry e : added) {
        touched.addAll(e.tables());
        OccupancyEntry replaced = before.entry(e.kind(), e.owner());
        if (replaced != null) {
          touched.addAll(replaced.tables());
        }
      }
      Occupancy apart =
          Occupancy.empty(c.floor(), c.policy(), SmallFloors.RESTAURANT.timeZone())
              .withAll(stepwise.entries());

      assertThat(got.entries()).as("seed %d", seed).isEqualTo(stepwise.entries());
      long base = c.policy().slotOf(SmallFloors.START);
      long[] changed = new long[(tables + 63) >>> 6];
      for (long first = base - 20; first <= base + 20; first += 2) {
        long[] none = new long[changed.length];
        got.markChangedTables(apart, first, first + 6, none);
        assertThat(none).as("seed %d, slot %d: as if built apart", seed, first).containsOnly(0L);
        got.markChangedTables(before, first, first + 6, changed);
      }
      for (int t = 0; t < tables; t++) {
        if (((changed[t >>> 6] >>> t) & 1) != 0) {
          assertThat(touched)
              .as("seed %d: only tables of removed or added entries change", seed)
              .contains(c.floor().tables().get(t).id());
        }
      }
    }
    assertThat(removedSeen).as("entries removed over the seeds").isGreaterThan(100);
    assertThat(readded).as("owners added again over the seeds").isGreaterThan(50);
  }

  @Test
  void removingNothingIsAddingAndAnUnknownTableIsRefused() {
    SmallFloors.Case c = SmallFloors.generate(7, 6, 2);
    Occupancy o = c.occupancy();
    assertThat(o.replacing(e -> false, List.of())).isSameAs(o);
    Booking b = Booking.of("x", 2, SmallFloors.START, SmallFloors.START);
    BookingWindow w = c.policy().window(b, SmallFloors.RESTAURANT.timeZone());
    assertThatThrownBy(
            () ->
                o.replacing(
                    e -> true,
                    List.of(
                        OccupancyEntry.of(
                            OccupancyKind.ASSIGNMENT, b, List.of("nowhere"), w, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere");
  }
}
