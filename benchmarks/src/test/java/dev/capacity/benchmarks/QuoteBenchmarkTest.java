package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.Booking;
import dev.capacity.LookaheadMode;
import dev.capacity.OccupancyKind;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.spi.TimeSource;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quote benchmark quotes what it says: the day in place, each booking's own entry left out, so
 * every booking the replay seated finds a plan again; lookahead on only when asked.
 */
class QuoteBenchmarkTest {
  /** A ticker that never moves, so no search runs out of budget however slow the machine. */
  private static final TimeSource FROZEN =
      new TimeSource() {
        @Override
        public Instant now() {
          return Instant.parse("2026-11-20T12:00:00Z");
        }

        @Override
        public long nanoTime() {
          return 0;
        }
      };

  @ParameterizedTest
  @CsvSource({"hall, off", "hall, on", "mega, off", "mega, on"})
  void everyBookingTheReplaySeatedFindsAPlanAgain(String floor, String lookahead) {
    boolean on = QuoteBenchmark.lookaheadOn(lookahead);
    Planner planner = Planner.create(FROZEN);
    Day day = QuoteBenchmark.day(planner, floor, on);
    QuoteRequest[] requests = QuoteBenchmark.requests(day, on, 1);
    Set<String> seated = new HashSet<>();
    day.result.assignments().forEach(a -> seated.add(a.booking()));

    int withPlans = 0;
    int lookaheadChecked = 0;
    for (QuoteRequest r : requests) {
      Booking b = r.booking();
      assertThat(r.occupancy().entry(OccupancyKind.ASSIGNMENT, b.id())).isNull();
      assertThat(r.occupancy().size())
          .isEqualTo(day.occupancy.size() - (seated.contains(b.id()) ? 1 : 0));
      Quote q = planner.quote(r);
      assertThat(q.diagnostics().complete()).as(b.id()).isTrue();
      if (seated.contains(b.id())) {
        assertThat(q.plans()).as(b.id()).isNotEmpty();
      }
      withPlans += q.plans().isEmpty() ? 0 : 1;
      lookaheadChecked += q.diagnostics().lookaheadBookings();
    }

    assertThat(requests).hasSize(day.scenario.bookings().size());
    assertThat(seated.size()).isGreaterThan(requests.length * 3 / 4);
    assertThat(withPlans).isGreaterThanOrEqualTo(seated.size());
    assertThat(requests[0].policy().lookahead().mode())
        .isEqualTo(on ? LookaheadMode.SOFT : LookaheadMode.OFF);
    assertThat(requests[0].knownUnassigned()).hasSize(on ? day.result.unassigned().size() : 0);
    if (on) {
      assertThat(lookaheadChecked).isPositive();
    } else {
      assertThat(lookaheadChecked).isZero();
    }
  }

  @Test
  void theBenchmarkMethodCyclesThroughEveryBooking() {
    QuoteBenchmark bench = new QuoteBenchmark();
    bench.floor = "hall";
    bench.lookahead = "on";
    bench.setUp();
    var bookings = Day.scenario("hall").bookings();

    for (int i = 0; i <= bookings.size(); i++) {
      assertThat(bench.quote().booking()).isEqualTo(bookings.get(i % bookings.size()).id());
    }
  }

  @Test
  void refusesAnUnknownLookaheadValue() {
    assertThatThrownBy(() -> QuoteBenchmark.lookaheadOn("soft"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'soft'");
  }
}
