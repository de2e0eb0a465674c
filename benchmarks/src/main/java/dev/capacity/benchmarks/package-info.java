/**
 * JMH benchmarks of the hot paths, the memory report and the PostgreSQL load command ({@link
 * dev.capacity.benchmarks.PostgresLoad}).
 */
@NullMarked
package dev.capacity.benchmarks;

import org.jspecify.annotations.NullMarked;
