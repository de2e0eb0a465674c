package dev.capacity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Assignment;
import dev.capacity.Booking;
import dev.capacity.ResultMetrics;
import dev.capacity.ResultMode;
import dev.capacity.Scenario;
import dev.capacity.SeatingResult;
import dev.capacity.Unassigned;
import dev.capacity.examples.io.Json;
import dev.capacity.format.ScenarioFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capacity validate} run in-process through picocli, output captured. */
class ValidateCommandTest {
  @TempDir Path dir;

  private Path scenarioFile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** The small scenario of the core test-jar: b1 existing on T1, b2 (6) at 19:00 for 120 min. */
  private static final Scenario TINY = ScenarioFiles.tiny();

  @BeforeEach
  void writeScenario() throws IOException {
    scenarioFile = dir.resolve("tiny.json");
    Files.writeString(scenarioFile, ScenarioFiles.tinyText());
  }

  private int run(String... args) {
    return CapacityCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
  }

  private Path resultFile(List<Assignment> assignments, int seatedCoversClaimed) {
    List<Unassigned> refused = new ArrayList<>();
    int covers = 0;
    for (Booking b : TINY.bookings()) {
      covers += b.partySize();
      if (assignments.stream().noneMatch(a -> a.booking().equals(b.id()))) {
        refused.add(new Unassigned(b.id(), "NO_CAPACITY"));
      }
    }
    SeatingResult r =
        new SeatingResult(
            TINY.name(),
            ResultMode.BATCH,
            assignments,
            refused,
            new ResultMetrics(
                TINY.bookings().size(),
                assignments.size(),
                covers,
                seatedCoversClaimed,
                Map.of("elapsedMillis", 0.5)));
    Path file = dir.resolve("result.json");
    Json.writeResult(file, r);
    return file;
  }

  private static Assignment a(String booking, String from, String to, String... tables) {
    return new Assignment(
        booking,
        List.of(tables),
        Instant.parse("2026-11-20T" + from + ":00Z"),
        Instant.parse("2026-11-20T" + to + ":00Z"));
  }

  private static final Assignment B1 = a("b1", "18:00", "19:30", "T1");
  private static final Assignment B2 = a("b2", "19:00", "21:00", "T2", "T3");

  @Test
  void validResultExitsZero() {
    Path result = resultFile(List.of(B1, B2), 8);

    int code = run("validate", scenarioFile.toString(), result.toString());

    assertThat(code).isEqualTo(CapacityCommand.OK);
    assertThat(out.toString())
        .isEqualTo("5 bookings, 2 seated, 8/16 covers: 0 broken rules" + nl());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void brokenResultPrintsEachRuleAndExitsOne() {
    Path result = resultFile(List.of(B1, B2, a("b3", "20:00", "21:00", "T2")), 13);

    int code = run("validate", scenarioFile.toString(), result.toString());

    assertThat(code).isEqualTo(CapacityCommand.RULES_BROKEN);
    assertThat(out.toString().lines().toList())
        .containsExactly(
            "rule 7 OVERLAP: table T2 carries b2 and b3 over overlapping windows (b2 19:00-21:15,"
                + " b3 20:00-21:15 local, buffer 15 min included)",
            "rule 10 METRICS: metrics.seatedCovers is 13, the lists give 12",
            "5 bookings, 3 seated, 12/16 covers: 2 broken rules");
  }

  @Test
  void missingFileExitsTwoWithTheReason() {
    int code = run("validate", scenarioFile.toString(), dir.resolve("nope.json").toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("nope.json: no such file");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badJsonExitsTwoWithLineAndColumn() throws IOException {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"format\": \"capacity-result/1\",\n  \"mode\": online\n}");

    int code = run("validate", scenarioFile.toString(), broken.toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("broken.json: bad JSON (line 3, column");
  }

  @Test
  void modelErrorExitsTwoWithTheFieldPath() throws IOException {
    Path bad = dir.resolve("bad-scenario.json");
    Files.writeString(
        bad,
        ScenarioFiles.tinyText()
            .replace("\"capacity\": 4, \"minPartySize\": 3", "\"capacity\": -2"));

    int code = run("validate", bad.toString(), resultFile(List.of(B1), 2).toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString())
        .contains("bad-scenario.json: tables[2].capacity: must be positive, got -2");
  }

  @Test
  void P4_3_scenarioWithoutTimeZoneExitsTwo() throws IOException {
    Path bad = dir.resolve("no-zone.json");
    Files.writeString(
        bad, ScenarioFiles.tinyText().replace(", \"timezone\": \"Europe/London\"", ""));

    int code = run("validate", bad.toString(), resultFile(List.of(B1), 2).toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("no-zone.json: restaurant.timezone: missing");
  }

  @Test
  void wrongTypeExitsTwoWithTheFieldPath() throws IOException {
    Path bad = dir.resolve("typed.json");
    Files.writeString(
        bad, ScenarioFiles.tinyText().replace("\"capacity\": 2 }", "\"capacity\": \"two\" }"));

    int code = run("validate", bad.toString(), resultFile(List.of(B1), 2).toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("typed.json: tables[0].capacity: Cannot deserialize");
  }

  @Test
  void missingArgumentsExitTwoWithUsage() {
    int code = run("validate", scenarioFile.toString());

    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("Missing required parameter: 'RESULT'", "Usage:");
  }

  @Test
  void noCommandExitsTwoWithUsage() {
    assertThat(run()).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("Missing required command", "validate");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isEqualTo(CapacityCommand.OK);
    assertThat(out.toString()).contains("Usage: capacity", "validate");
  }

  @Test
  void warnsWhenTheResultIsForAnotherScenario() throws IOException {
    Path result = resultFile(List.of(B1, B2), 8);
    Files.writeString(result, Files.readString(result).replace("\"tiny\"", "\"other\""));

    assertThat(run("validate", scenarioFile.toString(), result.toString())).isEqualTo(0);
    assertThat(err.toString()).contains("warning: the result is for scenario 'other'");
  }

  @Test
  void acceptsAnEmptyResultForEveryBundledScenario() throws IOException {
    for (String name : ScenarioFiles.NAMES) {
      Path scenario = dir.resolve(name + ".json");
      Files.writeString(scenario, ScenarioFiles.text(name));
      Scenario s = Json.readScenario(scenario);
      int covers = s.bookings().stream().mapToInt(Booking::partySize).sum();
      Path result = dir.resolve(name + "-result.json");
      Json.writeResult(
          result,
          new SeatingResult(
              s.name(),
              ResultMode.FIXED,
              List.of(),
              s.bookings().stream().map(b -> new Unassigned(b.id(), "NO_CAPACITY")).toList(),
              new ResultMetrics(s.bookings().size(), 0, covers, 0, Map.of())));

      assertThat(run("validate", scenario.toString(), result.toString())).as(name).isEqualTo(0);
    }
  }

  private static String nl() {
    return System.lineSeparator();
  }
}
