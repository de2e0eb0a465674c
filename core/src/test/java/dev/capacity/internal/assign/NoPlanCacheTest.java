package dev.capacity.internal.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.CacheSettings;
import dev.capacity.ContextVersion;
import dev.capacity.Reason;
import dev.capacity.testing.MutableTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NoPlanCacheTest {
  private final MutableTimeSource clock =
      new MutableTimeSource(Instant.parse("2026-11-20T10:00:00Z"));
  private final NoPlanCache cache = new NoPlanCache(clock);
  private static final CacheSettings SETTINGS =
      new CacheSettings(8, Duration.ofHours(1), 3, Duration.ofSeconds(30));
  private static final ContextVersion V1 = new ContextVersion("f", "p", 1, 10);

  @Test
  void answerIsServedOnlyAtTheVersionsItWasFoundAt() {
    cache.record("r", SETTINGS, "b1", V1, Reason.NO_CAPACITY);
    assertThat(cache.lookup("r", SETTINGS, "b1", () -> V1)).isEqualTo(Reason.NO_CAPACITY);
    assertThat(cache.lookup("r", SETTINGS, "b2", () -> V1)).isNull();
    assertThat(cache.lookup("other", SETTINGS, "b1", () -> V1)).isNull();
    // Any write moves the occupancy version: the answer is dropped, never served again.
    assertThat(cache.lookup("r", SETTINGS, "b1", () -> new ContextVersion("f", "p", 1, 11)))
        .isNull();
    assertThat(cache.lookup("r", SETTINGS, "b1", () -> V1)).isNull();
  }

  @Test
  void eachVersionPartCounts() {
    for (ContextVersion changed :
        new ContextVersion[] {
          new ContextVersion("f2", "p", 1, 10),
          new ContextVersion("f", "p2", 1, 10),
          new ContextVersion("f", "p", 2, 10),
          null
        }) {
      cache.record("r", SETTINGS, "b1", V1, Reason.PACING_FULL);
      assertThat(cache.lookup("r", SETTINGS, "b1", () -> changed)).isNull();
    }
  }

  @Test
  void currentVersionsAreReadOnlyWhenAnAnswerIsRemembered() {
    AtomicInteger reads = new AtomicInteger();
    assertThat(
            cache.lookup(
                "r",
                SETTINGS,
                "b1",
                () -> {
                  reads.incrementAndGet();
                  return V1;
                }))
        .isNull();
    assertThat(reads).hasValue(0);
  }

  @Test
  void P6_4_lifetimeAndSizeComeFromThePolicy() {
    cache.record("r", SETTINGS, "b1", V1, Reason.NO_CAPACITY);
    clock.advance(Duration.ofSeconds(29));
    assertThat(cache.lookup("r", SETTINGS, "b1", () -> V1)).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.lookup("r", SETTINGS, "b1", () -> V1)).isNull();
    for (int i = 0; i < 10; i++) {
      cache.record("r", SETTINGS, "b" + i, V1, Reason.NO_CAPACITY);
    }
    assertThat(cache.size("r")).isLessThanOrEqualTo(3);
  }

  @Test
  void changedSettingsRebuildTheCacheAndZeroEntriesTurnItOff() {
    cache.record("r", SETTINGS, "b1", V1, Reason.NO_CAPACITY);
    CacheSettings longer = new CacheSettings(8, Duration.ofHours(1), 3, Duration.ofMinutes(5));
    assertThat(cache.lookup("r", longer, "b1", () -> V1)).isNull();
    CacheSettings off = new CacheSettings(8, Duration.ofHours(1), 0, Duration.ofMinutes(5));
    assertThat(NoPlanCache.enabled(off)).isFalse();
    cache.record("r", off, "b1", V1, Reason.NO_CAPACITY);
    assertThat(cache.lookup("r", off, "b1", () -> V1)).isNull();
    assertThat(cache.size("r")).isZero();
  }

  @Test
  void onlyNoPlanAnswersAreRemembered() {
    assertThatThrownBy(() -> cache.record("r", SETTINGS, "b1", V1, Reason.CONFLICT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(NoPlanCache.CACHEABLE)
        .containsExactlyInAnyOrder(
            Reason.NO_CAPACITY,
            Reason.PARTY_TOO_LARGE,
            Reason.OUTSIDE_SERVICE,
            Reason.NO_TURN_TIME,
            Reason.PACING_FULL);
    assertThat(NoPlanCache.CACHEABLE).noneMatch(Reason::retryable);
  }
}
