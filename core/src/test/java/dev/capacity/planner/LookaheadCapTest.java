package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
import dev.capacity.Lookahead;
import dev.capacity.LookaheadMode;
import dev.capacity.Occupancy;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.SeatingPolicy;
import dev.capacity.testkit.FrozenTime;
import dev.capacity.testkit.SmallFloors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lookahead's cap on bookings keeps the nearest bookings it would weigh, ties of distance
 * broken by id, whatever order the known bookings come in: a quote under a cap of {@code m} is the
 * quote, without a cap, over exactly those first {@code m}.
 */
class LookaheadCapTest {

  @Test
  void P2_7_theCapKeepsTheNearestWeighedBookingsTiesByIdInAnyInputOrder() {
    int capped = 0;
    for (long seed = 1; seed <= 120; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 3);
      SplittableRandom r = new SplittableRandom(seed * 31_337);
      LookaheadMode mode = seed % 2 == 0 ? LookaheadMode.SOFT : LookaheadMode.HARD;
      SeatingPolicy open = LookaheadOracleTest.withLookahead(c, mode);
      int most = 1 + r.nextInt(3);
      SeatingPolicy cap =
          open.toBuilder().lookahead(new Lookahead(mode, Duration.ofHours(6), most)).build();
      Occupancy occ = LookaheadOracleTest.occupancy(c, open);
      Occupancy occCap = LookaheadOracleTest.occupancy(c, cap);
      // nine start times for up to twelve bookings: runs of equal distance
      List<Booking> known = LookaheadOracleTest.knownBookings(r, 4 + r.nextInt(9), 6);
      Collections.shuffle(known, new java.util.Random(seed));
      Booking b = Booking.of("q", 1 + r.nextInt(4), SmallFloors.START, SmallFloors.START);
      // the known bookings the lookahead would weigh, nearest first, ties by id
      List<Booking> weighed = new ArrayList<>();
      for (Booking k : known) {
        if (quote(c, open, occ, b, List.of(k)).diagnostics().lookaheadBookings() == 1) {
          weighed.add(k);
        }
      }
      weighed.sort(
          Comparator.comparingLong(
                  (Booking k) -> Math.abs(k.start().getEpochSecond() - b.start().getEpochSecond()))
              .thenComparing(Booking::id));
      List<Booking> first = weighed.subList(0, Math.min(most, weighed.size()));
      Quote got = quote(c, cap, occCap, b, known);
      Quote expected = quote(c, open, occ, b, first);
      assertThat(got.diagnostics().lookaheadBookings()).as("seed %d", seed).isEqualTo(first.size());
      assertThat(got.plans()).as("seed %d", seed).isEqualTo(expected.plans());
      assertThat(got.refusal()).as("seed %d", seed).isEqualTo(expected.refusal());
      if (weighed.size() > most) {
        capped++;
      }
    }
    assertThat(capped).as("quotes where the cap left bookings out").isGreaterThan(20);
  }

  private static Quote quote(
      SmallFloors.Case c, SeatingPolicy p, Occupancy occ, Booking b, List<Booking> known) {
    return FrozenTime.planner()
        .quote(new QuoteRequest(SmallFloors.RESTAURANT, c.floor(), p, b, occ, known, 3));
  }
}
