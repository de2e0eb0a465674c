package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.capacity.AutoAssignResult.Status;
import dev.capacity.memory.InMemoryCapacityStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The auto-assign value types: options, selections, results and reports. */
class AutoAssignModelTest {
  private static final Instant T = Instant.parse("2026-11-20T19:00:00Z");

  private static AutoAssignResult assigned(String id, int party, long millis, int attempts) {
    return new AutoAssignResult(
        id,
        party,
        Status.ASSIGNED,
        null,
        attempts,
        attempts - 1,
        millis * 1_000_000,
        new Assignment(id, List.of("T1"), T, T.plusSeconds(3600)));
  }

  private static AutoAssignResult refused(String id, int party, Reason reason, int attempts) {
    return new AutoAssignResult(
        id, party, Status.NOT_ASSIGNED, reason, attempts, 0, 1_000_000, null);
  }

  @Test
  void defaultsAreDocumented() {
    AutoAssignOptions o = AutoAssignOptions.defaults();
    assertThat(o.workers()).isEqualTo(15);
    assertThat(o.executor()).isNull();
    assertThat(o.maxAttempts()).isEqualTo(5);
    assertThat(o.backoffBase()).isEqualTo(Duration.ofMillis(25));
    assertThat(o.backoffMax()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.seed()).isZero();
    assertThat(o.cutoff()).isEqualTo(Duration.ZERO);
    assertThat(o.deadline()).isNull();
    assertThat(o.holdTtl()).isNull();
    assertThat(o.actor()).isEqualTo("auto-assign");
    assertThat(o.skipKnownNoPlan()).isTrue();
    assertThat(o.strictPriority()).isTrue();
    assertThat(o.order()).isSameAs(AutoAssignOptions.priority());
    assertThat(o.toString()).contains("workers=15");
    AutoAssignOptions copy = o.toBuilder().workers(3).build();
    assertThat(copy.workers()).isEqualTo(3);
    assertThat(copy.maxAttempts()).isEqualTo(5);
  }

  @Test
  void P3_3_priorityIsLargestPartyThenEarliestStartThenOldest() {
    Instant made = Instant.parse("2026-11-01T09:00:00Z");
    List<Booking> list =
        new ArrayList<>(
            List.of(
                Booking.of("small", 2, T, made),
                Booking.of("late", 4, T.plusSeconds(900), made),
                Booking.of("young", 4, T, made.plusSeconds(60)),
                Booking.of("old", 4, T, made),
                Booking.of("big", 8, T.plusSeconds(7200), made)));
    list.sort(AutoAssignOptions.priority());
    assertThat(list)
        .extracting(Booking::id)
        .containsExactly("big", "old", "young", "late", "small");
  }

