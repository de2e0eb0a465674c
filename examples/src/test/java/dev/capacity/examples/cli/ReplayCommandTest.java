package dev.capacity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Scenario;
import dev.capacity.SeatingResult;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.examples.io.Json;
import dev.capacity.format.ScenarioFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capacity replay} run in-process through picocli, output captured. */
class ReplayCommandTest {
  @TempDir Path dir;

  private Path tinyFile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeScenario() throws IOException {
    tinyFile = dir.resolve("tiny.json");
    Files.writeString(tinyFile, ScenarioFiles.tinyText());
  }

  private int run(String... args) {
    return CapacityCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
  }

  private Path bundled(String name) throws IOException {
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, ScenarioFiles.text(name));
    return file;
  }

  /**
   * The tiny scenario: b1 (2) is already on T1; b2 (6) fits T2+T3; b3 (4, zone main) overlaps b2
   * and finds no free main table of 4; b4 starts before service; b5 (2) is seated late.
   */
  @Test
  void printsASummaryWithTheRuleCheckersVerdict() {
    int code = run("replay", "--mode", "fixed", tinyFile.toString());

    assertThat(code).isEqualTo(CapacityCommand.OK);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("tiny: replay --mode fixed");
    assertThat(lines.get(1)).isEqualTo("5 bookings, 3 seated, 10/16 covers seated");
    assertThat(lines.get(2)).isEqualTo("refused: NO_CAPACITY 1 OUTSIDE_SERVICE 1");
    assertThat(lines.get(3))
        .matches(
            "elapsed \\d+\\.\\d ms; quote p50 \\d+ us, p99 \\d+ us, max \\d+ us;"
                + " 0 incomplete searches");
    assertThat(lines.get(4))
        .isEqualTo("rule check: 5 bookings, 3 seated, 10/16 covers: 0 broken rules");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void modeDefaultsToFixedAndRepeatKeepsTheResult() {
    assertThat(run("replay", "--repeat", "2", tinyFile.toString())).isEqualTo(0);

    assertThat(out.toString()).contains("5 bookings, 3 seated, 10/16 covers seated");
  }

  @Test
  void outWritesAResultThatPassesTheRuleChecker() throws IOException {
    Path scenarioFile = bundled("hall");
    Path resultFile = dir.resolve("hall-result.json");

    int code =
        run("replay", "--mode", "fixed", "--out", resultFile.toString(), scenarioFile.toString());

    assertThat(code).isEqualTo(CapacityCommand.OK);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEmpty();
    Scenario scenario = Json.readScenario(scenarioFile);
    SeatingResult result = Json.readResult(resultFile);
    CheckReport report = RuleChecker.check(scenario, result);
    assertThat(report.violations()).isEmpty();
    assertThat(result.scenario()).isEqualTo(scenario.name());
    assertThat(result.metrics().seatedCovers()).isPositive();
    assertThat(result.metrics().extra())
        .containsKeys(
            "elapsedMillis",
            "quoteMicrosP50",
            "quoteMicrosP99",
            "quoteMicrosMax",
            "incompleteSearches");
    // and validate agrees
    assertThat(run("validate", scenarioFile.toString(), resultFile.toString())).isEqualTo(0);
  }

  @Test
  void everyWeightSetGivesAValidResult() throws IOException {
    Path scenarioFile = bundled("brasserie");
    for (String weights : List.of("default", "greedy", "LEGACY")) {
      Path resultFile = dir.resolve("brasserie-" + weights + ".json");

      int code =
          run(
              "replay",
              "--weights",
              weights,
              "--out",
              resultFile.toString(),
              scenarioFile.toString());

      assertThat(code).as(weights).isEqualTo(CapacityCommand.OK);
      CheckReport report =
          RuleChecker.check(Json.readScenario(scenarioFile), Json.readResult(resultFile));
      assertThat(report.violations()).as(weights).isEmpty();
    }
  }

  @Test
  void missingScenarioExitsTwo() {
    int code = run("replay", "--mode", "fixed", dir.resolve("nope.json").toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("capacity replay: ", "nope.json: no such file");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void invalidScenarioExitsTwoWithTheFieldPath() throws IOException {
    Path bad = dir.resolve("bad-scenario.json");
    Files.writeString(
        bad,
        ScenarioFiles.tinyText()
            .replace("\"capacity\": 4, \"minPartySize\": 3", "\"capacity\": -2"));

    int code = run("replay", bad.toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString())
        .contains("bad-scenario.json: tables[2].capacity: must be positive, got -2");
  }

  @Test
  void badJsonExitsTwo() throws IOException {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{ \"format\": ");

    assertThat(run("replay", broken.toString())).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("broken.json: ");
  }

  @Test
  void onlineAndBatchModesAreRefusedNamingWhatIsAvailable() {
    for (String mode : List.of("online", "batch")) {
      StringWriter e = new StringWriter();
      int code =
          CapacityCommand.commandLine(new PrintWriter(out), new PrintWriter(e))
              .execute("replay", "--mode", mode, tinyFile.toString());

      assertThat(code).as(mode).isEqualTo(CapacityCommand.BAD_INPUT);
      assertThat(e.toString())
          .as(mode)
          .contains("--mode " + mode + " is not implemented yet; available: fixed");
    }
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void unknownModeExitsTwo() {
    assertThat(run("replay", "--mode", "greedy", tinyFile.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown --mode 'greedy'; available: fixed");
  }

  @Test
  void badOptionsExitTwo() {
    assertThat(run("replay", "--repeat", "-1", tinyFile.toString())).isEqualTo(2);
    assertThat(run("replay", "--weights", "heavy", tinyFile.toString())).isEqualTo(2);
    assertThat(run("replay", "--repeat", "many", tinyFile.toString())).isEqualTo(2);
    assertThat(run("replay")).isEqualTo(2);

    assertThat(err.toString())
        .contains(
            "--repeat must not be negative, got -1",
            "unknown --weights 'heavy'; available: default, greedy, legacy",
            "Missing required parameter: 'SCENARIO'");
  }

  @Test
  void unwritableOutExitsTwo() {
    Path nowhere = dir.resolve("no-such-dir").resolve("result.json");

    assertThat(run("replay", "--out", nowhere.toString(), tinyFile.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("capacity replay: cannot write ");
  }

  @Test
  void helpListsReplay() {
    assertThat(run("--help")).isEqualTo(CapacityCommand.OK);
    assertThat(out.toString()).contains("replay");
  }
}
