package dev.capacity.memory;

import dev.capacity.Assignment;
import dev.capacity.Booking;
import dev.capacity.StatusChange;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A booking's mutable record inside a {@link RestaurantData}; guarded by its lock. */
final class StoredBooking {
  Booking booking;
  long version = 1;
  @Nullable Assignment assignment;

  /** The id of the booking's last hold removed because it expired (to answer HOLD_EXPIRED). */
  @Nullable String expiredHoldId;

  final List<StatusChange> history = new ArrayList<>();

  StoredBooking(Booking booking) {
    this.booking = booking;
  }
}
