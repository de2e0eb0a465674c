package dev.capacity.spi;

/** The sink that drops every event. */
enum NoopTelemetrySink implements TelemetrySink {
  INSTANCE;

  @Override
  public void record(TelemetryEvent event) {}
}
