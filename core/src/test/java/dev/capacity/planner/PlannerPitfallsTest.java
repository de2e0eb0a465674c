package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Adjacency;
import dev.capacity.AdjacencyMode;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.FloorPlan;
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
import dev.capacity.Reason;
import dev.capacity.Rejection;
import dev.capacity.Restaurant;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import dev.capacity.Zone;
import dev.capacity.spi.TimeSource;
import dev.capacity.testkit.SmallFloors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One test per planner pitfall of the old system, reproducing its failure. */
class PlannerPitfallsTest {
  static final Restaurant R = Restaurant.of("r", "Europe/London");
  static final Instant START = Instant.parse("2026-11-20T19:00:00Z");
  static final List<Zone> ZONES = List.of(new Zone("main", "Main"), new Zone("bar", "Bar"));
  final Planner planner = dev.capacity.testkit.FrozenTime.planner();

  static SeatingPolicy.Builder policy() {
    return SeatingPolicy.builder().lookahead(Lookahead.off());
  }

  static Booking booking(String id, int party) {
    return Booking.of(id, party, START, START.minusSeconds(3600));
  }

  Quote quote(FloorPlan floor, SeatingPolicy policy, Booking b, Occupancy occ) {
    return planner.quote(new QuoteRequest(R, floor, policy, b, occ, List.of(), 1_000));
  }

  Quote quote(FloorPlan floor, SeatingPolicy policy, Booking b) {
    return quote(floor, policy, b, Occupancy.empty(floor, policy, R.timeZone()));
  }

  static List<List<String>> tables(Quote q) {
    return q.plans().stream().map(PlanOption::tables).toList();
  }

