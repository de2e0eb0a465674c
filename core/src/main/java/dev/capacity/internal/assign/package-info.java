/**
 * The auto-assign runner behind {@link dev.capacity.AutoAssigner}: the per-booking attempt loop,
 * runs with bounded concurrency, backoff, the "no plan" cache. Not exported.
 */
@NullMarked
package dev.capacity.internal.assign;

import org.jspecify.annotations.NullMarked;
