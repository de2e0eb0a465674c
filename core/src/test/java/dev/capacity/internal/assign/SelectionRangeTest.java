package dev.capacity.internal.assign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.BookingSelection;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.testing.Fixtures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start ranges of day and service selections, in the restaurant's zone. */
class SelectionRangeTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static RestaurantContext context(List<ServicePeriod> periods) {
    SeatingPolicy policy = Fixtures.policyBuilder().servicePeriods(periods).build();
    return new RestaurantContext(new Restaurant("r", PARIS), Fixtures.floor(), policy);
  }

  @Test
  void dayIsLocalMidnightToMidnight() {
    Instant[] r =
        DefaultAutoAssigner.range(
            context(List.of(new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0)))),
            BookingSelection.day(LocalDate.of(2026, 11, 20)));
    assertThat(r)
        .containsExactly(
            Instant.parse("2026-11-19T23:00:00Z"), Instant.parse("2026-11-20T23:00:00Z"));
  }

  @Test
  void T1_dayWithAServiceAcrossMidnightKeepsItsLateStarts() {
    RestaurantContext ctx =
        context(List.of(new ServicePeriod("late", LocalTime.of(18, 0), LocalTime.of(2, 0))));
    Instant[] r = DefaultAutoAssigner.range(ctx, BookingSelection.day(LocalDate.of(2026, 11, 20)));
    assertThat(r)
        .containsExactly(
            Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-21T01:00:00Z"));
    Instant[] s =
        DefaultAutoAssigner.range(
            ctx, BookingSelection.service(LocalDate.of(2026, 11, 20), "late"));
    assertThat(s)
        .containsExactly(
            Instant.parse("2026-11-20T17:00:00Z"), Instant.parse("2026-11-21T01:00:00Z"));
  }

  @Test
  void D1_dayAcrossADaylightSavingChangeHasItsRealLength() {
    Instant[] r =
        DefaultAutoAssigner.range(
            context(List.of(new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0)))),
            BookingSelection.day(LocalDate.of(2026, 3, 29)));
    assertThat(java.time.Duration.between(r[0], r[1]).toHours()).isEqualTo(23);
  }
}
