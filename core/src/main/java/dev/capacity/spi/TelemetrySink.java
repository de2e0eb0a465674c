package dev.capacity.spi;

/**
 * Receives telemetry events: quotes, commands, availability searches (and, from the auto-assign
 * runner, attempts and summaries). Events carry ids, counts, reasons and durations only, never
 * guest names, e-mails or phone numbers.
 *
 * <p>Implementations must be thread-safe, fast and must not block; the library catches and logs
 * anything they throw, so telemetry never changes an outcome.
 */
@FunctionalInterface
public interface TelemetrySink {
  /**
   * Receives one event.
   *
   * @param event the event
   */
  void record(TelemetryEvent event);

  /**
   * A sink that drops every event: the default.
   *
   * @return the no-op sink
   */
  static TelemetrySink noop() {
    return NoopTelemetrySink.INSTANCE;
  }
}
