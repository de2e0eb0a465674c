package dev.capacity.examples.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignReport;
import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssigner;
import dev.capacity.BookingSelection;
import dev.capacity.Reason;
import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.spi.AssignAttemptEvent;
import dev.capacity.spi.CommandEvent;
import dev.capacity.spi.QuoteEvent;
import dev.capacity.testing.AdvancingSleeper;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerTelemetrySinkTest {
  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void quotesCommandsAndAttemptsBecomeTaggedTimers() {
    MicrometerTelemetrySink sink = new MicrometerTelemetrySink(registry);
    sink.record(new QuoteEvent("r1", "b1", 3, null, true, 40, 2_000_000, AT));
    sink.record(new QuoteEvent("r1", "b2", 0, Reason.NO_CAPACITY, true, 12, 1_000_000, AT));
    sink.record(new CommandEvent("r1", "b1", CommandEvent.Command.CONFIRM, null, 500_000, AT));
    sink.record(
        new AssignAttemptEvent(
            "r1",
            "b3",
            1,
            AssignAttemptEvent.Step.QUOTE_AND_HOLD,
            Reason.CONFLICT,
            2,
            0,
            true,
            1_000_000,
            30_000_000,
            AT));
    assertThat(
            registry
                .get("capacity.quote")
                .tags("restaurant", "r1", "outcome", "ok", "reason", "none")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(2.0);
    assertThat(
            registry
                .get("capacity.quote")
                .tags("outcome", "refused", "reason", "NO_CAPACITY")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("capacity.quote.units").tags("outcome", "ok").summary().totalAmount())
        .isEqualTo(40);
    assertThat(registry.get("capacity.command").tags("command", "confirm").timer().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("capacity.assign.backoff")
                .tags("reason", "CONFLICT")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(30.0);
  }

  @Test
  void restaurantTagCanBeSwitchedOffAndTagsHoldNoGuestData() {
    new MicrometerTelemetrySink(registry, false)
        .record(new QuoteEvent("r1", "b1", 1, null, true, 1, 1, AT));
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getTag("restaurant")).isNull();
      // Booking ids are not tags either: they would make one series per booking.
      assertThat(m.getId().getTags()).noneMatch(t -> t.getValue().equals("b1"));
    }
  }

  @Test
  void anAutoAssignRunIsCountedPerBookingAndPerRun() {
    MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
    InMemoryCapacityStore store = new InMemoryCapacityStore(clock);
    store.saveRestaurant(Fixtures.restaurant(), Fixtures.floor(), Fixtures.policy()).orElseThrow();
    store.saveBooking(Fixtures.R, Fixtures.booking("b1", 2, "19:00")).orElseThrow();
    store.saveBooking(Fixtures.R, Fixtures.booking("b2", 4, "19:00")).orElseThrow();
    store.saveBooking(Fixtures.R, Fixtures.booking("huge", 40, "19:00")).orElseThrow();
    AutoAssigner assigner =
        AutoAssigner.builder(store)
            .timeSource(clock)
            .sleeper(new AdvancingSleeper(clock))
            .telemetry(new MicrometerTelemetrySink(registry))
            .build();
    AutoAssignReport report =
        assigner.run(
            Fixtures.R,
            BookingSelection.bookings(List.of("b1", "b2", "huge")),
            AutoAssignOptions.builder().workers(2).build());
    assertThat(report.results())
        .extracting(AutoAssignResult::status)
        .contains(AutoAssignResult.Status.ASSIGNED);
    assertThat(registry.get("capacity.assign.booking").tags("status", "assigned").timer().count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("capacity.assign.booking")
                .tags("status", "not_assigned", "reason", "PARTY_TOO_LARGE", "inline", "false")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("capacity.assign.run").timer().count()).isEqualTo(1);
    assertThat(registry.get("capacity.assign.run.bookings").counter().count()).isEqualTo(3);
    assertThat(registry.get("capacity.assign.run.covers.assigned").counter().count()).isEqualTo(6);
    assertThat(registry.get("capacity.quote").timers()).isNotEmpty();
    // one step per booking (the default): quoted, then held and confirmed at once
    assertThat(
            registry.get("capacity.command").tags("command", "quote_and_confirm").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count)
                .sum())
        .isEqualTo(3);
    assertThat(registry.find("capacity.command").tags("command", "confirm").timers()).isEmpty();
  }
}
