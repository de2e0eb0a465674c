package dev.capacity.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Assignment;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.Pacing;
import dev.capacity.PlanRules;
import dev.capacity.ResultMetrics;
import dev.capacity.ResultMode;
import dev.capacity.Rule;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.SeatingResult;
import dev.capacity.Table;
import dev.capacity.Unassigned;
import dev.capacity.Violation;
import dev.capacity.format.ScenarioFiles;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The rule checker on the small hand-made scenario {@code format/tiny.json} (Europe/London, dinner
 * 17:00-23:00, buffer 15 minutes, pacing 12 covers per 15 minutes): b1 (2, 18:00, existing on T1),
 * b2 (6, 19:00, turn 120), b3 (4, 20:00-21:00, zone main), b4 (2, 16:00, outside service), b5 (2,
 * 21:30). T3 seats 3 to 4 alone and is blocked 17:00-18:00; B1 is not combinable, B2 inactive.
 */
class RuleCheckerTest {
  static final List<String> FILES = ScenarioFiles.NAMES;

  private static final Scenario TINY = ScenarioFiles.tiny();

  private static Instant at(String hhmm) {
    return Instant.parse("2026-11-20T" + hhmm + ":00Z");
  }

  private static Assignment a(String booking, String from, String to, String... tables) {
    return new Assignment(booking, List.of(tables), at(from), at(to));
  }

  private static final Assignment B1_ON_T1 = a("b1", "18:00", "19:30", "T1");
  private static final Assignment B2_ON_T2_T3 = a("b2", "19:00", "21:00", "T2", "T3");

  /** A result seating the given assignments, the other bookings unassigned, metrics correct. */
  private static SeatingResult result(Scenario s, Assignment... assignments) {
    Set<String> seated = new HashSet<>();
    int seatedCovers = 0;
    Map<String, Booking> byId = new HashMap<>();
    s.bookings().forEach(b -> byId.put(b.id(), b));
    for (Assignment x : assignments) {
      if (seated.add(x.booking()) && byId.containsKey(x.booking())) {
        seatedCovers += byId.get(x.booking()).partySize();
      }
    }
    List<Unassigned> refused = new ArrayList<>();
    int covers = 0;
    for (Booking b : s.bookings()) {
      covers += b.partySize();
      if (!seated.contains(b.id())) {
        refused.add(new Unassigned(b.id(), "NO_CAPACITY"));
      }
    }
    return new SeatingResult(
        s.name(),
        ResultMode.BATCH,
        List.of(assignments),
        refused,
        new ResultMetrics(
            s.bookings().size(),
            seated.size(),
            covers,
            seatedCovers,
            Map.of("elapsedMillis", 1.0)));
  }

  private static CheckReport check(Assignment... assignments) {
    return RuleChecker.check(TINY, result(TINY, assignments));
  }

  // ------------------------------------------------------------------------------ valid ones

