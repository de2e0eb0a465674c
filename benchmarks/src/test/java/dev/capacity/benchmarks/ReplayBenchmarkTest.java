package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.SeatingResult;
import dev.capacity.check.RuleChecker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replay benchmark replays the whole scenario, validly, every time alike. */
class ReplayBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"hall", "mega"})
  void replaysTheWholeScenarioValidly(String floor) {
    ReplayBenchmark bench = new ReplayBenchmark();
    bench.floor = floor;
    bench.setUp();

    SeatingResult first = bench.replay();
    SeatingResult second = bench.replay();

    assertThat(first.scenario()).isEqualTo(Day.scenario(floor).name());
    assertThat(first.metrics().seatedCovers()).isPositive();
    assertThat(first.metrics().bookings()).isEqualTo(Day.scenario(floor).bookings().size());
    assertThat(RuleChecker.check(Day.scenario(floor), first).violations()).isEmpty();
    assertThat(second.assignments()).isEqualTo(first.assignments());
    assertThat(second.metrics().extra()).containsKey("quoteMicrosP50");
  }
}
