package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
import dev.capacity.LookaheadMode;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Planner;
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
 * The lookahead carries known bookings' free units from one quote to the next (pitfall P2.7's
 * check, made cheaper): a planner that has quoted before must answer every quote exactly as a new
 * planner does, while the occupancy changes the way a run changes it (a plan taken after each
 * quote) and the ways that force a fresh search (an assignment removed, a block over a table).
 */
class LookaheadCarryOverTest {

  @Test
  void P2_7_aPlannerThatQuotedBeforeAnswersAsANewOne() {
    int quotes = 0;
    int penalised = 0;
    int released = 0;
    for (long seed = 1; seed <= 150; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 3);
      SplittableRandom r = new SplittableRandom(seed * 7919);
      SeatingPolicy p = LookaheadOracleTest.withLookahead(c, LookaheadMode.SOFT);
      Occupancy occ = LookaheadOracleTest.occupancy(c, p);
      List<Booking> open =
          new ArrayList<>(LookaheadOracleTest.knownBookings(r, 4 + r.nextInt(8), 6));
      List<Booking> seated = new ArrayList<>();
      Planner kept = FrozenTime.planner();
      while (!open.isEmpty()) {
        Booking b = open.remove(0);
        QuoteRequest request =
            new QuoteRequest(SmallFloors.RESTAURANT, c.floor(), p, b, occ, open, 3);
        Quote carried = kept.quote(request);
        Quote fresh = FrozenTime.planner().quote(request);
        assertThat(carried.plans()).as("seed %d booking %s", seed, b.id()).isEqualTo(fresh.plans());
        assertThat(carried.refusal()).isEqualTo(fresh.refusal());
        quotes++;
        if (carried.plans().stream().anyMatch(o -> !o.lookaheadBlocked().isEmpty())) {
          penalised++;
        }
        if (!carried.plans().isEmpty() && carried.window() != null) {
          occ =
              occ.with(
                  OccupancyEntry.of(
                      OccupancyKind.ASSIGNMENT,
                      b,
                      carried.plans().get(0).tables(),
                      carried.window(),
                      null));
          seated.add(b);
        }
        if (!seated.isEmpty() && r.nextInt(5) == 0) {
          // a table becomes free again: the next quotes must not keep the narrower answers
          Booking gone = seated.remove(r.nextInt(seated.size()));
          occ = occ.without(OccupancyKind.ASSIGNMENT, gone.id());
          released++;
        }
      }
    }
    assertThat(quotes).isGreaterThan(800);
    assertThat(penalised).as("quotes whose plans the lookahead weighs").isGreaterThan(40);
    assertThat(released).isGreaterThan(100);
  }
}
