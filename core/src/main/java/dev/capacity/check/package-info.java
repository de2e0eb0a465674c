/**
 * The rule checker: judges a {@link dev.capacity.SeatingResult} against its {@link
 * dev.capacity.Scenario} by the ten rules of the scenario format, without trusting the planner that
 * produced it.
 *
 * <p>Every type in this package is immutable and thread-safe.
 */
@NullMarked
package dev.capacity.check;

import org.jspecify.annotations.NullMarked;
