package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.Lookahead;
import dev.capacity.LookaheadMode;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.PlanOption;
import dev.capacity.PlanRules;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.SeatingPolicy;
import dev.capacity.Table;
import dev.capacity.testkit.FrozenTime;
import dev.capacity.testkit.SmallFloors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Lookahead against brute force: a plan's list of stranded bookings is exactly the known bookings
 * that had a free valid plan before it and have none once it is taken; hard mode keeps exactly the
 * plans that strand nobody.
 */
class LookaheadOracleTest {
  private final Planner planner = FrozenTime.planner();

  static boolean seatable(SmallFloors.Case c, SeatingPolicy p, Booking k, Occupancy occ) {
    List<Table> tables = c.floor().tables();
    BookingWindow w = p.window(k, SmallFloors.RESTAURANT.timeZone());
    for (int mask = 1; mask < (1 << tables.size()); mask++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < tables.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          ids.add(tables.get(i).id());
        }
      }
      if (PlanRules.check(c.floor(), p, k.id(), k.partySize(), k.zone(), ids).isEmpty()
          && ids.stream().allMatch(id -> occ.isFree(id, w))) {
        return true;
      }
    }
    return false;
  }

  /** Known bookings k0, k1, ... of up to {@code maxParty} guests within an hour of the start. */
  static List<Booking> knownBookings(SplittableRandom r, int count, int maxParty) {
    List<Booking> known = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      known.add(
          Booking.of(
              "k" + i,
              1 + r.nextInt(maxParty),
              SmallFloors.START.plusSeconds(900L * (r.nextInt(9) - 4)),
              SmallFloors.START.minusSeconds(7200)));
    }
    return known;
  }

  /** The case's policy with a lookahead of this mode over six hours and 64 bookings. */
  static SeatingPolicy withLookahead(SmallFloors.Case c, LookaheadMode mode) {
    return c.policy().toBuilder().lookahead(new Lookahead(mode, Duration.ofHours(6), 64)).build();
  }

  /** The case's occupancy under another policy of the same floor. */
  static Occupancy occupancy(SmallFloors.Case c, SeatingPolicy p) {
    return Occupancy.empty(c.floor(), p, SmallFloors.RESTAURANT.timeZone())
        .withAll(c.occupancy().entries());
  }

  @Test
  void P2_7_strandedBookingsEqualBruteForce() {
    int stranded = 0;
    for (long seed = 1; seed <= 400; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 3);
      SplittableRandom r = new SplittableRandom(seed * 31);
      List<Booking> known = knownBookings(r, 1 + r.nextInt(4), 8);
      for (LookaheadMode mode : List.of(LookaheadMode.SOFT, LookaheadMode.HARD)) {
        SeatingPolicy p = withLookahead(c, mode);
        Occupancy occ = occupancy(c, p);
        Quote q =
            planner.quote(
                new QuoteRequest(
                    SmallFloors.RESTAURANT, c.floor(), p, c.booking(), occ, known, 100_000));
        BookingWindow w = q.window();
        if (w == null) {
          continue;
        }
        for (PlanOption plan : q.plans()) {
          Occupancy taken =
              occ.with(
                  OccupancyEntry.of(OccupancyKind.ASSIGNMENT, c.booking(), plan.tables(), w, null));
          TreeSet<String> expected = new TreeSet<>();
          for (Booking k : known) {
            if (seatable(c, p, k, occ) && !seatable(c, p, k, taken)) {
              expected.add(k.id());
            }
          }
          assertThat(new TreeSet<>(plan.lookaheadBlocked()))
              .as("seed %d mode %s plan %s", seed, mode, plan.tables())
              .isEqualTo(expected);
          if (mode == LookaheadMode.HARD) {
            assertThat(expected).as("seed %d hard mode kept %s", seed, plan.tables()).isEmpty();
          }
          stranded += expected.size();
        }
      }
    }
    assertThat(stranded).as("the cases must strand some bookings").isGreaterThan(50);
  }

  /**
   * The planner keeps only the best k as it searches and skips weighing candidates that cannot
   * enter them; the answer must still be the first k of the full ranking, scores and stranded
   * bookings included.
   */
  @Test
  void P2_7_theBestKPlansAreTheFirstKOfTheFullRanking() {
    int compared = 0;
    int penalisedSomewhere = 0;
    for (long seed = 1; seed <= 300; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 8, 3);
      SplittableRandom r = new SplittableRandom(seed * 17);
      List<Booking> known = knownBookings(r, 1 + r.nextInt(5), 8);
      for (LookaheadMode mode : List.of(LookaheadMode.SOFT, LookaheadMode.HARD)) {
        SeatingPolicy p = withLookahead(c, mode);
        Occupancy occ = occupancy(c, p);
        List<PlanOption> all =
            planner
                .quote(
                    new QuoteRequest(
                        SmallFloors.RESTAURANT, c.floor(), p, c.booking(), occ, known, 100_000))
                .plans();
        if (all.stream().anyMatch(o -> !o.lookaheadBlocked().isEmpty())) {
          penalisedSomewhere++;
        }
        for (int k = 1; k <= 3; k++) {
          List<PlanOption> best =
              planner
                  .quote(
                      new QuoteRequest(
                          SmallFloors.RESTAURANT, c.floor(), p, c.booking(), occ, known, k))
                  .plans();
          assertThat(best)
              .as("seed %d mode %s k %d", seed, mode, k)
              .isEqualTo(all.subList(0, Math.min(k, all.size())));
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(300 * 2 * 3);
    assertThat(penalisedSomewhere).as("cases where the lookahead weighs plans").isGreaterThan(30);
  }
}
