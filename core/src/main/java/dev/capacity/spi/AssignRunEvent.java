package dev.capacity.spi;

import dev.capacity.LookaheadMode;
import dev.capacity.Reason;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An auto-assign run finished: its summary and the strategy settings it ran with. Ids, counts,
 * reasons and durations only.
 *
 * @param restaurant the restaurant id
 * @param bookings bookings reported
 * @param assigned bookings assigned by the run
 * @param covers guests of the bookings reported
 * @param coversAssigned guests of the bookings assigned by the run
 * @param attempts attempts made
 * @param conflictsRetried attempts refused with {@link Reason#CONFLICT} and tried again
 * @param workers the run's concurrency
 * @param policyVersion the version of the policy the run planned with (its strategy settings)
 * @param lookahead the policy's lookahead mode
 * @param stoppedBy {@link Reason#DEADLINE_EXCEEDED} when a deadline or cancellation stopped the
 *     work on at least one booking, else null
 * @param durationNanos time the run took
 * @param at when
 */
public record AssignRunEvent(
    String restaurant,
    int bookings,
    int assigned,
    int covers,
    int coversAssigned,
    int attempts,
    int conflictsRetried,
    int workers,
    String policyVersion,
    LookaheadMode lookahead,
    @Nullable Reason stoppedBy,
    long durationNanos,
    Instant at)
    implements TelemetryEvent {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   */
  public AssignRunEvent {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(lookahead, "lookahead");
    Objects.requireNonNull(at, "at");
  }
}