  @Test
  void acceptsAValidResult() {
    CheckReport report = check(B1_ON_T1, B2_ON_T2_T3);

    assertThat(report.violations()).isEmpty();
    assertThat(report.valid()).isTrue();
    assertThat(report.metrics()).isEqualTo(new ResultMetrics(5, 2, 16, 8, Map.of()));
    assertThat(report.summary()).isEqualTo("5 bookings, 2 seated, 8/16 covers: 0 broken rules");
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void acceptsAnEmptyResultWithEveryBookingUnassigned(String name) {
    Scenario s = ScenarioFiles.scenario(name);

    CheckReport report = RuleChecker.check(s, result(s));

    assertThat(report.violations()).isEmpty();
    assertThat(report.metrics().bookings()).isEqualTo(s.bookings().size());
    assertThat(report.metrics().seatedCovers()).isZero();
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void acceptsAGreedyResultAndFindsADoubleBookingInIt(String name) {
    Scenario s = ScenarioFiles.scenario(name);
    List<Assignment> greedy = greedy(s);
    assertThat(greedy).isNotEmpty();

    CheckReport report = RuleChecker.check(s, result(s, greedy.toArray(Assignment[]::new)));
    assertThat(report.violations()).isEmpty();

    // Move one seated booking onto the tables of another whose window overlaps it.
    SeatingPolicy p = s.policy();
    Assignment first = greedy.get(0);
    BookingWindow w = p.window(first.start(), first.end(), null);
    Assignment clash =
        greedy.stream()
            .filter(x -> x != first && p.window(x.start(), x.end(), null).overlaps(w))
            .findFirst()
            .orElseThrow();
    List<Assignment> broken = new ArrayList<>(greedy);
    broken.set(
        broken.indexOf(clash),
        new Assignment(clash.booking(), first.tables(), clash.start(), clash.end()));

    CheckReport bad = RuleChecker.check(s, result(s, broken.toArray(Assignment[]::new)));

    assertThat(bad.violations(Rule.OVERLAP))
        .anySatisfy(
            v ->
                assertThat(v.bookings())
                    .containsExactlyInAnyOrder(first.booking(), clash.booking()));
  }

  // ----------------------------------------------------------------------- one test per rule

  @Test
  void rule1_tablesMustExistBeActiveAndAtMostKMax() {
    CheckReport unknown = check(B1_ON_T1, a("b2", "19:00", "21:00", "T2", "T3", "X9"));
    assertThat(unknown.brokenRules()).containsExactly(Rule.TABLES);
    assertThat(unknown.violations().get(0).message())
        .isEqualTo("booking b2 on T2+T3+X9: unknown table 'X9'");
    assertThat(unknown.violations().get(0).tables()).containsExactly("X9");

    CheckReport inactive = check(B1_ON_T1, a("b5", "21:30", "23:00", "B2"));
    assertThat(inactive.brokenRules()).containsExactly(Rule.TABLES);
    assertThat(inactive.violations().get(0).message()).contains("table 'B2' is inactive");

    Scenario kMax2 = withPolicy(TINY.policy().toBuilder().kMax(2).maxOverage(4).build());
    CheckReport tooMany =
        RuleChecker.check(
            kMax2, result(kMax2, B1_ON_T1, a("b3", "20:00", "21:00", "T1", "T2", "T3")));
    assertThat(tooMany.violations(Rule.TABLES))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).endsWith("3 tables exceed kMax 2"));
  }