  @Test
  void S1_pairFoundWhenTheThirdTableDoesNotTouch() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 4), Table.of("B", "main", 4), Table.of("C", "main", 4)),
            List.of(Adjacency.of("A", "B")));
    Quote q = quote(floor, policy().kMax(3).build(), booking("b", 6));
    assertThat(tables(q)).containsExactly(List.of("A", "B"));
  }

  @Test
  void S2_everyStartTableIsTriedWhateverTheInputOrder() {
    List<Table> ts =
        new ArrayList<>(
            List.of(
                Table.of("D", "main", 2),
                Table.of("A", "main", 2),
                Table.of("C", "main", 2),
                Table.of("B", "main", 2)));
    List<Adjacency> edges =
        List.of(Adjacency.of("A", "B"), Adjacency.of("B", "C"), Adjacency.of("C", "D"));
    SeatingPolicy p = policy().kMax(2).maxOverage(0).build();
    Quote q1 = quote(FloorPlan.of(ZONES, ts, edges), p, booking("b", 4));
    Collections.reverse(ts);
    Quote q2 = quote(FloorPlan.of(ZONES, ts, edges), p, booking("b", 4));
    assertThat(tables(q1))
        .containsExactlyInAnyOrder(List.of("A", "B"), List.of("B", "C"), List.of("C", "D"));
    assertThat(tables(q2)).isEqualTo(tables(q1));
  }

  @Test
  void S3_overageDoesNotStopTheSearchBeforeSmallerTables() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 6), Table.of("B", "main", 5), Table.of("C", "main", 1)),
            List.of(Adjacency.of("A", "B"), Adjacency.of("B", "C"), Adjacency.of("A", "C")));
    Quote q = quote(floor, policy().kMax(2).maxOverage(1).build(), booking("b", 7));
    assertThat(tables(q)).containsExactly(List.of("A", "C"));
  }

  @Test
  void S4_capacityBoundCountsTheWholePath() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 4), Table.of("B", "main", 4), Table.of("C", "main", 4)),
            List.of(Adjacency.of("A", "B"), Adjacency.of("B", "C")));
    Quote q = quote(floor, policy().kMax(3).maxOverage(2).build(), booking("b", 10));
    assertThat(tables(q)).containsExactly(List.of("A", "B", "C"));
  }

  @Test
  void S5_tableWithoutNeighboursSeatsAlone() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 4), Table.of("B", "main", 2), Table.of("C", "main", 2)),
            List.of(Adjacency.of("B", "C")));
    Quote q = quote(floor, policy().build(), booking("b", 4));
    assertThat(tables(q)).contains(List.of("A"));
  }

  @Test
  void S6_everyProposedPlanPassesTheRulesConfirmChecks() {
    for (long seed = 1; seed <= 500; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 9, 4);
      Quote q = quote(c.floor(), c.policy(), c.booking(), c.occupancy());
      for (PlanOption p : q.plans()) {
        assertThat(
                PlanRules.check(
                    c.floor(),
                    c.policy(),
                    "b",
                    c.booking().partySize(),
                    c.booking().zone(),
                    p.tables()))
            .as("seed %d plan %s", seed, p.tables())
            .isEmpty();
      }
    }
  }

  @Test
  void S7_scarcityIsAFloorPropertyNotOfTheFreeTables() {
    // one 6-top and three 4-tops; occupying two 4-tops must not change the 6-top's score
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(
                Table.of("A", "main", 6),
                Table.of("B", "main", 4),
                Table.of("C", "main", 4),
                Table.of("D", "main", 4)),
            List.of());
    SeatingPolicy p = policy().scoring(dev.capacity.ScoringWeights.legacy()).build();
    Quote before = quote(floor, p, booking("b", 4));
    BookingWindow w = p.window(booking("x", 2), R.timeZone());
    Occupancy busy =
        Occupancy.empty(floor, p, R.timeZone())
            .with(
                new OccupancyEntry(
                    OccupancyKind.ASSIGNMENT,
                    "x",
                    List.of("B"),
                    w.start(),
                    w.blockedUntil(),
                    2,
                    null))
            .with(
                new OccupancyEntry(
                    OccupancyKind.ASSIGNMENT,
                    "y",
                    List.of("C"),
                    w.start(),
                    w.blockedUntil(),
                    2,
                    null));
    Quote after = quote(floor, p, booking("b", 4), busy);
    assertThat(scoreOf(after, "D")).isEqualTo(scoreOf(before, "D"));
    assertThat(scoreOf(before, "A")).isEqualTo(scoreOf(after, "A"));
    // the 6-top is scarcer than a 4-top, and the 4-top is preferred for a party of 4
    assertThat(tables(before).get(0)).isIn(List.of("B"), List.of("C"), List.of("D"));
  }

  private static double scoreOf(Quote q, String table) {
    return q.plans().stream()
        .filter(p -> p.tables().equals(List.of(table)))
        .findFirst()
        .orElseThrow()
        .breakdown()
        .scarcity();
  }

  @Test
  void P2_1_maxPartySizeAppliesOnlyToATableAlone() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 4).withPartyLimits(1, 2), Table.of("B", "main", 2)),
            List.of(Adjacency.of("A", "B")));
    SeatingPolicy p = policy().maxOverage(2).build();
    assertThat(tables(quote(floor, p, booking("b", 4)))).containsExactly(List.of("A", "B"));
    assertThat(tables(quote(floor, p, booking("b", 2))))
        .containsExactly(List.of("B"), List.of("A"));
    Quote q = quote(floor, p, booking("b", 3));
    assertThat(q.refusal()).isEqualTo(Reason.PARTY_TOO_LARGE);
    assertThat(q.diagnostics().rejections()).containsKey(Rejection.PARTY_LIMITS);
  }

  @Test
  void P2_2_aBusyTableDoesNotRemoveCombinationsOfOtherTables() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 2), Table.of("B", "main", 2), Table.of("C", "main", 2)),
            List.of(Adjacency.of("A", "B"), Adjacency.of("B", "C")));
    SeatingPolicy p = policy().maxOverage(0).build();
    BookingWindow early =
        p.window(START.minusSeconds(4 * 3600), START.minusSeconds(3 * 3600), null);
    Occupancy occ =
        Occupancy.empty(floor, p, R.timeZone())
            .with(
                new OccupancyEntry(
                    OccupancyKind.ASSIGNMENT,
                    "x",
                    List.of("A"),
                    early.start(),
                    early.blockedUntil(),
                    2,
                    null));
    // A is busy only earlier in the day: every pair stays possible
    assertThat(tables(quote(floor, p, booking("b", 4), occ)))
        .containsExactlyInAnyOrder(List.of("A", "B"), List.of("B", "C"));
  }

  @Test
  void P2_3_oneResolutionOfAdjacencyForEveryMode() {
    // a star: H touches X, Y, Z; X-Y touch; Z touches only H
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(
                Table.of("H", "main", 2),
                Table.of("X", "main", 2),
                Table.of("Y", "main", 2),
                Table.of("Z", "main", 2)),
            List.of(
                Adjacency.of("H", "X"),
                Adjacency.of("H", "Y"),
                Adjacency.of("H", "Z"),
                Adjacency.of("X", "Y")));
    Booking b = booking("b", 6);
    for (AdjacencyMode mode : AdjacencyMode.values()) {
      SeatingPolicy p = policy().adjacencyMode(mode).maxOverage(0).build();
      for (PlanOption plan : quote(floor, p, b).plans()) {
        assertThat(PlanRules.satisfies(floor, plan.tables(), mode)).isTrue();
      }
    }
    SeatingPolicy pairwise = policy().adjacencyMode(AdjacencyMode.PAIRWISE).maxOverage(0).build();
    assertThat(tables(quote(floor, pairwise, b))).containsExactly(List.of("H", "X", "Y"));
    SeatingPolicy neighbors = policy().adjacencyMode(AdjacencyMode.NEIGHBORS).maxOverage(0).build();
    assertThat(tables(quote(floor, neighbors, b)))
        .containsExactlyInAnyOrder(
            List.of("H", "X", "Y"), List.of("H", "X", "Z"), List.of("H", "Y", "Z"));
    // parties below adjacencyMinPartySize need no adjacency at all
    SeatingPolicy loose =
        policy()
            .adjacencyMode(AdjacencyMode.PAIRWISE)
            .adjacencyMinPartySize(5)
            .maxOverage(0)
            .build();
    assertThat(tables(quote(floor, loose, booking("b", 4)))).contains(List.of("X", "Z"));
  }

  @Test
  void P2_6_scarcityRanksButNeverRefusesAValidPlan() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 8), Table.of("B", "main", 2), Table.of("C", "main", 2)),
            List.of());
    SeatingPolicy p = policy().maxOverage(6).build();
    // the only 8-top is the scarcest table, yet it is offered and PlanRules accepts it
    assertThat(tables(quote(floor, p, booking("b", 2)))).contains(List.of("A"));
    assertThat(PlanRules.check(floor, p, "b", 2, null, List.of("A"))).isEmpty();
  }

  @Test
  void P2_7_hardLookaheadDropsPlansThatStrandAKnownBooking() {
    FloorPlan floor =
        FloorPlan.of(
            ZONES,
            List.of(Table.of("A", "main", 4), Table.of("B", "main", 4), Table.of("C", "main", 2)),
            List.of(Adjacency.of("A", "B")));
    Booking known = Booking.of("big", 8, START.plusSeconds(1800), START.minusSeconds(7200));
    Booking small = booking("b", 2);
    for (LookaheadMode mode : List.of(LookaheadMode.SOFT, LookaheadMode.HARD)) {
      SeatingPolicy p =
          policy().maxOverage(2).lookahead(new Lookahead(mode, Duration.ofHours(3), 16)).build();
      Quote q =
          planner.quote(
              new QuoteRequest(
                  R, floor, p, small, Occupancy.empty(floor, p, R.timeZone()), List.of(known), 10));
      assertThat(q.plans().get(0).tables()).isEqualTo(List.of("C"));
      assertThat(q.diagnostics().lookaheadBookings()).isEqualTo(1);
      if (mode == LookaheadMode.HARD) {
        assertThat(tables(q)).containsExactly(List.of("C"));
        assertThat(q.diagnostics().rejections()).containsKey(Rejection.LOOKAHEAD);
      } else {
        assertThat(tables(q)).contains(List.of("A"), List.of("B"));
        PlanOption penalised =
            q.plans().stream()
                .filter(o -> o.tables().equals(List.of("A")))
                .findFirst()
                .orElseThrow();
        assertThat(penalised.lookaheadBlocked()).containsExactly("big");
        assertThat(penalised.breakdown().lookahead()).isPositive();
      }
    }
    // when only a penalised plan exists, soft mode says so
    SeatingPolicy soft =
        policy()
            .maxOverage(2)
            .lookahead(new Lookahead(LookaheadMode.SOFT, Duration.ofHours(3), 16))
            .build();
    Quote forced =
        planner.quote(
            new QuoteRequest(
                R,
                floor,
                soft,
                booking("b", 4),
                Occupancy.empty(floor, soft, R.timeZone()),
                List.of(known),
                10));
    assertThat(forced.diagnostics().penalisedPlanChosen()).isTrue();
  }

  @Test
  void P2_10_exhaustedBudgetReturnsTheBestFoundMarkedIncomplete() {
    AtomicLong ticks = new AtomicLong();
    TimeSource jumpy =
        new TimeSource() {
          @Override
          public Instant now() {
            return START;
          }

          @Override
          public long nanoTime() {
            return ticks.addAndGet(30_000_000); // every reading is 30 ms later
          }
        };
    List<Table> ts = new ArrayList<>();
    List<Adjacency> edges = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ts.add(Table.of(String.format("T%02d", i), "main", 2));
      if (i > 0) {
        edges.add(Adjacency.of(String.format("T%02d", i - 1), String.format("T%02d", i)));
      }
    }
    FloorPlan floor = FloorPlan.of(ZONES, ts, edges);
    SeatingPolicy p = policy().searchBudget(Duration.ofMillis(25)).build();
    Quote q =
        Planner.create(jumpy)
            .quote(
                QuoteRequest.of(
                    R, floor, p, booking("b", 2), Occupancy.empty(floor, p, R.timeZone())));
    assertThat(q.diagnostics().complete()).isFalse();
    assertThat(q.plans()).isNotEmpty();
    Quote full = quote(floor, p, booking("b", 2));
    assertThat(full.diagnostics().complete()).isTrue();
  }

  @Test
  void P2_4_startOutsideServiceIsRefusedWithItsOwnReason() {
    FloorPlan floor = FloorPlan.of(ZONES, List.of(Table.of("A", "main", 4)), List.of());
    SeatingPolicy p =
        policy()
            .servicePeriods(
                List.of(new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0))))
            .build();
    Booking late = Booking.of("b", 2, Instant.parse("2026-11-20T23:15:00Z"), START);
    assertThat(quote(floor, p, late).refusal()).isEqualTo(Reason.OUTSIDE_SERVICE);
    assertThat(quote(floor, p, booking("ok", 2)).refusal()).isNull();
  }

  @Test
  void H1_aBookingsOwnHoldNeverBlocksItsRequote() {
    FloorPlan floor = FloorPlan.of(ZONES, List.of(Table.of("A", "main", 4)), List.of());
    SeatingPolicy p = policy().build();
    Booking b = booking("b", 4);
    BookingWindow w = p.window(b, R.timeZone());
    Occupancy held =
        Occupancy.empty(floor, p, R.timeZone())
            .with(OccupancyEntry.of(OccupancyKind.HOLD, b, List.of("A"), w, START));
    assertThat(tables(quote(floor, p, b, held))).containsExactly(List.of("A"));
    assertThat(quote(floor, p, booking("other", 4), held).refusal()).isEqualTo(Reason.NO_CAPACITY);
  }

  @Test
  void rankingDoesNotDependOnInputOrder() {
    for (long seed = 1; seed <= 300; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 9, 3);
      List<Table> shuffled = new ArrayList<>(c.floor().tables());
      Collections.shuffle(shuffled, new java.util.Random(seed));
      List<Adjacency> edges = new ArrayList<>(c.floor().adjacency());
      Collections.shuffle(edges, new java.util.Random(seed));
      FloorPlan again = FloorPlan.of(c.floor().zones(), shuffled, edges, c.floor().combinations());
      Occupancy occ = Occupancy.empty(again, c.policy(), R.timeZone());
      occ = occ.withAll(c.occupancy().entries());
      Quote q1 = quote(c.floor(), c.policy(), c.booking(), c.occupancy());
      Quote q2 = quote(again, c.policy(), c.booking(), occ);
      assertThat(q2.plans()).as("seed %d", seed).isEqualTo(q1.plans());
    }
  }

  @Test
  void blockedUntilBufferAndRoundedOutwards() {
    FloorPlan floor = FloorPlan.of(ZONES, List.of(Table.of("A", "main", 4)), List.of());
    SeatingPolicy p = policy().bufferMinutes(15).build();
    Booking first = booking("x", 2); // 19:00 to 20:30, blocked to 20:45
    BookingWindow w = p.window(first, R.timeZone());
    Occupancy occ =
        Occupancy.empty(floor, p, R.timeZone())
            .with(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, first, List.of("A"), w, null));
    Booking at2040 = Booking.of("b", 2, START.plusSeconds(100 * 60), START);
    Booking at2045 = Booking.of("c", 2, START.plusSeconds(105 * 60), START);
    assertThat(quote(floor, p, at2040, occ).refusal()).isEqualTo(Reason.NO_CAPACITY);
    assertThat(quote(floor, p, at2045, occ).refusal()).isNull();
  }
}
