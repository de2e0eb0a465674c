package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every invalid model value is refused when it is built, with a message that names it. */
class ModelValidationTest {
  private static final Instant T0 = Instant.parse("2026-11-20T19:00:00Z");
  private static final Zone MAIN = new Zone("main", "Main");

  // ------------------------------------------------------------------------------- restaurant

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void P4_3_restaurantWithoutTimeZoneRefused() {
    assertThatThrownBy(() -> Restaurant.of("bistro", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("restaurant 'bistro' has no time zone")
        .hasMessageContaining("\nMaybe: give an IANA zone id");
    assertThatThrownBy(() -> Restaurant.of("bistro", "  "))
        .hasMessageStartingWith("restaurant 'bistro' has no time zone");
    assertThatThrownBy(() -> new Restaurant("bistro", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("restaurant timeZone");
  }

  @Test
  void P4_3_restaurantWithInvalidTimeZoneRefused() {
    assertThatThrownBy(() -> Restaurant.of("bistro", "Nowhere/City"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("restaurant 'bistro' has an invalid time zone 'Nowhere/City'");
    assertThatThrownBy(() -> Restaurant.of(" ", "Europe/Paris"))
        .hasMessage("restaurant id must be a non-blank id, got ' '");
  }

  // ---------------------------------------------------------------------------------- booking

  @Test
  void negativeOrZeroPartyRefused() {
    assertThatThrownBy(() -> Booking.of("b1", -1, T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partySize of booking 'b1' must be positive, got -1");
    assertThatThrownBy(() -> Booking.of("b1", 0, T0, T0))
        .hasMessage("partySize of booking 'b1' must be positive, got 0");
  }

  @Test
  void bookingEndingBeforeItStartsRefused() {
    assertThatThrownBy(() -> Booking.of("b1", 2, T0, T0).withEnd(T0))
        .hasMessage(
            "booking 'b1' ends (2026-11-20T19:00:00Z) before or at its start"
                + " (2026-11-20T19:00:00Z)");
    assertThatThrownBy(() -> Booking.of("", 2, T0, T0))
        .hasMessage("booking id must be a non-blank id, got ''");
    assertThatThrownBy(() -> Booking.of("b1", 2, T0, T0).withZone(" "))
        .hasMessage("zone of booking 'b1' must be a non-blank id, got ' '");
  }

  // ---------------------------------------------------------------------------------- floor

  @Test
  void P4_1_duplicateTableIdsRefused() {
    assertThatThrownBy(
            () ->
                FloorPlan.of(
                    List.of(MAIN),
                    List.of(Table.of("T1", "main", 2), Table.of("T1", "main", 4)),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate table id 'T1'");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void P4_1_nullOrBlankTableIdsRefused() {
    assertThatThrownBy(() -> Table.of(null, "main", 2))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("table id");
    assertThatThrownBy(() -> Table.of("", "main", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table id must be a non-blank id, got ''");
    List<Table> withNull = new ArrayList<>(Arrays.asList(Table.of("T1", "main", 2), null));
    assertThatThrownBy(() -> FloorPlan.of(List.of(MAIN), withNull, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a table is null");
  }

  @Test
  void edgeToUnknownTableRefused() {
    assertThatThrownBy(
            () ->
                FloorPlan.of(
                    List.of(MAIN),
                    List.of(Table.of("T1", "main", 2)),
                    List.of(Adjacency.of("T1", "X9"))))
        .hasMessage("adjacency T1-X9 names an unknown table 'X9'");
    assertThatThrownBy(() -> Adjacency.of("T1", "T1"))
        .hasMessage("adjacency of table 'T1' with itself");
  }

  @Test
  void tableInUnknownZoneRefused() {
    assertThatThrownBy(
            () -> FloorPlan.of(List.of(MAIN), List.of(Table.of("T1", "roof", 2)), List.of()))
        .hasMessage("table 'T1' names an unknown zone 'roof'");
    assertThatThrownBy(
            () -> FloorPlan.of(List.of(MAIN, new Zone("main", "Again")), List.of(), List.of()))
        .hasMessage("duplicate zone id 'main'");
  }

  @Test
  void tableSizesChecked() {
    assertThatThrownBy(() -> Table.of("T1", "main", 0))
        .hasMessage("capacity of table 'T1' must be positive, got 0");
    assertThatThrownBy(() -> Table.of("T1", "main", 4).withPartyLimits(0, 4))
        .hasMessage("minPartySize of table 'T1' must be positive, got 0");
    assertThatThrownBy(() -> Table.of("T1", "main", 4).withPartyLimits(3, 2))
        .hasMessage("maxPartySize of table 'T1' (2) is below its minPartySize (3)");
  }

  @Test
  void combinationsChecked() {
    List<Table> tables = List.of(Table.of("T1", "main", 2), Table.of("T2", "main", 2));
    assertThatThrownBy(() -> new Combination("c1", List.of("T1"), 1, 4))
        .hasMessage("combination 'c1' needs at least two tables, got [T1]");
    assertThatThrownBy(() -> new Combination("c1", List.of("T1", "T1"), 1, 4))
        .hasMessage("duplicate table in combination 'c1' 'T1'");
    assertThatThrownBy(() -> new Combination("c1", List.of("T1", "T2"), 4, 3))
        .hasMessage("maxPartySize of combination 'c1' is below its minPartySize");
    assertThatThrownBy(
            () ->
                FloorPlan.of(
                    List.of(MAIN),
                    tables,
                    List.of(),
                    List.of(new Combination("c1", List.of("T1", "X9"), 1, 4))))
        .hasMessage("combination 'c1' names an unknown table 'X9'");
    assertThatThrownBy(
            () ->
                FloorPlan.of(
                    List.of(MAIN),
                    tables,
                    List.of(),
                    List.of(
                        new Combination("c1", List.of("T1", "T2"), 1, 4),
                        new Combination("c2", List.of("T2", "T1"), 2, 4))))
        .hasMessage("combination 'c2' repeats the tables of another combination");
  }

  // ------------------------------------------------------------- assignments, blocks, scenario

  @Test
  void assignmentsAndBlocksChecked() {
    assertThatThrownBy(() -> new Assignment("b1", List.of(), T0, T0.plusSeconds(60)))
        .hasMessage("assignment of 'b1' names no table");
    assertThatThrownBy(() -> new Assignment("b1", List.of("T1", "T1"), T0, T0.plusSeconds(60)))
        .hasMessage("duplicate table in assignment of 'b1' 'T1'");
    assertThatThrownBy(() -> new Assignment("b1", List.of("T1"), T0, T0))
        .hasMessage("assignment of 'b1' ends before or at its start");
    assertThatThrownBy(() -> new Block("k1", "T1", T0, T0.minusSeconds(60)))
        .hasMessageStartingWith("block 'k1' ends (2026-11-20T18:59:00Z) before or at its start");
  }

  @Test
  void scenarioReferencesChecked() {
    Restaurant r = Restaurant.of("r", "Europe/London");
    SeatingPolicy p = SeatingPolicy.defaults();
    FloorPlan floor = FloorPlan.of(List.of(MAIN), List.of(Table.of("T1", "main", 2)), List.of());
    Booking b1 = Booking.of("b1", 2, T0, T0);
    Assignment on = new Assignment("b1", List.of("T1"), T0, T0.plusSeconds(5400));

    assertThatThrownBy(() -> new Scenario("s", r, p, floor, List.of(b1, b1), List.of(), List.of()))
        .hasMessage("duplicate booking id 'b1'");
    assertThatThrownBy(
            () ->
                new Scenario(
                    "s",
                    r,
                    p,
                    floor,
                    List.of(b1),
                    List.of(new Assignment("b9", List.of("T1"), T0, T0.plusSeconds(60))),
                    List.of()))
        .hasMessage("existing assignment names an unknown booking 'b9'");
    assertThatThrownBy(
            () ->
                new Scenario(
                    "s",
                    r,
                    p,
                    floor,
                    List.of(b1),
                    List.of(new Assignment("b1", List.of("X9"), T0, T0.plusSeconds(60))),
                    List.of()))
        .hasMessage("existing assignment of 'b1' names an unknown table 'X9'");
    assertThatThrownBy(
            () -> new Scenario("s", r, p, floor, List.of(b1), List.of(on, on), List.of()))
        .hasMessage("booking 'b1' has two existing assignments");
    assertThatThrownBy(
            () ->
                new Scenario(
                    "s",
                    r,
                    p,
                    floor,
                    List.of(b1),
                    List.of(),
                    List.of(new Block("k1", "X9", T0, T0.plusSeconds(60)))))
        .hasMessage("block 'k1' names an unknown table 'X9'");
  }

  // ----------------------------------------------------------------------------------- policy

  private static final ServicePeriod LUNCH =
      new ServicePeriod("lunch", LocalTime.of(12, 0), LocalTime.of(14, 30));
  private static final ServicePeriod DINNER =
      new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0));

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void P6_1_policyBuilderRefusesInvalidValues() {
    assertThatThrownBy(() -> SeatingPolicy.builder().kMax(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kMax must be between 1 and 8, got 0");
    assertThatThrownBy(() -> SeatingPolicy.builder().kMax(9).build())
        .hasMessage("kMax must be between 1 and 8, got 9");
    assertThatThrownBy(() -> SeatingPolicy.builder().bufferMinutes(-5).build())
        .hasMessage("bufferMinutes must not be negative, got -5");
    assertThatThrownBy(() -> SeatingPolicy.builder().maxOverage(-1).build())
        .hasMessage("maxOverage must not be negative, got -1");
    assertThatThrownBy(() -> SeatingPolicy.builder().slotMinutes(7).build())
        .hasMessage("slotMinutes must be positive and divide a day (1440), got 7");
    assertThatThrownBy(() -> SeatingPolicy.builder().slotMinutes(0).build())
        .hasMessage("slotMinutes must be positive and divide a day (1440), got 0");
    assertThatThrownBy(() -> SeatingPolicy.builder().adjacencyMinPartySize(0).build())
        .hasMessage("adjacencyMinPartySize must be at least 1 or null, got 0");
    assertThatThrownBy(() -> SeatingPolicy.builder().searchBudget(Duration.ZERO).build())
        .hasMessage("searchBudget must be positive, got PT0S");
    assertThatThrownBy(() -> SeatingPolicy.builder().holdTtl(Duration.ofMinutes(-1)).build())
        .hasMessage("holdTtl must be positive, got PT-1M");
    assertThatThrownBy(() -> SeatingPolicy.builder().maxCatalogUnits(0).build())
        .hasMessage("maxCatalogUnits must be positive, got 0");
    assertThatThrownBy(() -> SeatingPolicy.builder().adjacencyMode(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("adjacencyMode");
  }

  @Test
  void P6_1_policyBuilderRefusesContradictions() {
    ServicePeriod late = new ServicePeriod("late", LocalTime.of(22, 0), LocalTime.of(1, 0));
    assertThatThrownBy(() -> SeatingPolicy.builder().servicePeriods(List.of(DINNER, late)).build())
        .hasMessage("service periods 'dinner' and 'late' overlap: a start would belong to both");
    ServicePeriod dinnerAgain = new ServicePeriod("dinner", LocalTime.of(8, 0), LocalTime.of(9, 0));
    assertThatThrownBy(
            () -> SeatingPolicy.builder().servicePeriods(List.of(DINNER, dinnerAgain)).build())
        .hasMessage("duplicate service period 'dinner'");
    assertThatThrownBy(
            () ->
                SeatingPolicy.builder()
                    .servicePeriods(List.of(LUNCH, DINNER))
                    .serviceTurnTimes("brunch", List.of(new TurnTime(4, 60)))
                    .build())
        .hasMessageStartingWith(
            "turn times are given for service 'brunch', which is not a service period")
        .hasMessageContaining("\nMaybe: add a service period of that name");
    assertThatThrownBy(
            () ->
                SeatingPolicy.builder()
                    .turnTimes(List.of(new TurnTime(4, 90), new TurnTime(4, 100)))
                    .build())
        .hasMessage("turnTimes has two rows for upToPartySize 4");
    assertThatThrownBy(
            () ->
                SeatingPolicy.builder()
                    .servicePeriods(List.of(DINNER))
                    .serviceTurnTimes("dinner", List.of(new TurnTime(2, 90), new TurnTime(2, 100)))
                    .build())
        .hasMessage("turnTimes of service 'dinner' has two rows for upToPartySize 2");
  }

  @Test
  void adjacentServicePeriodsDoNotOverlap() {
    ServicePeriod afternoon =
        new ServicePeriod("afternoon", LocalTime.of(14, 30), LocalTime.of(17, 0));

    assertThat(
            SeatingPolicy.builder()
                .servicePeriods(List.of(LUNCH, afternoon, DINNER))
                .build()
                .servicePeriods())
        .hasSize(3);
  }

  @Test
  void policyPartsChecked() {
    assertThatThrownBy(() -> new TurnTime(0, 90))
        .hasMessage("turn time upToPartySize must be positive, got 0");
    assertThatThrownBy(() -> new TurnTime(2, -90))
        .hasMessage("turn time minutes must be positive, got -90");
    assertThatThrownBy(() -> new ServicePeriod("x", LocalTime.NOON, LocalTime.NOON))
        .hasMessageStartingWith("service period 'x' starts and ends at 12:00")
        .hasMessageContaining("\nMaybe: leave servicePeriods empty");
    assertThatThrownBy(() -> new Pacing(7, 10))
        .hasMessage("pacing windowMinutes must divide a day (1440), got 7");
    assertThatThrownBy(() -> new Pacing(15, 0))
        .hasMessage("pacing maxCovers must be positive, got 0");
  }

  @Test
  void resultPartsChecked() {
    assertThatThrownBy(() -> new Unassigned(" ", "NO_CAPACITY"))
        .hasMessage("booking id of unassigned must be a non-blank id, got ' '");
    assertThat(new ResultMetrics(1, 0, 2, 0, Map.of("b", 1.0, "a", 2.0)).extra().keySet())
        .containsExactly("a", "b");
  }
}
