package dev.capacity;

import java.time.Duration;
import java.util.Objects;

/**
 * Lookahead settings: known, not yet assigned bookings whose windows overlap the quoted window and
 * start within {@code horizon} of it are checked against each candidate plan.
 *
 * @param mode off, soft (penalise) or hard (drop)
 * @param horizon how far around the quoted window known bookings are considered
 * @param maxBookings most known bookings checked per quote (the nearest in time first)
 */
public record Lookahead(LookaheadMode mode, Duration horizon, int maxBookings) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the horizon is negative or maxBookings not positive
   */
  public Lookahead {
    Objects.requireNonNull(mode, "lookahead mode");
    Objects.requireNonNull(horizon, "lookahead horizon");
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("lookahead horizon must not be negative, got " + horizon);
    }
    Checks.positive(maxBookings, "lookahead maxBookings");
  }

  /**
   * The default: soft, three hours, at most 32 bookings.
   *
   * @return the default settings
   */
  public static Lookahead defaults() {
    return new Lookahead(LookaheadMode.SOFT, Duration.ofHours(3), 32);
  }

  /**
   * Lookahead switched off.
   *
   * @return settings with mode {@link LookaheadMode#OFF}
   */
  public static Lookahead off() {
    return new Lookahead(LookaheadMode.OFF, Duration.ofHours(3), 32);
  }
}
