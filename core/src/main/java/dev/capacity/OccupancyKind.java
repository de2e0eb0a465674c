package dev.capacity;

/** What an occupancy entry is. */
public enum OccupancyKind {
  /** A confirmed assignment of a booking. */
  ASSIGNMENT,
  /** A live hold of a booking, with an expiry. */
  HOLD,
  /** A block of a table. */
  BLOCK
}
