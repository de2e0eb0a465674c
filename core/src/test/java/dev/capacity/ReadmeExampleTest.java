package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's example, compiled and checked. */
class ReadmeExampleTest {
  @Test
  void quoteInTenLines() {
    Restaurant r = Restaurant.of("bistro", "Europe/Paris");
    FloorPlan floor =
        FloorPlan.of(
            List.of(new Zone("main", "Main")),
            List.of(
                Table.of("T1", "main", 2), Table.of("T2", "main", 4), Table.of("T3", "main", 2)),
            List.of(Adjacency.of("T1", "T3")));
    SeatingPolicy policy = SeatingPolicy.defaults();
    Occupancy occupancy = Occupancy.empty(floor, policy, r.timeZone());
    Booking b = Booking.of("b1", 4, Instant.parse("2026-11-20T19:00:00Z"), Instant.now());
    Quote q = Planner.create().quote(QuoteRequest.of(r, floor, policy, b, occupancy));
    assertThat(q.plans())
        .extracting(PlanOption::tables)
        .containsExactly(List.of("T2"), List.of("T1", "T3"));
    assertThat(q.plans()).extracting(PlanOption::score).containsExactly(0.0, 1.0);
    assertThat(q.diagnostics().complete()).isTrue();
  }
}