  @Test
  void optionsRefuseNonsenseWithTheValueNamed() {
    AutoAssignOptions.Builder b = AutoAssignOptions.builder();
    assertThatThrownBy(() -> b.workers(0))
        .hasMessageContaining("workers")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> b.maxAttempts(0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("base");
    assertThatThrownBy(() -> b.backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.cutoff(Duration.ofMinutes(-1))).hasMessageContaining("cutoff");
    assertThatThrownBy(() -> b.deadline(Duration.ZERO)).hasMessageContaining("deadline");
    assertThatThrownBy(() -> b.holdTtl(Duration.ZERO)).hasMessageContaining("holdTtl");
    assertThatThrownBy(() -> b.actor(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.deadline(null).holdTtl(null).build().deadline()).isNull();
  }

  @Test
  void selectionsValidateAndDropRepeatedIds() {
    assertThat(BookingSelection.bookings(List.of("a", "b", "a")))
        .isEqualTo(new BookingSelection.Ids(List.of("a", "b")));
    assertThatThrownBy(() -> BookingSelection.bookings(List.of("a", " ")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BookingSelection.range(T, T.minusSeconds(1)))
        .hasMessageContaining("before");
    assertThatThrownBy(() -> BookingSelection.service(LocalDate.of(2026, 11, 20), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BookingSelection.day(LocalDate.of(2026, 11, 20)))
        .isInstanceOf(BookingSelection.Day.class);
  }

  @Test
  void resultMatchesItsStatus() {
    assertThatThrownBy(
            () -> new AutoAssignResult("b", 2, Status.ASSIGNED, Reason.CONFLICT, 1, 0, 0, null))
        .hasMessageContaining("must not have a reason");
    assertThatThrownBy(() -> new AutoAssignResult("b", 2, Status.SKIPPED, null, 0, 0, 0, null))
        .hasMessageContaining("must have a reason");
    assertThatThrownBy(() -> new AutoAssignResult("b", 2, Status.ASSIGNED, null, 1, 0, 0, null))
        .hasMessageContaining("must have an assignment");
    assertThatThrownBy(() -> refused("b", 2, Reason.CONFLICT, -1)).hasMessageContaining("attempts");
    AutoAssignResult r = assigned("b", 2, 3, 1);
    assertThat(r.seated()).isTrue();
    assertThat(r.millis()).isEqualTo(3.0);
  }

  @Test
  void reportAddsUpTotalsRatesAndPercentiles() {
    List<AutoAssignResult> results = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      results.add(assigned("b" + i, 2, i, 1));
    }
    results.add(refused("x1", 4, Reason.NO_CAPACITY, 1));
    results.add(refused("x2", 4, Reason.NO_CAPACITY, 3));
    results.add(new AutoAssignResult("x3", 6, Status.SKIPPED, Reason.PAST_CUTOFF, 0, 0, 0, null));
    AutoAssignReport report = new AutoAssignReport("r", results, T, 2_000_000_000L, 15, null);
    assertThat(report.bookings()).isEqualTo(103);
    assertThat(report.assigned()).isEqualTo(100);
    assertThat(report.count(Status.SKIPPED)).isEqualTo(1);
    assertThat(report.covers()).isEqualTo(214);
    assertThat(report.coversSeated()).isEqualTo(200);
    assertThat(report.attempts()).isEqualTo(104);
    assertThat(report.conflictsRetried()).isZero();
    assertThat(report.reasons())
        .containsEntry(Reason.NO_CAPACITY, 2)
        .containsEntry(Reason.PAST_CUTOFF, 1)
        .hasSize(2);
    assertThat(report.seatedRate()).isCloseTo(100 / 103.0, within(1e-9));
    assertThat(report.coverRate()).isCloseTo(200 / 214.0, within(1e-9));
    assertThat(report.bookingsPerSecond()).isCloseTo(51.5, within(1e-9));
    // 102 attempted bookings: 100 of 1..100 ms and two of 1 ms; nearest rank.
    assertThat(report.millisPercentile(50)).isEqualTo(49.0);
    assertThat(report.millisPercentile(95)).isEqualTo(95.0);
    assertThat(report.millisPercentile(100)).isEqualTo(100.0);
    assertThatThrownBy(() -> report.millisPercentile(0)).hasMessageContaining("percentile");
    assertThat(report.result("x3")).isNotNull();
    assertThat(report.result("nobody")).isNull();
    assertThat(report.summary()).startsWith("r: 103 bookings, 100 seated (200/214 covers)");
  }

  @Test
  void reportOfNothingHasZeroRates() {
    AutoAssignReport empty = new AutoAssignReport("r", List.of(), T, 0, 1, null);
    assertThat(empty.seatedRate()).isZero();
    assertThat(empty.coverRate()).isZero();
    assertThat(empty.bookingsPerSecond()).isZero();
    assertThat(empty.millisPercentile(95)).isZero();
  }

  @Test
  void reportRefusesABookingTwice() {
    assertThatThrownBy(
            () ->
                new AutoAssignReport(
                    "r", List.of(assigned("b", 2, 1, 1), assigned("b", 2, 1, 1)), T, 0, 1, null))
        .hasMessageContaining("duplicate");
  }

  @Test
  void builderRefusesAServiceAndAPlannerTogether() {
    InMemoryCapacityStore store = InMemoryCapacityStore.create();
    AutoAssigner.Builder b =
        AutoAssigner.builder(store)
            .service(CapacityService.builder(store).build())
            .planner(Planner.create());
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Maybe");
    assertThat(AutoAssigner.builder(store).build()).isNotNull();
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void buildersRejectNullSettingsNamingThem() {
    InMemoryCapacityStore store = InMemoryCapacityStore.create();
    AutoAssigner.Builder a = AutoAssigner.builder(store);
    CapacityService.Builder s = CapacityService.builder(store);
    assertThatThrownBy(() -> AutoAssigner.builder(null)).hasMessage("store");
    assertThatThrownBy(() -> CapacityService.builder(null)).hasMessage("store");
    assertThatThrownBy(() -> a.planner(null)).hasMessage("planner");
    assertThatThrownBy(() -> s.planner(null)).hasMessage("planner");
    assertThatThrownBy(() -> a.timeSource(null)).hasMessage("time");
    assertThatThrownBy(() -> s.timeSource(null)).hasMessage("time");
    assertThatThrownBy(() -> a.telemetry(null)).hasMessage("telemetry");
    assertThatThrownBy(() -> s.telemetry(null)).hasMessage("telemetry");
    assertThatThrownBy(() -> a.service(null)).hasMessage("service");
    assertThatThrownBy(() -> a.sleeper(null)).hasMessage("sleeper");
    assertThatThrownBy(() -> a.defaults(null)).hasMessage("options");
  }
}
