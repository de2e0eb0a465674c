package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
import dev.capacity.LookaheadMode;
import dev.capacity.Occupancy;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.SeatingPolicy;
import dev.capacity.testkit.FrozenTime;
import dev.capacity.testkit.SmallFloors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The known bookings a quote is given may hold the quoted booking itself (the service passes the
 * store's list of unseated bookings as it is): the planner must skip it, so the quote is the one it
 * gives without it, in both lookahead modes.
 */
class LookaheadSelfTest {

  @Test
  void P2_7_theQuotedBookingAmongItsKnownBookingsChangesNothing() {
    int compared = 0;
    int weighed = 0;
    for (long seed = 1; seed <= 120; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 3);
      SplittableRandom r = new SplittableRandom(seed * 104_729);
      LookaheadMode mode = seed % 2 == 0 ? LookaheadMode.SOFT : LookaheadMode.HARD;
      SeatingPolicy p = LookaheadOracleTest.withLookahead(c, mode);
      Occupancy occ = LookaheadOracleTest.occupancy(c, p);
      List<Booking> known = LookaheadOracleTest.knownBookings(r, 2 + r.nextInt(8), 6);
      for (Booking b : known) {
        List<Booking> others = new ArrayList<>(known);
        others.remove(b);
        Quote with = quote(c, p, occ, b, known);
        Quote without = quote(c, p, occ, b, others);
        assertThat(with.plans()).as("seed %d booking %s", seed, b.id()).isEqualTo(without.plans());
        assertThat(with.refusal()).isEqualTo(without.refusal());
        // the booking alone among its known bookings: as if none were known
        assertThat(quote(c, p, occ, b, List.of(b)).plans())
            .isEqualTo(quote(c, p, occ, b, List.of()).plans());
        compared++;
        if (with.plans().stream().anyMatch(o -> !o.lookaheadBlocked().isEmpty())) {
          weighed++;
        }
      }
    }
    assertThat(compared).isGreaterThan(500);
    assertThat(weighed).as("quotes whose plans the lookahead weighs").isGreaterThan(20);
  }

  private static Quote quote(
      SmallFloors.Case c, SeatingPolicy p, Occupancy occ, Booking b, List<Booking> known) {
    return FrozenTime.planner()
        .quote(new QuoteRequest(SmallFloors.RESTAURANT, c.floor(), p, b, occ, known, 3));
  }
}
