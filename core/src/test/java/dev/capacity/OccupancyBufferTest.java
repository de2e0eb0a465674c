package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An occupancy entry of a booking blocks its tables over its window plus the buffer, once. */
class OccupancyBufferTest {
  @Test
  void bufferIsCountedOnceInTheBlockedRange() {
    FloorPlan floor =
        FloorPlan.of(List.of(new Zone("z", "Z")), List.of(Table.of("T1", "z", 4)), List.of());
    SeatingPolicy policy = SeatingPolicy.builder().bufferMinutes(15).build();
    ZoneId zone = ZoneId.of("UTC");
    Booking b =
        Booking.of(
            "b1", 2, Instant.parse("2026-11-20T19:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
    BookingWindow w = policy.window(b, zone); // dining to 20:30, blocked to 20:45
    Occupancy occ =
        Occupancy.empty(floor, policy, zone)
            .with(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, b, List.of("T1"), w, null));

    assertThat(occ.isFree(0, w.endSlot() - 1, w.endSlot())).isFalse();
    assertThat(occ.isFree(0, w.endSlot(), w.endSlot() + 1)).isTrue();
    assertThat(
            occ.conflicts(
                List.of("T1"),
                policy.window(w.blockedUntil(), w.blockedUntil().plusSeconds(3600), null)))
        .isEmpty();
  }
}
