package dev.capacity;

/**
 * Kitchen pacing: the party sizes of seated bookings whose start falls in one window of {@code
 * windowMinutes} (windows counted from local midnight) add up to at most {@code maxCovers}.
 *
 * @param windowMinutes window length in minutes; divides 1440
 * @param maxCovers most covers starting in one window, at least 1
 */
public record Pacing(int windowMinutes, int maxCovers) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public Pacing {
    Checks.positive(windowMinutes, "pacing windowMinutes");
    if (1440 % windowMinutes != 0) {
      throw new IllegalArgumentException(
          "pacing windowMinutes must divide a day (1440), got " + windowMinutes);
    }
    Checks.positive(maxCovers, "pacing maxCovers");
  }
}
