/**
 * The API a booking backend calls: the model records, the seating policy, requests and results.
 *
 * <p>Every type in this package is immutable and thread-safe unless its documentation says
 * otherwise. Absent values are marked {@code @Nullable}; everything else is non-null.
 */
@NullMarked
package dev.capacity;

import org.jspecify.annotations.NullMarked;
