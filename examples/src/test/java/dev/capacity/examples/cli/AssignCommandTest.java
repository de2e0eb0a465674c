package dev.capacity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.SeatingResult;
import dev.capacity.Unassigned;
import dev.capacity.check.RuleChecker;
import dev.capacity.examples.io.Json;
import dev.capacity.format.ScenarioFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code capacity assign} run in-process through picocli, output captured. */
class AssignCommandTest {
  @TempDir Path dir;

  private Path tiny;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeScenario() throws IOException {
    tiny = dir.resolve("tiny.json");
    Files.writeString(tiny, ScenarioFiles.tinyText());
  }

  private int run(String... args) {
    return CapacityCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
  }

  @Test
  void assignsEveryBookingAndWritesABatchResultTheValidatorAccepts() {
    Path result = dir.resolve("result.json");
    int code = run("assign", "--workers", "3", "--out", result.toString(), tiny.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("tiny-1: 5 bookings")
        .contains("with 3 workers")
        .contains("0 broken rules; 0 live holds");
    assertThat(err.toString()).as("no progress without a terminal").isEmpty();
    SeatingResult r = Json.readResult(result);
    assertThat(r.mode()).isEqualTo(dev.capacity.ResultMode.BATCH);
    assertThat(r.assignments().size() + r.unassigned().size()).isEqualTo(5);
    assertThat(r.assignments()).anyMatch(a -> a.booking().equals("b1"));
    // b4 starts at 16:00, before dinner.
    assertThat(r.unassigned()).contains(new Unassigned("b4", "OUTSIDE_SERVICE"));
    assertThat(r.metrics().extra())
        .containsKeys(
            "bookingsPerSecond",
            "bookingMillisP50",
            "bookingMillisP95",
            "bookingMillisP99",
            "conflictsRetried",
            "elapsedMillis")
        .containsEntry("workers", 3.0);
    assertThat(RuleChecker.check(ScenarioFiles.tiny(), r).valid()).isTrue();
    out.getBuffer().setLength(0);
    assertThat(run("validate", tiny.toString(), result.toString())).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bistro", "brasserie", "hall", "hall-late", "mega"})
  void bundledScenarioWithFifteenWorkersBreaksNoRule(String name) throws IOException {
    Path scenario = dir.resolve(name + ".json");
    Files.writeString(scenario, ScenarioFiles.text(name));
    assertThat(run("assign", scenario.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("with 15 workers").contains("0 broken rules; 0 live holds");
  }

  @Test
  void repeatWarmsUpOnEmptiedStoresAndReportsTheLastRun() {
    assertThat(run("assign", "--repeat", "3", "--workers", "2", tiny.toString())).isZero();
    assertThat(out.toString())
        .contains("warm-up 1: tiny-1: 5 bookings")
        .contains("warm-up 2: ")
        .doesNotContain("warm-up 3")
        .contains("0 broken rules; 0 live holds");
    assertThat(run("assign", "--repeat", "0", tiny.toString())).isEqualTo(2);
  }

  @Test
  void racingWorkersAreAnOption() {
    assertThat(run("assign", "--no-strict-priority", "--workers", "4", tiny.toString())).isZero();
    assertThat(out.toString()).contains("0 broken rules");
  }

  @Test
  void storesThatCannotBeOpenedAreRefusedNamingWhatIsAvailable() {
    assertThat(run("assign", "--store", "redis", tiny.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown store 'redis'")
        .contains("memory, embedded, jdbc:postgresql://");
    assertThat(
            run(
                "assign",
                "--store",
                "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=secret",
                tiny.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere");
    assertThat(err.toString()).doesNotContain("secret");
    assertThat(run("assign", "--store", "embedded", "--schema", "Bad-Name", tiny.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--schema");
  }

  @Test
  void badOptionsAndInputsExitWithTwo() {
    assertThat(run("assign", "--workers", "0", tiny.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--workers");
    assertThat(run("assign", "--at", "yesterday", tiny.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--at");
    assertThat(run("assign", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
    assertThat(run("assign")).isEqualTo(2);
  }

  @Test
  void clockStartingAfterTheBookingsSkipsThemAsPastTheCutoff() {
    assertThat(run("assign", "--at", "2026-11-21T00:00:00Z", tiny.toString())).isZero();
    // Only the existing assignment of b1 is seated.
    assertThat(out.toString()).contains("5 bookings, 1 seated").contains("0 broken rules");
  }

  @Test
  void progressIsShownOnlyOnATerminal() {
    StringWriter w = new StringWriter();
    AssignCommand.Progress p = AssignCommand.Progress.onConsole(new PrintWriter(w), "tiny", 2);
    p.done(
        new dev.capacity.AutoAssignResult(
            "b",
            2,
            dev.capacity.AutoAssignResult.Status.SKIPPED,
            dev.capacity.Reason.PAST_CUTOFF,
            0,
            0,
            0,
            null));
    p.end();
    assertThat(w.toString())
        .isEqualTo(AssignCommand.Progress.stdoutIsTerminal() ? w.toString() : "");
  }
}
