package dev.capacity.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Replay;
import dev.capacity.Scenario;
import dev.capacity.SeatingResult;
import dev.capacity.format.ScenarioFiles;
import dev.capacity.testkit.FrozenTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The planner's fixed-mode replay of every bundled scenario breaks none of the ten rules. */
class ReplayCheckTest {
  static final List<String> FILES = ScenarioFiles.NAMES;

  @ParameterizedTest
  @FieldSource("FILES")
  void fixedReplayBreaksNoRule(String name) {
    Scenario s = ScenarioFiles.scenario(name);

    SeatingResult result = Replay.fixed(s, FrozenTime.planner());
    CheckReport report = RuleChecker.check(s, result);

    assertThat(report.violations()).isEmpty();
    assertThat(report.metrics().seatedBookings()).isEqualTo(result.metrics().seatedBookings());
    assertThat(report.metrics().seatedCovers()).isPositive();
  }
}
