package dev.capacity.spi;

import dev.capacity.Reason;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A quote was answered.
 *
 * @param restaurant the restaurant id
 * @param booking the booking id
 * @param plans how many plans were offered
 * @param refusal why none was offered, or null
 * @param complete whether the search covered its whole space
 * @param unitsExamined units the planner looked at
 * @param durationNanos time taken, including the store reads
 * @param at when
 */
public record QuoteEvent(
    String restaurant,
    String booking,
    int plans,
    @Nullable Reason refusal,
    boolean complete,
    long unitsExamined,
    long durationNanos,
    Instant at)
    implements TelemetryEvent {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   */
  public QuoteEvent {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(booking, "booking");
    Objects.requireNonNull(at, "at");
  }
}
