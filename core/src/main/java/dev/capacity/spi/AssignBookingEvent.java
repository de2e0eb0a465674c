package dev.capacity.spi;

import dev.capacity.AutoAssignResult;
import dev.capacity.Reason;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The auto-assign runner finished with one booking (in a run or inline): its summary. Ids, counts,
 * reasons and durations only.
 *
 * @param restaurant the restaurant id
 * @param booking the booking id
 * @param partySize guests
 * @param status what happened
 * @param reason why it was not assigned, or null when it was
 * @param attempts attempts made (0 when skipped)
 * @param conflictsRetried attempts refused with {@link Reason#CONFLICT} and tried again
 * @param inline whether it came from {@code assignNow} rather than a run
 * @param durationNanos time spent on the booking
 * @param at when
 */
public record AssignBookingEvent(
    String restaurant,
    String booking,
    int partySize,
    AutoAssignResult.Status status,
    @Nullable Reason reason,
    int attempts,
    int conflictsRetried,
    boolean inline,
    long durationNanos,
    Instant at)
    implements TelemetryEvent {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   */
  public AssignBookingEvent {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(booking, "booking");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
  }
}
