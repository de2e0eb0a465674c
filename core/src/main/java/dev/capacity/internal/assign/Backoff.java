package dev.capacity.internal.assign;

import dev.capacity.AutoAssignOptions;
import java.util.SplittableRandom;

/**
 * Jittered exponential backoff: after the n-th failed attempt the bound is {@code base * 2^(n-1)},
 * capped at the maximum, and the wait is drawn uniformly from {@code [bound/2, bound]} ("equal
 * jitter": workers that failed together spread out, yet nobody retries at once). Each booking draws
 * from its own generator seeded by the options' seed and the booking id, so a booking's waits do
 * not depend on thread timing.
 */
final class Backoff {
  private final long baseNanos;
  private final long maxNanos;
  private final SplittableRandom random;

  Backoff(AutoAssignOptions options, String bookingId) {
    this.baseNanos = options.backoffBase().toNanos();
    this.maxNanos = options.backoffMax().toNanos();
    this.random = new SplittableRandom(mix(options.seed(), bookingId));
  }

  static long mix(long seed, String bookingId) {
    long h = seed ^ (bookingId.hashCode() * 0x9E3779B97F4A7C15L);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** The bound after a failed attempt (from 1). */
  long bound(int failedAttempt) {
    long bound = baseNanos;
    for (int i = 1; i < failedAttempt && bound < maxNanos; i++) {
      bound = bound > maxNanos / 2 ? maxNanos : bound * 2;
    }
    return Math.min(bound, maxNanos);
  }

  /** The wait after a failed attempt (from 1). */
  long delayNanos(int failedAttempt) {
    long bound = bound(failedAttempt);
    if (bound <= 0) {
      return 0;
    }
    long half = bound / 2;
    return half + random.nextLong(bound - half + 1);
  }
}
