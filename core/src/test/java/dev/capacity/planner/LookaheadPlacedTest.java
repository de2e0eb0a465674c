package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.LookaheadMode;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
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
 * Known bookings that the occupancy already shows seated or held (a store's list of unseated
 * bookings read before their seats were taken) are not weighed by the lookahead: the quote is the
 * one given without them, in both lookahead modes, whatever their windows and however many free
 * units they would have.
 */
class LookaheadPlacedTest {

  @Test
  void P2_7_knownBookingsAlreadyPlacedAreNotWeighed() {
    int compared = 0;
    int placedAmongKnown = 0;
    int weighed = 0;
    for (long seed = 1; seed <= 150; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 3);
      SplittableRandom r = new SplittableRandom(seed * 7_919);
      LookaheadMode mode = seed % 2 == 0 ? LookaheadMode.SOFT : LookaheadMode.HARD;
      SeatingPolicy p = LookaheadOracleTest.withLookahead(c, mode);
      Occupancy occ = LookaheadOracleTest.occupancy(c, p);
      List<Booking> known = LookaheadOracleTest.knownBookings(r, 3 + r.nextInt(8), 6);
      // seat or hold some of them on one table each, as a later read of the store would show
      List<Booking> open = new ArrayList<>();
      int tables = c.floor().tables().size();
      for (Booking k : known) {
        if (r.nextInt(3) == 0) {
          BookingWindow w = p.window(k, SmallFloors.RESTAURANT.timeZone());
          String table = c.floor().tables().get(r.nextInt(tables)).id();
          boolean hold = r.nextBoolean();
          occ =
              occ.with(
                  OccupancyEntry.of(
                      hold ? OccupancyKind.HOLD : OccupancyKind.ASSIGNMENT,
                      k,
                      List.of(table),
                      w,
                      hold ? w.blockedUntil() : null));
          placedAmongKnown++;
        } else {
          open.add(k);
        }
      }
      Booking b =
          Booking.of(
              "q" + seed,
              1 + r.nextInt(6),
              SmallFloors.START.plusSeconds(900L * (r.nextInt(5) - 2)),
              SmallFloors.START.minusSeconds(7200));
      Quote all = quote(c, p, occ, b, known);
      Quote unplaced = quote(c, p, occ, b, open);
      assertThat(all.plans()).as("seed %d", seed).isEqualTo(unplaced.plans());
      assertThat(all.refusal()).as("seed %d", seed).isEqualTo(unplaced.refusal());
      assertThat(all.diagnostics().lookaheadBookings())
          .as("seed %d", seed)
          .isEqualTo(unplaced.diagnostics().lookaheadBookings());
      compared++;
      if (all.plans().stream().anyMatch(o -> !o.lookaheadBlocked().isEmpty())) {
        weighed++;
      }
    }
    assertThat(compared).isEqualTo(150);
    assertThat(placedAmongKnown).isGreaterThan(100);
    assertThat(weighed).as("quotes whose plans the lookahead weighs").isGreaterThan(10);
  }

  private static Quote quote(
      SmallFloors.Case c, SeatingPolicy p, Occupancy occ, Booking b, List<Booking> known) {
    return FrozenTime.planner()
        .quote(new QuoteRequest(SmallFloors.RESTAURANT, c.floor(), p, b, occ, known, 3));
  }
}
