package dev.capacity.internal.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
import dev.capacity.BookingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lookahead's nearest-first order of known bookings: the same as sorting the packed distances,
 * whether the list comes sorted by start (merged) or not (sorted).
 */
class LookaheadOrderTest {
  private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00Z");
  private static final long AT = Instant.parse("2026-11-20T19:00:00Z").getEpochSecond();

  /** The order by the definition: packed distance and index, sorted as numbers. */
  private static long[] reference(List<Booking> known, long horizon, String self) {
    long[] out = new long[known.size()];
    int n = 0;
    for (int i = 0; i < known.size(); i++) {
      Booking k = known.get(i);
      long distance = Math.abs(k.start().getEpochSecond() - AT);
      if (distance > horizon || k.id().equals(self) || !k.status().assignable()) {
        continue;
      }
      out[n++] = (Math.min(distance, 0xFFFF_FFFFL) << 31) | i;
    }
    long[] sorted = Arrays.copyOf(out, n);
    Arrays.sort(sorted);
    return sorted;
  }

  private static long[] ordered(List<Booking> known, long horizon, String self) {
    long[] order = new long[known.size()];
    int n = Lookahead.nearestFirst(known, AT, horizon, self, order);
    return Arrays.copyOf(order, n);
  }

  /** Bookings on a quarter-hour grid around AT, many at each start, some not assignable. */
  private static List<Booking> bookings(Random random, int count) {
    List<Booking> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long quarters = random.nextInt(33) - 16; // four hours either side
      Booking b = Booking.of("b" + i, 2, Instant.ofEpochSecond(AT + 900 * quarters), CREATED);
      if (random.nextInt(10) == 0) {
        b = b.withStatus(BookingStatus.CANCELLED);
      }
      out.add(b);
    }
    return out;
  }

  @Test
  void aListSortedByStartIsOrderedAsBySorting() {
    Random random = new Random(20261204);
    for (int round = 0; round < 500; round++) {
      List<Booking> known = bookings(random, random.nextInt(80));
      known.sort(Comparator.comparing(Booking::start));
      long horizon = 900L * random.nextInt(20);
      String self = known.isEmpty() ? "none" : known.get(random.nextInt(known.size())).id();
      assertThat(ordered(known, horizon, self)).containsExactly(reference(known, horizon, self));
    }
  }

  @Test
  void anUnsortedListIsOrderedAsBySorting() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      List<Booking> known = bookings(random, 2 + random.nextInt(80));
      long horizon = 900L * random.nextInt(20);
      assertThat(ordered(known, horizon, "b0")).containsExactly(reference(known, horizon, "b0"));
    }
  }

  @Test
  void equalDistancesComeInIndexOrderWithTheEarlierSideFirst() {
    Instant at = Instant.ofEpochSecond(AT);
    List<Booking> known =
        List.of(
            Booking.of("a", 2, at.minusSeconds(1800), CREATED),
            Booking.of("b", 2, at.minusSeconds(900), CREATED),
            Booking.of("c", 2, at.minusSeconds(900), CREATED),
            Booking.of("d", 2, at, CREATED),
            Booking.of("e", 2, at.plusSeconds(900), CREATED),
            Booking.of("f", 2, at.plusSeconds(900), CREATED),
            Booking.of("g", 2, at.plusSeconds(1800), CREATED));
    long[] order = ordered(known, 3600, "none");
    List<String> ids = new ArrayList<>();
    for (long o : order) {
      ids.add(known.get((int) (o & 0x7FFF_FFFF)).id());
    }
    assertThat(ids).containsExactly("d", "b", "c", "e", "f", "a", "g");
  }
}