  @Test
  void rule2_multiTablePlansMustTouchAndBeCombinable() {
    CheckReport apart = check(B1_ON_T1, a("b2", "19:00", "21:00", "T2", "T4"));
    assertThat(apart.brokenRules()).containsExactly(Rule.COMBINATION);
    assertThat(apart.violations().get(0).message())
        .isEqualTo("booking b2 on T2+T4: tables are not connected in the adjacency graph");
    assertThat(apart.violations().get(0).bookings()).containsExactly("b2");
    assertThat(apart.violations().get(0).tables()).containsExactly("T2", "T4");

    Scenario anyZone = withPolicy(TINY.policy().toBuilder().sameZone(false).build());
    CheckReport notCombinable =
        RuleChecker.check(
            anyZone, result(anyZone, B1_ON_T1, a("b3", "20:00", "21:00", "B1", "T4")));
    assertThat(notCombinable.violations(Rule.COMBINATION))
        .extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("table 'B1' is not combinable"));
  }

  @Test
  void rule3_capacityMustCoverThePartyWithinMaxOverage() {
    CheckReport over = check(B1_ON_T1, a("b3", "20:00", "21:00", "T2", "T3"));
    assertThat(over.brokenRules()).containsExactly(Rule.CAPACITY);
    assertThat(over.violations().get(0).message())
        .isEqualTo("booking b3 on T2+T3: 4 empty seats exceed maxOverage 2");

    CheckReport under = check(B1_ON_T1, a("b3", "20:00", "21:00", "T4"));
    assertThat(under.violations(Rule.CAPACITY))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo("booking b3 on T4: capacity 2 is below the party of 4"));
  }

  @Test
  void rule4_aLoneTableKeepsItsPartyLimits() {
    CheckReport report = check(B1_ON_T1, a("b5", "21:30", "23:00", "T3"));

    assertThat(report.brokenRules()).containsExactly(Rule.PARTY_LIMITS);
    assertThat(report.violations().get(0).message())
        .isEqualTo("booking b5 on T3: party of 2 is outside table 'T3' limits 3..4");
  }

  @Test
  void rule5_aBookingWithAZoneIsSeatedThere() {
    CheckReport report = check(B1_ON_T1, a("b3", "20:00", "21:00", "B3"));

    assertThat(report.brokenRules()).containsExactly(Rule.BOOKING_ZONE);
    assertThat(report.violations().get(0).message())
        .isEqualTo("booking b3 on B3: table 'B3' is in zone 'bar', not 'main'");
  }

  @Test
  void rule6_timesAreTheBookingsWindowInsideService() {
    CheckReport wrongEnd = check(B1_ON_T1, a("b2", "19:00", "21:15", "T2", "T3"));
    assertThat(wrongEnd.brokenRules()).containsExactly(Rule.TIMES);
    assertThat(wrongEnd.violations().get(0).message())
        .isEqualTo(
            "assignment of b2 ends at 2026-11-20T21:15:00Z, the booking's window ends at"
                + " 2026-11-20T21:00:00Z (start plus turn time)");

    CheckReport wrongStart = check(B1_ON_T1, a("b3", "20:15", "21:00", "T2"));
    assertThat(wrongStart.violations(Rule.TIMES))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("starts at 2026-11-20T20:15:00Z"));

    CheckReport explicitEnd = check(B1_ON_T1, a("b3", "20:00", "22:00", "T2"));
    assertThat(explicitEnd.violations(Rule.TIMES))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).endsWith("(its explicit end)"));
  }

  @Test
  void rule6_P2_4_startOutsideServiceIsABrokenRule() {
    CheckReport report = check(B1_ON_T1, a("b4", "16:00", "17:30", "T4"));

    assertThat(report.brokenRules()).containsExactly(Rule.TIMES);
    assertThat(report.violations().get(0).message())
        .isEqualTo(
            "booking b4 starts at 2026-11-20 16:00 local time, outside every service period");
  }

  @Test
  void rule7_noTableCarriesOverlappingWindows() {
    CheckReport report = check(B1_ON_T1, B2_ON_T2_T3, a("b3", "20:00", "21:00", "T2"));

    assertThat(report.brokenRules()).containsExactly(Rule.OVERLAP);
    Violation v = report.violations().get(0);
    assertThat(v.bookings()).containsExactly("b2", "b3");
    assertThat(v.tables()).containsExactly("T2");
    assertThat(v.message())
        .isEqualTo(
            "table T2 carries b2 and b3 over overlapping windows (b2 19:00-21:15, b3 20:00-21:15"
                + " local, buffer 15 min included)");
  }

  @Test
  void rule7_onePairOverlappingOnTwoTablesIsOneViolation() {
    CheckReport report = check(B1_ON_T1, B2_ON_T2_T3, a("b3", "20:00", "21:00", "T3", "T2"));

    assertThat(report.violations(Rule.OVERLAP))
        .singleElement()
        .satisfies(v -> assertThat(v.tables()).containsExactly("T2", "T3"))
        .satisfies(v -> assertThat(v.message()).startsWith("tables T2, T3 carry b2 and b3"));
  }

  @Test
  void rule7_theBufferBlocksTheTable() {
    // b2 dines 19:00-21:00 on T2; b5 starts 21:30. With a 15-minute buffer that is free...
    assertThat(check(B1_ON_T1, B2_ON_T2_T3, a("b5", "21:30", "23:00", "T4")).violations())
        .isEmpty();
    Assignment b5OnT2 = a("b5", "21:30", "23:00", "T2");
    assertThat(check(B1_ON_T1, B2_ON_T2_T3, b5OnT2).violations(Rule.OVERLAP)).isEmpty();
    // ...with a 45-minute buffer b2 blocks T2 until 21:45.
    Scenario longBuffer = withPolicy(TINY.policy().toBuilder().bufferMinutes(45).build());
    CheckReport report =
        RuleChecker.check(longBuffer, result(longBuffer, B1_ON_T1, B2_ON_T2_T3, b5OnT2));
    assertThat(report.brokenRules()).containsExactly(Rule.OVERLAP);
    assertThat(report.violations().get(0).bookings()).containsExactly("b2", "b5");
  }

  @Test
  void rule7_aBookingMustNotOverlapABlockOfItsTables() {
    Block onT2 = new Block("repair", "T2", at("20:30"), at("21:30"));
    Scenario blocked = withBlocks(onT2);

    CheckReport report = RuleChecker.check(blocked, result(blocked, B1_ON_T1, B2_ON_T2_T3));

    assertThat(report.brokenRules()).containsExactly(Rule.OVERLAP);
    assertThat(report.violations().get(0).message())
        .isEqualTo("booking b2 on table T2 overlaps block repair (2026-11-20 20:30-21:30 local)");
    assertThat(report.violations().get(0).tables()).containsExactly("T2");
  }

  @Test
  void rule7_windowsAreHalfOpen() {
    // b2 blocks T2 over [19:00, 21:15): a block from 21:15, or one ending at 19:00, is no overlap.
    Scenario touching =
        withBlocks(
            new Block("after", "T2", at("21:15"), at("22:00")),
            new Block("before", "T3", at("18:00"), at("19:00")));

    assertThat(RuleChecker.check(touching, result(touching, B1_ON_T1, B2_ON_T2_T3)).violations())
        .isEmpty();
  }

  @Test
  void rule7_P4_2_T1_aBookingAcrossMidnightBlocksTheEarlyHours() {
    SeatingPolicy late =
        TINY.policy().toBuilder()
            .servicePeriods(
                List.of(
                    new dev.capacity.ServicePeriod(
                        "dinner", java.time.LocalTime.of(18, 0), java.time.LocalTime.of(2, 0))))
            .build();
    Instant created = at("12:00");
    Booking lateOne =
        new Booking(
            "late",
            2,
            at("23:30"),
            Instant.parse("2026-11-21T01:30:00Z"),
            created,
            null,
            dev.capacity.BookingStatus.PENDING);
    Booking afterMidnight =
        Booking.of("night", 2, Instant.parse("2026-11-21T00:30:00Z"), created)
            .withEnd(Instant.parse("2026-11-21T01:45:00Z"));
    Scenario s =
        new Scenario(
            "late",
            TINY.restaurant(),
            late,
            TINY.floor(),
            List.of(lateOne, afterMidnight),
            List.of(),
            List.of());

    CheckReport report =
        RuleChecker.check(
            s,
            result(
                s,
                new Assignment(
                    "late", List.of("T4"), lateOne.start(), Instant.parse("2026-11-21T01:30:00Z")),
                new Assignment(
                    "night",
                    List.of("T4"),
                    afterMidnight.start(),
                    Instant.parse("2026-11-21T01:45:00Z"))));

    assertThat(report.brokenRules()).containsExactly(Rule.OVERLAP);
    assertThat(report.violations().get(0).message())
        .contains("late 23:30-01:45", "night 00:30-02:00");
  }

  @Test
  void rule8_existingAssignmentsStayUnchanged() {
    CheckReport moved = check(a("b1", "18:00", "19:30", "T4"), B2_ON_T2_T3);
    assertThat(moved.brokenRules()).containsExactly(Rule.EXISTING);
    assertThat(moved.violations().get(0).message())
        .isEqualTo("existing assignment of b1 on T1 was moved to T4");
    assertThat(moved.violations().get(0).tables()).containsExactly("T1", "T4");

    CheckReport dropped = check(B2_ON_T2_T3);
    assertThat(dropped.brokenRules()).containsExactly(Rule.EXISTING);
    assertThat(dropped.violations().get(0).message())
        .isEqualTo("existing assignment of b1 on T1 is missing from the assignments");
  }

  @Test
  void rule9_pacingHoldsInEveryWindow() {
    Scenario tight = withPolicy(TINY.policy().toBuilder().pacing(new Pacing(15, 5)).build());

    CheckReport report = RuleChecker.check(tight, result(tight, B1_ON_T1, B2_ON_T2_T3));

    assertThat(report.brokenRules()).containsExactly(Rule.PACING);
    assertThat(report.violations().get(0).message())
        .isEqualTo(
            "pacing window 2026-11-20 19:00-19:15 local has 6 covers from 1 bookings, more than"
                + " maxCovers 5");
    assertThat(report.violations().get(0).bookings()).containsExactly("b2");
  }

  @Test
  void rule9_pacingCountsEveryBookingStartingInTheWindow() {
    Scenario tight = withPolicy(TINY.policy().toBuilder().pacing(new Pacing(120, 7)).build());

    CheckReport report = RuleChecker.check(tight, result(tight, B1_ON_T1, B2_ON_T2_T3));

    // 18:00-20:00 holds b1 (2) and b2 (6).
    assertThat(report.violations(Rule.PACING))
        .singleElement()
        .satisfies(v -> assertThat(v.bookings()).containsExactly("b1", "b2"))
        .satisfies(v -> assertThat(v.message()).contains("18:00-20:00", "8 covers"));
  }

  @Test
  void rule10_metricsMustAgreeWithTheLists() {
    SeatingResult valid = result(TINY, B1_ON_T1, B2_ON_T2_T3);
    ResultMetrics m = valid.metrics();
    SeatingResult wrong =
        new SeatingResult(
            valid.scenario(),
            valid.mode(),
            valid.assignments(),
            valid.unassigned(),
            new ResultMetrics(m.bookings(), m.seatedBookings(), m.covers() + 1, 7, m.extra()));

    CheckReport report = RuleChecker.check(TINY, wrong);

    assertThat(report.brokenRules()).containsExactly(Rule.METRICS);
    assertThat(report.violations())
        .extracting(Violation::message)
        .containsExactly(
            "metrics.covers is 17, the lists give 16",
            "metrics.seatedCovers is 7, the lists give 8");
    assertThat(report.metrics().seatedCovers()).isEqualTo(8);
  }

  @Test
  void rule10_everyBookingAppearsExactlyOnce() {
    SeatingResult valid = result(TINY, B1_ON_T1, B2_ON_T2_T3);
    List<Unassigned> unassigned = new ArrayList<>(valid.unassigned());
    unassigned.removeIf(u -> u.booking().equals("b5")); // missing
    unassigned.add(new Unassigned("b2", "NO_CAPACITY")); // both lists
    unassigned.add(new Unassigned("b3", "NO_CAPACITY")); // twice in unassigned
    unassigned.add(new Unassigned("ghost", "NO_CAPACITY")); // unknown
    List<Assignment> assignments = new ArrayList<>(valid.assignments());
    assignments.add(a("b1", "18:00", "19:30", "T1")); // assigned twice
    assignments.add(a("nobody", "18:00", "19:30", "T4")); // unknown
    SeatingResult broken =
        new SeatingResult(valid.scenario(), valid.mode(), assignments, unassigned, valid.metrics());

    CheckReport report = RuleChecker.check(TINY, broken);

    assertThat(report.brokenRules()).containsExactly(Rule.METRICS);
    assertThat(report.violations())
        .extracting(Violation::message)
        .containsExactlyInAnyOrder(
            "booking b1 is assigned more than once",
            "assignment names an unknown booking nobody",
            "booking b2 is both assigned and unassigned",
            "booking b3 is listed more than once in unassigned",
            "unassigned names an unknown booking ghost",
            "booking b5 appears neither in assignments nor in unassigned");
  }

  @Test
  void listsEveryBrokenRuleOrderedByRule() {
    CheckReport report =
        check(
            a("b1", "18:00", "19:30", "T4"), // 8
            a("b2", "19:00", "21:15", "T2", "T4"), // 2, 6
            a("b3", "20:00", "21:00", "T2"), // 7 with b2
            a("b4", "16:00", "17:30", "B2")); // 1, 6

    assertThat(report.brokenRules())
        .containsExactly(Rule.TABLES, Rule.COMBINATION, Rule.TIMES, Rule.OVERLAP, Rule.EXISTING);
    assertThat(report.violations()).extracting(v -> v.rule().number()).isSorted();
    assertThat(report.summary()).isEqualTo("5 bookings, 4 seated, 14/16 covers: 7 broken rules");
  }

  // ---------------------------------------------------------------------------------- helpers

  private static Scenario withPolicy(SeatingPolicy policy) {
    return new Scenario(
        TINY.name(),
        TINY.restaurant(),
        policy,
        TINY.floor(),
        TINY.bookings(),
        TINY.existingAssignments(),
        TINY.blocks());
  }

  private static Scenario withBlocks(Block... blocks) {
    List<Block> all = new ArrayList<>(TINY.blocks());
    all.addAll(List.of(blocks));
    return new Scenario(
        TINY.name(),
        TINY.restaurant(),
        TINY.policy(),
        TINY.floor(),
        TINY.bookings(),
        TINY.existingAssignments(),
        all);
  }

  /**
   * Seats bookings in arrival order on the first single table that satisfies rules 1-5 and is free
   * (a test helper, not a planner): enough to give the checker real, valid results.
   */
  private static List<Assignment> greedy(Scenario s) {
    SeatingPolicy p = s.policy();
    ZoneId zone = s.restaurant().timeZone();
    Map<String, List<BookingWindow>> busy = new HashMap<>();
    for (Block b : s.blocks()) {
      BookingWindow w = p.window(b.start(), b.end(), null);
      busy.computeIfAbsent(b.table(), k -> new ArrayList<>()).add(w);
    }
    List<Booking> order = new ArrayList<>(s.bookings());
    order.sort(java.util.Comparator.comparing(Booking::createdAt).thenComparing(Booking::id));
    List<Assignment> out = new ArrayList<>();
    for (Booking b : order) {
      BookingWindow w;
      try {
        w = p.window(b, zone); // outside service, or no turn time: not seated
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (Table t : s.floor().tables()) {
        List<BookingWindow> taken = busy.getOrDefault(t.id(), List.of());
        if (PlanRules.check(s.floor(), p, b.id(), b.partySize(), b.zone(), List.of(t.id()))
                .isEmpty()
            && taken.stream().noneMatch(w::overlaps)) {
          busy.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(w);
          out.add(new Assignment(b.id(), List.of(t.id()), w.start(), w.end()));
          break;
        }
      }
    }
    return out;
  }
}
