package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.format.ScenarioFiles;
import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.spi.TimeSource;
import dev.capacity.testing.MutableTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Where a scenario's clock starts, and the clock that runs from there. */
class ScenarioLoaderTest {
  @SuppressWarnings("NullAway") // passes null on purpose
  private static Instant nullInstant() {
    return null;
  }

  @Test
  void clockStartsOneHourBeforeTheEarliestBooking() {
    Scenario hall = ScenarioFiles.scenario("hall");
    Instant earliest =
        hall.bookings().stream().map(Booking::start).min(Comparator.naturalOrder()).orElseThrow();
    assertThat(ScenarioLoader.clockStart(hall)).isEqualTo(earliest.minus(Duration.ofHours(1)));
  }

  @Test
  void aScenarioWithoutBookingsStartsAtTheEpoch() {
    Scenario hall = ScenarioFiles.scenario("hall");
    Scenario empty =
        new Scenario(
            hall.name(),
            hall.restaurant(),
            hall.policy(),
            hall.floor(),
            List.of(),
            List.of(),
            hall.blocks());
    assertThat(ScenarioLoader.clockStart(empty)).isEqualTo(Instant.EPOCH);
  }

  @Test
  void readBackListsTheStoredAssignmentsAndTheRunnersReasons() {
    Scenario bistro = ScenarioFiles.scenario("bistro");
    MutableTimeSource time = new MutableTimeSource(ScenarioLoader.clockStart(bistro));
    InMemoryCapacityStore store = new InMemoryCapacityStore(time);
    ScenarioLoader.load(store, bistro);
    List<String> ids = bistro.bookings().stream().map(Booking::id).toList();
    AutoAssignReport report =
        AutoAssigner.builder(store)
            .timeSource(time)
            .build()
            .run(
                bistro.restaurant().id(),
                BookingSelection.bookings(ids),
                AutoAssignOptions.builder().workers(2).build());
    SeatingResult result = ScenarioLoader.readBack(store, bistro, report);
    assertThat(result.mode()).isEqualTo(ResultMode.BATCH);
    assertThat(result.assignments()).hasSize(report.count(AutoAssignResult.Status.ASSIGNED));
    assertThat(result.metrics().seatedCovers()).isEqualTo(report.coversSeated());
    assertThat(result.assignments().size() + result.unassigned().size()).isEqualTo(ids.size());
    for (Unassigned u : result.unassigned()) {
      AutoAssignResult r = Objects.requireNonNull(report.result(u.booking()));
      assertThat(u.reason()).isEqualTo(String.valueOf(r.reason()));
    }
    assertThat(result.metrics().extra()).containsKeys("bookingMillisP95", "workers");
  }

  @Test
  void runningClockReadsItsStartThenMovesForward() {
    Instant start = Instant.parse("2026-11-20T16:00:00Z");
    TimeSource clock = TimeSource.runningFrom(start);
    Instant first = clock.now();
    long t0 = clock.nanoTime();
    assertThat(first).isAfterOrEqualTo(start);
    assertThat(clock.now()).isAfterOrEqualTo(first);
    assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(t0);
    assertThatThrownBy(() -> TimeSource.runningFrom(nullInstant()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("start");
  }
}
