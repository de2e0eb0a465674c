package dev.capacity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life cycle of a booking: {@code PENDING -> CONFIRMED -> SEATED -> COMPLETED}, with {@code
 * CANCELLED} and {@code NO_SHOW} as other ends.
 */
public enum BookingStatus {
  /** Accepted request without tables yet, or with a hold only. */
  PENDING,
  /** Has tables assigned. */
  CONFIRMED,
  /** The party is at its tables. */
  SEATED,
  /** The party has left. */
  COMPLETED,
  /** Cancelled by guest or host. */
  CANCELLED,
  /** The party did not come. */
  NO_SHOW;

  /**
   * Whether tables may be assigned to a booking in this state (pitfall P4.4).
   *
   * @return true for {@code PENDING} and {@code CONFIRMED}
   */
  public boolean assignable() {
    return this == PENDING || this == CONFIRMED;
  }

  /**
   * Whether the state is an end: nothing follows it.
   *
   * @return true for {@code COMPLETED}, {@code CANCELLED} and {@code NO_SHOW}
   */
  public boolean terminal() {
    return this == COMPLETED || this == CANCELLED || this == NO_SHOW;
  }

  /**
   * The states a booking may move to from this one.
   *
   * @return the allowed next states
   */
  public Set<BookingStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(CONFIRMED, CANCELLED, NO_SHOW);
      case CONFIRMED -> EnumSet.of(PENDING, SEATED, CANCELLED, NO_SHOW);
      case SEATED -> EnumSet.of(COMPLETED);
      case COMPLETED, CANCELLED, NO_SHOW -> EnumSet.noneOf(BookingStatus.class);
    };
  }
}
