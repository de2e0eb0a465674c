/**
 * The ports an adapter implements: reading floor plans, bookings and occupancy, the atomic
 * commands, telemetry and time sources. Storage failures are reported through one small unchecked
 * exception hierarchy defined here, so callers never import {@code java.sql}.
 */
@NullMarked
package dev.capacity.spi;

import org.jspecify.annotations.NullMarked;
