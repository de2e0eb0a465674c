package dev.capacity;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizes and lifetimes of the planner's caches (pitfall P6.4: no hard-coded lifetimes).
 *
 * @param catalogMaxEntries most unit catalogs kept (one per floor-plan and policy version)
 * @param catalogExpireAfterAccess how long an unused catalog is kept
 * @param noPlanMaxEntries most remembered "no plan" answers
 * @param noPlanExpireAfterWrite how long a "no plan" answer is remembered (it is keyed by the
 *     occupancy version as well, so it is never served after a write)
 */
public record CacheSettings(
    long catalogMaxEntries,
    Duration catalogExpireAfterAccess,
    long noPlanMaxEntries,
    Duration noPlanExpireAfterWrite) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a size is negative or a duration not positive
   */
  public CacheSettings {
    if (catalogMaxEntries < 1) {
      throw new IllegalArgumentException(
          "catalogMaxEntries must be at least 1, got " + catalogMaxEntries);
    }
    if (noPlanMaxEntries < 0) {
      throw new IllegalArgumentException(
          "noPlanMaxEntries must not be negative, got " + noPlanMaxEntries);
    }
    Objects.requireNonNull(catalogExpireAfterAccess, "catalogExpireAfterAccess");
    Objects.requireNonNull(noPlanExpireAfterWrite, "noPlanExpireAfterWrite");
    if (catalogExpireAfterAccess.isNegative() || catalogExpireAfterAccess.isZero()) {
      throw new IllegalArgumentException(
          "catalogExpireAfterAccess must be positive, got " + catalogExpireAfterAccess);
    }
    if (noPlanExpireAfterWrite.isNegative() || noPlanExpireAfterWrite.isZero()) {
      throw new IllegalArgumentException(
          "noPlanExpireAfterWrite must be positive, got " + noPlanExpireAfterWrite);
    }
  }

  /**
   * The defaults: 64 catalogs kept for an hour after last use; 10,000 "no plan" answers kept 30
   * seconds.
   *
   * @return the defaults
   */
  public static CacheSettings defaults() {
    return new CacheSettings(64, Duration.ofHours(1), 10_000, Duration.ofSeconds(30));
  }
}
