/** JMH benchmarks of the hot paths. */
@NullMarked
package dev.capacity.benchmarks;

import org.jspecify.annotations.NullMarked;
