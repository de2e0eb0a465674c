package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Reason;
import dev.capacity.spi.CommandEvent;
import dev.capacity.spi.CommandEvent.Command;
import dev.capacity.spi.QuoteEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The split of one-step attempts at the end of their quotes, from telemetry events. */
class PhasesTest {
  private static final Instant AT = Instant.parse("2026-12-04T19:00:00Z");
  private final Phases phases = new Phases();

  @Test
  void aSeatedBookingIsSplitAtTheEndOfItsQuoteAndARefusedOneCountsItsQuote() {
    phases.recording(true);
    quote("b1", null, 2_000_000);
    command(Command.QUOTE_AND_CONFIRM, "b1", null, 10_000_000);
    quote("b2", Reason.NO_CAPACITY, 1_000_000);

    Phases.Summary s = phases.summary();

    assertThat(s.seated()).isEqualTo(1);
    assertThat(s.toQuote().meanMillis()).isEqualTo(2.0);
    assertThat(s.afterQuote().meanMillis()).isEqualTo(8.0);
    assertThat(s.afterQuote().p95Millis()).isEqualTo(8.0);
    assertThat(s.refused()).isEqualTo(1);
    assertThat(s.refusedToQuote().p50Millis()).isEqualTo(1.0);
  }

  @Test
  void refusedCommandsOtherCommandsAndEventsOutsideTheRecordingAreLeftOut() {
    quote("b0", null, 5_000_000);
    command(Command.QUOTE_AND_CONFIRM, "b0", null, 9_000_000); // before recording
    phases.recording(true);
    quote("b1", null, 3_000_000);
    command(Command.QUOTE_AND_CONFIRM, "b1", Reason.CONFLICT, 4_000_000); // refused by the store
    quote("b2", null, 3_000_000);
    command(Command.HOLD, "b2", null, 4_000_000); // not a one-step attempt
    command(Command.QUOTE_AND_CONFIRM, "b3", null, 4_000_000); // no quote seen
    phases.recording(false);
    quote("b4", null, 1_000_000);
    command(Command.QUOTE_AND_CONFIRM, "b4", null, 2_000_000);

    Phases.Summary s = phases.summary();

    assertThat(s.seated()).isZero();
    assertThat(s.refused()).isZero();
    assertThat(s.toQuote().meanMillis()).isZero();
  }

  @Test
  void percentilesAreTakenOverTheSeatedBookings() {
    phases.recording(true);
    for (int i = 1; i <= 20; i++) {
      quote("b" + i, null, 1_000_000);
      command(Command.QUOTE_AND_CONFIRM, "b" + i, null, 1_000_000 + i * 1_000_000L);
    }

    Phases.Summary s = phases.summary();

    assertThat(s.seated()).isEqualTo(20);
    assertThat(s.afterQuote().p50Millis()).isEqualTo(10.0);
    assertThat(s.afterQuote().p95Millis()).isEqualTo(19.0);
    assertThat(s.afterQuote().meanMillis()).isEqualTo(10.5);
    assertThat(s.line("runs 3-4")).contains("runs 3-4").contains("20 seated bookings");
  }

  private void quote(String booking, @Nullable Reason refusal, long nanos) {
    phases.record(new QuoteEvent("r", booking, 1, refusal, true, 10, nanos, AT));
  }

  private void command(Command command, String booking, @Nullable Reason refusal, long nanos) {
    phases.record(new CommandEvent("r", booking, command, refusal, nanos, AT));
  }
}
