package dev.capacity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the auto-assign runner did with one booking: whether it is seated, why not, how many
 * attempts it took and how long.
 *
 * <p>Immutable and thread-safe.
 *
 * @param booking the booking id
 * @param partySize guests (0 when the booking is unknown)
 * @param status what happened
 * @param reason why the booking is not assigned, from the closed taxonomy (null when it is)
 * @param attempts quote-hold-confirm attempts made (0 when it was not attempted)
 * @param conflictsRetried attempts refused with {@link Reason#CONFLICT} that were tried again
 * @param nanos time spent on the booking, by the runner's time source
 * @param assignment the booking's tables when it is assigned, else null
 */
public record AutoAssignResult(
    String booking,
    int partySize,
    Status status,
    @Nullable Reason reason,
    int attempts,
    int conflictsRetried,
    long nanos,
    @Nullable Assignment assignment) {

  /** What happened to a booking. */
  public enum Status {
    /** The runner held and confirmed tables for it. */
    ASSIGNED,
    /** It had tables already (only for bookings named in a list); nothing was done. */
    ALREADY_ASSIGNED,
    /** It was attempted, or found unknown or in an end state, and is not seated: see the reason. */
    NOT_ASSIGNED,
    /**
     * It was not attempted: the run stopped first ({@link Reason#DEADLINE_EXCEEDED}), it starts
     * inside the cut-off ({@link Reason#PAST_CUTOFF}), it is known not to fit at the current
     * occupancy version (the planner's reason, such as {@link Reason#NO_CAPACITY}), or another call
     * of the same runner is working on it ({@link Reason#CONFLICT}).
     */
    SKIPPED
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if a count is negative, or the reason and assignment do not
   *     match the status
   */
  public AutoAssignResult {
    Checks.id(booking, "booking id");
    Checks.nonNegative(partySize, "partySize");
    Objects.requireNonNull(status, "status");
    Checks.nonNegative(attempts, "attempts");
    Checks.nonNegative(conflictsRetried, "conflictsRetried");
    Checks.nonNegative(nanos, "nanos");
    boolean seated = status == Status.ASSIGNED || status == Status.ALREADY_ASSIGNED;
    matchesStatus(booking, status, reason != null, !seated, "a reason");
    matchesStatus(booking, status, assignment != null, seated, "an assignment");
  }

  /** Refuses a component that is present when the status wants it absent, or the other way. */
  private static void matchesStatus(
      String booking, Status status, boolean present, boolean wanted, String what) {
    if (present != wanted) {
      throw new IllegalArgumentException(
          "booking '"
              + booking
              + "' is "
              + status
              + " and must "
              + (wanted ? "" : "not ")
              + "have "
              + what);
    }
  }

  /**
   * Whether the booking has tables after the call.
   *
   * @return true for {@link Status#ASSIGNED} and {@link Status#ALREADY_ASSIGNED}
   */
  public boolean seated() {
    return reason == null;
  }

  /**
   * The time spent on the booking in milliseconds.
   *
   * @return {@code nanos / 1e6}
   */
  public double millis() {
    return nanos / 1e6;
  }
}
