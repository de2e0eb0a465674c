/**
 * The in-memory adapter: a thread-safe {@link dev.capacity.spi.CapacityStore} that keeps everything
 * in the JVM. It is the embedded default for an application that needs no database and the
 * reference the PostgreSQL adapter is held to by the shared contract suite.
 */
@NullMarked
package dev.capacity.memory;

import org.jspecify.annotations.NullMarked;
