package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The entries of an occupancy, kept as a shared base plus an overlay, behave as a map copied at
 * every change: every version answers as the map it stood for, also after later versions were made
 * from it (through merges of the overlay into a new base, too).
 */
class OccupancyEntriesTest {
  private static final Instant T = Instant.parse("2026-11-20T19:00:00Z");

  private static OccupancyEntry entry(OccupancyKind kind, String owner, int version) {
    return new OccupancyEntry(
        kind,
        owner,
        List.of("t" + version % 5),
        T,
        T.plusSeconds(3600),
        kind == OccupancyKind.BLOCK ? 0 : 1 + version % 4,
        kind == OccupancyKind.HOLD ? T.plusSeconds(600) : null);
  }

  private static void assertSame(
      OccupancyEntries got, Map<OccupancyEntries.Key, OccupancyEntry> expected, String as) {
    assertThat(got.size()).as(as).isEqualTo(expected.size());
    assertThat(got.isEmpty()).as(as).isEqualTo(expected.isEmpty());
    Comparator<OccupancyEntry> order =
        Comparator.comparing(OccupancyEntry::kind).thenComparing(OccupancyEntry::owner);
    List<OccupancyEntry> values = new ArrayList<>(got.values());
    values.sort(order);
    List<OccupancyEntry> want = new ArrayList<>(expected.values());
    want.sort(order);
    assertThat(values).as(as).isEqualTo(want);
    for (OccupancyKind kind : OccupancyKind.values()) {
      for (int o = 0; o < 40; o++) {
        assertThat(got.get(kind, "o" + o))
            .as(as)
            .isEqualTo(expected.get(new OccupancyEntries.Key(kind, "o" + o)));
      }
    }
  }

  @Test
  void everyVersionAnswersAsTheMapItStandsFor() {
    for (long seed = 1; seed <= 60; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      List<OccupancyEntries> versions = new ArrayList<>();
      List<Map<OccupancyEntries.Key, OccupancyEntry>> maps = new ArrayList<>();
      OccupancyEntries current = OccupancyEntries.EMPTY;
      Map<OccupancyEntries.Key, OccupancyEntry> model = new HashMap<>();
      for (int step = 0; step < 300; step++) {
        OccupancyKind kind = OccupancyKind.values()[r.nextInt(OccupancyKind.values().length)];
        String owner = "o" + r.nextInt(40);
        if (r.nextInt(4) == 0) {
          current = current.without(kind, owner);
          model.remove(new OccupancyEntries.Key(kind, owner));
        } else {
          List<OccupancyEntry> added = new ArrayList<>();
          for (int i = 0; i < 1 + r.nextInt(3); i++) {
            OccupancyKind k = i == 0 ? kind : OccupancyKind.ASSIGNMENT;
            String o = i == 0 ? owner : "o" + r.nextInt(40);
            added.add(entry(k, o, step * 3 + i));
          }
          List<OccupancyEntry> replaced = new ArrayList<>();
          List<OccupancyEntry> expectedReplaced = new ArrayList<>();
          for (OccupancyEntry e : added) {
            OccupancyEntry old = model.put(new OccupancyEntries.Key(e.kind(), e.owner()), e);
            if (old != null) {
              expectedReplaced.add(old);
            }
          }
          current = current.with(added, replaced);
          assertThat(replaced)
              .as("seed %d step %d replaced", seed, step)
              .isEqualTo(expectedReplaced);
        }
        versions.add(current);
        maps.add(new HashMap<>(model));
      }
      for (int v = 0; v < versions.size(); v++) {
        assertSame(versions.get(v), maps.get(v), "seed " + seed + " version " + v);
      }
    }
  }

  @Test
  void removingWhatIsNotThereKeepsTheSameEntries() {
    OccupancyEntries one =
        OccupancyEntries.EMPTY.with(
            List.of(entry(OccupancyKind.ASSIGNMENT, "o1", 1)), new ArrayList<>());
    assertThat(one.without(OccupancyKind.HOLD, "o1")).isSameAs(one);
    assertThat(one.without(OccupancyKind.ASSIGNMENT, "o2")).isSameAs(one);
    assertThat(one.without(OccupancyKind.ASSIGNMENT, "o1").isEmpty()).isTrue();
  }

  @Test
  void anOccupancyWithEntriesNamesThemInItsText() {
    // it sorted its keys in a TreeMap, which threw for any entry (the keys are not comparable)
    for (long seed = 1; seed <= 20; seed++) {
      Occupancy o = dev.capacity.testkit.SmallFloors.generate(seed, 6, 2).occupancy();
      String text = o.toString();
      for (OccupancyEntry e : o.entries()) {
        assertThat(text).contains(e.kind() + ":" + e.owner());
      }
    }
  }
}
