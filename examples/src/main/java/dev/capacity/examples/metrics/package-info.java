/** Bindings of the library's telemetry to metrics systems: Micrometer. */
@NullMarked
package dev.capacity.examples.metrics;

import org.jspecify.annotations.NullMarked;
