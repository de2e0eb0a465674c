package dev.capacity.spi;

import java.time.Instant;

/**
 * One telemetry event. Events hold ids, counts, reasons and durations only, never guest data. The
 * library's events are {@link QuoteEvent}, {@link CommandEvent} and {@link AvailabilityEvent};
 * further kinds may be added, so a sink should ignore kinds it does not know.
 *
 * <p>Implementations are immutable.
 */
public interface TelemetryEvent {
  /**
   * The restaurant the event is about.
   *
   * @return the restaurant id
   */
  String restaurant();

  /**
   * When the event happened, by the emitter's time source.
   *
   * @return the instant
   */
  Instant at();
}
