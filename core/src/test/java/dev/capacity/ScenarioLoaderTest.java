package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.format.ScenarioFiles;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
