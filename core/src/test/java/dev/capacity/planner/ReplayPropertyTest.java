package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Replay;
import dev.capacity.Scenario;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.format.ScenarioFiles;
import dev.capacity.format.ScenarioMapper;
import dev.capacity.testkit.FrozenTime;
import dev.capacity.testkit.ScenarioGenerator;
import dev.capacity.testkit.Shrinker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Property: the fixed-mode replay of any generated scenario passes the rule checker. A failure
 * prints its seed, shrinks the scenario and saves the shrunk case as a {@code capacity-scenario/1}
 * file under {@code target/failing-scenarios/}.
 */
class ReplayPropertyTest {
  static final Predicate<Scenario> BROKEN =
      s -> !RuleChecker.check(s, Replay.fixed(s, FrozenTime.planner())).valid();

  @Test
  void replayOfGeneratedScenariosBreaksNoRule() {
    int seated = 0;
    for (long seed = 1; seed <= 400; seed++) {
      Scenario s = ScenarioGenerator.generate(seed, 40, 60);
      CheckReport report = RuleChecker.check(s, Replay.fixed(s, FrozenTime.planner()));
      if (!report.valid()) {
        Scenario small = Shrinker.shrink(s, BROKEN);
        Path saved = save(small, seed);
        CheckReport again = RuleChecker.check(small, Replay.fixed(small, FrozenTime.planner()));
        assertThat(again.violations())
            .as("seed %d broke rules; shrunk case saved to %s", seed, saved)
            .isEmpty();
      }
      seated += report.metrics().seatedBookings();
    }
    assertThat(seated).as("the generator must produce seatable bookings").isGreaterThan(2_000);
  }

  private static Path save(Scenario s, long seed) {
    try {
      Path dir = Path.of("target", "failing-scenarios");
      Files.createDirectories(dir);
      Path file = dir.resolve("seed-" + seed + ".json");
      Files.writeString(file, ScenarioFiles.write(ScenarioMapper.fromModel(s)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
