package dev.capacity.internal.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashTest {
  /** The bucket a hash map of 64 buckets picks (HashMap spreads the high half into the low). */
  private static int bucket64(int h) {
    return (h ^ (h >>> 16)) & 63;
  }

  /** A record with the components of {@link FreeUnits.Key} and the generated hash code. */
  private record Plain(int party, String zone, long firstSlot, long endSlot) {}

  @Test
  void keysThatDifferOnlyInTheirSlotsSpreadOverTheBuckets() {
    // a day of 15-minute slots, one party size and window length: the lookahead's common case
    Set<Integer> mixed = new HashSet<>();
    Set<Integer> generated = new HashSet<>();
    for (long first = 1_900_000; first < 1_900_096; first++) {
      mixed.add(bucket64(new FreeUnits.Key(4, "main", first, first + 8).hashCode()));
      generated.add(bucket64(new Plain(4, "main", first, first + 8).hashCode()));
    }
    // 96 keys into 64 buckets: a random hash fills about 50 of them
    assertThat(mixed).hasSizeGreaterThan(40);
    // what a record's generated hash does with them (why KeyHash exists)
    assertThat(generated).hasSizeLessThan(8);
  }

  @Test
  void everyPartChangesTheHash() {
    int h = KeyHash.of(1, 2, 3, 4);
    assertThat(KeyHash.of(1, 2, 3, 4)).isEqualTo(h);
    assertThat(Set.of(KeyHash.of(0, 2, 3, 4), KeyHash.of(1, 0, 3, 4), KeyHash.of(1, 2, 0, 4)))
        .doesNotContain(h)
        .hasSize(3);
    assertThat(KeyHash.of(1, 2, 3, 0)).isNotEqualTo(h);
    // the order of the parts matters
    assertThat(KeyHash.of(2, 1, 3, 4)).isNotEqualTo(h);
  }

  @Test
  void keysAreEqualExactlyWhenEveryPartIs() {
    FreeUnits.Key k = new FreeUnits.Key(4, "main", 10, 18);
    assertThat(new FreeUnits.Key(4, "main", 10, 18)).isEqualTo(k).hasSameHashCodeAs(k);
    assertThat(new FreeUnits.Key(4, null, 10, 18)).isNotEqualTo(k);
    assertThat(new FreeUnits.Key(4, null, 10, 18)).isEqualTo(new FreeUnits.Key(4, null, 10, 18));
    assertThat(new FreeUnits.Key(5, "main", 10, 18)).isNotEqualTo(k);
    assertThat(new FreeUnits.Key(4, "terrace", 10, 18)).isNotEqualTo(k);
    assertThat(new FreeUnits.Key(4, "main", 11, 18)).isNotEqualTo(k);
    assertThat(new FreeUnits.Key(4, "main", 10, 19)).isNotEqualTo(k);
    assertThat(k).isNotEqualTo("main");
  }
}
