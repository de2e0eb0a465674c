package dev.capacity.internal.assign;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.capacity.CacheSettings;
import dev.capacity.ContextVersion;
import dev.capacity.Reason;
import dev.capacity.spi.TimeSource;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Remembers that a booking had no plan, keyed by the booking and valid only while the floor-plan,
 * policy, booking and occupancy versions are those the answer was found at. Every write changes the
 * occupancy version, so an answer is never used after one. Holds that expire without a write can
 * only free tables; the answer's short lifetime ({@link CacheSettings#noPlanExpireAfterWrite()})
 * bounds how long that can go unnoticed.
 *
 * <p>One Caffeine cache per restaurant, sized and timed by that restaurant's policy (pitfall P6.4)
 * and rebuilt when those settings change; its ticker is the runner's time source. Thread-safe.
 */
final class NoPlanCache {
  /** The refusals that say "no plan now" and that only a change of some version can undo. */
  static final Set<Reason> CACHEABLE =
      EnumSet.of(
          Reason.NO_CAPACITY,
          Reason.PARTY_TOO_LARGE,
          Reason.OUTSIDE_SERVICE,
          Reason.NO_TURN_TIME,
          Reason.PACING_FULL);

  private record Entry(ContextVersion version, Reason reason) {}

  private record PerRestaurant(CacheSettings settings, Cache<String, Entry> cache) {}

  private final TimeSource time;
  private final ConcurrentMap<String, PerRestaurant> restaurants = new ConcurrentHashMap<>();

  NoPlanCache(TimeSource time) {
    this.time = time;
  }

  static boolean enabled(CacheSettings settings) {
    return settings.noPlanMaxEntries() > 0;
  }

  /**
   * The remembered reason, if the versions it was found at are still the current ones.
   *
   * @param current reads the current versions (called only when an answer is remembered); may
   *     return null for a booking that is gone
   */
  @Nullable Reason lookup(
      String restaurantId,
      CacheSettings settings,
      String bookingId,
      Supplier<@Nullable ContextVersion> current) {
    Cache<String, Entry> cache = cache(restaurantId, settings);
    if (cache == null) {
      return null;
    }
    Entry e = cache.getIfPresent(bookingId);
    if (e == null) {
      return null;
    }
    ContextVersion now = current.get();
    if (e.version().equals(now)) {
      return e.reason();
    }
    cache.asMap().remove(bookingId, e);
    return null;
  }

  /** Remembers a "no plan" answer found at the given versions. */
  void record(
      String restaurantId,
      CacheSettings settings,
      String bookingId,
      ContextVersion version,
      Reason reason) {
    if (!CACHEABLE.contains(reason)) {
      throw new IllegalArgumentException(reason + " is not a 'no plan' answer");
    }
    Cache<String, Entry> cache = cache(restaurantId, settings);
    if (cache != null) {
      cache.put(bookingId, new Entry(version, reason));
    }
  }

  /** How many answers are remembered for a restaurant (for tests). */
  long size(String restaurantId) {
    PerRestaurant p = restaurants.get(restaurantId);
    if (p == null) {
      return 0;
    }
    p.cache().cleanUp();
    return p.cache().estimatedSize();
  }

  private @Nullable Cache<String, Entry> cache(String restaurantId, CacheSettings settings) {
    if (!enabled(settings)) {
      restaurants.remove(restaurantId);
      return null;
    }
    PerRestaurant p = restaurants.get(restaurantId);
    if (p == null || !p.settings().equals(settings)) {
      p =
          restaurants.compute(
              restaurantId,
              (k, old) -> old != null && old.settings().equals(settings) ? old : create(settings));
    }
    return p.cache();
  }

  private PerRestaurant create(CacheSettings settings) {
    Cache<String, Entry> cache =
        Caffeine.newBuilder()
            .maximumSize(settings.noPlanMaxEntries())
            .expireAfterWrite(settings.noPlanExpireAfterWrite())
            .ticker(time::nanoTime)
            .executor(Runnable::run)
            .build();
    return new PerRestaurant(settings, cache);
  }
}
