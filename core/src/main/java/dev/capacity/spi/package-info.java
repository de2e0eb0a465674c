/**
 * The ports an adapter implements: reading floor plans, bookings and occupancy, the atomic
 * commands, telemetry and time sources. Storage failures are reported through one small unchecked
 * exception hierarchy defined here, so callers never import {@code java.sql}.
 *
 * <p>Thread safety: the records here (the telemetry events and {@link
 * dev.capacity.spi.OccupancySnapshot}) are immutable and thread-safe; the exceptions carry only
 * their message and cause and are not changed after they are thrown. Each port ({@link
 * dev.capacity.spi.CapacityStore} and its two halves, {@link dev.capacity.spi.TelemetrySink},
 * {@link dev.capacity.spi.TimeSource}, {@link dev.capacity.spi.Sleeper}) says what it requires of
 * an implementation: every one of them is called from many threads at once.
 */
@NullMarked
package dev.capacity.spi;

import org.jspecify.annotations.NullMarked;
