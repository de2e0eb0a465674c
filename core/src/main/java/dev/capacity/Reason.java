package dev.capacity;

/**
 * Why a booking was not seated or a command was refused: one closed taxonomy shared by the planner,
 * the stores and the auto-assign runner. Each reason says whether trying again can help.
 */
public enum Reason {
  /** No free plan satisfies the rules now. */
  NO_CAPACITY(false),
  /** No plan on this floor could ever seat the party (too large, or too small for every table). */
  PARTY_TOO_LARGE(false),
  /** The start lies outside every service period (pitfall P2.4). */
  OUTSIDE_SERVICE(false),
  /** The policy has no turn time for the party and the booking has no explicit end. */
  NO_TURN_TIME(false),
  /** Seating the booking would exceed kitchen pacing. */
  PACING_FULL(false),
  /** The plan breaks a seating rule (capacity, overage, party limits, zone, adjacency...). */
  RULE_BROKEN(false),
  /** A table of the plan is inactive (pitfall P4.6). */
  TABLE_INACTIVE(false),
  /** A table of the plan does not exist. */
  UNKNOWN_TABLE(false),
  /** The request itself is malformed: null, empty or duplicate table ids (pitfall P4.1). */
  INVALID_REQUEST(false),
  /** The booking does not exist. */
  BOOKING_NOT_FOUND(false),
  /** The booking's state does not allow tables (cancelled, completed, no-show: pitfall P4.4). */
  BOOKING_NOT_ASSIGNABLE(false),
  /** The state transition is not allowed from the booking's current state. */
  TRANSITION_NOT_ALLOWED(false),
  /** Another writer holds or has assigned a table of the plan over the window. */
  CONFLICT(true),
  /** The occupancy or floor the caller decided on has changed (pitfalls P2.8, P3.1). */
  CONTEXT_CHANGED(true),
  /** There is no live hold to confirm or release. */
  HOLD_NOT_FOUND(false),
  /** The hold expired before it was confirmed; a new quote may succeed. */
  HOLD_EXPIRED(true),
  /** The idempotency key was used before for a different command (pitfall P1.3). */
  IDEMPOTENCY_KEY_REUSED(false),
  /** The store failed or timed out; trying again may succeed. */
  STORAGE_UNAVAILABLE(true),
  /** The caller's deadline passed or the work was cancelled. */
  DEADLINE_EXCEEDED(false),
  /**
   * The booking starts too soon to be assigned automatically: inside the auto-assign runner's
   * cut-off before its start (a host seats it).
   */
  PAST_CUTOFF(false),
  /**
   * The store failed in a way that trying again will not cure (a {@code CapacityStorageException}
   * that is not transient).
   */
  STORAGE_FAILED(false);

  private final boolean retryable;

  Reason(boolean retryable) {
    this.retryable = retryable;
  }

  /**
   * Whether trying again (after re-reading occupancy) can help.
   *
   * @return true for conflicts with other writers and transient failures
   */
  public boolean retryable() {
    return retryable;
  }
}
