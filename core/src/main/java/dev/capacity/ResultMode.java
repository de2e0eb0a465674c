package dev.capacity;

/** What a planner knew and promised when it produced a result (see the scenario format). */
public enum ResultMode {
  /** Bookings arrive in order; each is seated or refused at once and never moves. */
  FIXED,
  /** As fixed, but accepted bookings may be moved to other tables later, never refused. */
  ONLINE,
  /** All bookings known up front, placed in any order and moved until the result is written. */
  BATCH
}
