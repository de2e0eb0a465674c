package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Availability;
import org.junit.jupiter.api.Test;

/** The availability benchmark's set-up seats the day and its search finds open starts. */
class AvailabilityBenchmarkTest {
  @Test
  void searchFindsStartsOnAFullDay() {
    AvailabilityBenchmark b = new AvailabilityBenchmark();
    b.floor = "hall";
    b.party = 2;
    b.setUp();
    Availability a = b.search();
    assertThat(a.starts()).isNotEmpty();
  }
}
