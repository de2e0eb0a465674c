package dev.capacity.internal.assign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.AutoAssignOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static AutoAssignOptions options(long seed) {
    return AutoAssignOptions.builder()
        .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
        .seed(seed)
        .build();
  }

  @Test
  void boundDoublesUpToTheMaximum() {
    Backoff b = new Backoff(options(0), "b1");
    assertThat(b.bound(1)).isEqualTo(10_000_000L);
    assertThat(b.bound(2)).isEqualTo(20_000_000L);
    assertThat(b.bound(4)).isEqualTo(80_000_000L);
    assertThat(b.bound(5)).isEqualTo(100_000_000L);
    assertThat(b.bound(60)).isEqualTo(100_000_000L);
  }

  @Test
  void waitIsDrawnFromTheUpperHalfOfTheBound() {
    Backoff b = new Backoff(options(7), "b1");
    for (int attempt = 1; attempt < 40; attempt++) {
      long bound = b.bound(attempt);
      assertThat(b.delayNanos(attempt)).isBetween(bound / 2, bound);
    }
  }

  @Test
  void sameSeedAndBookingGiveTheSameWaitsOthersDiffer() {
    Backoff a = new Backoff(options(1), "b1");
    Backoff same = new Backoff(options(1), "b1");
    Backoff other = new Backoff(options(1), "b2");
    long[] x = new long[8];
    long[] y = new long[8];
    long[] z = new long[8];
    for (int i = 0; i < 8; i++) {
      x[i] = a.delayNanos(3);
      y[i] = same.delayNanos(3);
      z[i] = other.delayNanos(3);
    }
    assertThat(y).isEqualTo(x);
    assertThat(z).isNotEqualTo(x);
  }

  @Test
  void zeroBaseMeansNoWait() {
    Backoff b =
        new Backoff(AutoAssignOptions.builder().backoff(Duration.ZERO, Duration.ZERO).build(), "b");
    assertThat(b.delayNanos(3)).isZero();
  }
}
