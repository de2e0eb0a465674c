package dev.capacity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capacity.SeatingResult;
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

/**
 * {@code capacity assign} on PostgreSQL: an embedded server started by the command, and the server
 * named by {@code CAPACITY_PG_URL} when it is set (CI's second pass).
 */
class AssignCommandPostgresIT {
  @TempDir Path dir;

  private Path bistro;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeScenario() throws IOException {
    bistro = dir.resolve("bistro.json");
    Files.writeString(bistro, ScenarioFiles.text("bistro"));
  }

  private int run(String... args) {
    return CapacityCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
  }

  @Test
  void embeddedStoreIsStartedLoadedAssignedAndChecked() {
    Path result = dir.resolve("result.json");
    int code =
        run(
            "assign",
            "--store",
            "embedded",
            "--workers",
            "1",
            "--out",
            result.toString(),
            bistro.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("embedded PostgreSQL")
        .contains("0 broken rules; 0 live holds");
    SeatingResult r = Json.readResult(result);
    assertThat(r.metrics().seatedBookings()).isPositive();
  }

  @Test
  void serverOfAJdbcUrlIsUsedInItsOwnSchemaAndNeverOverwritten() {
    String url = System.getenv("CAPACITY_PG_URL");
    assumeTrue(url != null && !url.isBlank(), "CAPACITY_PG_URL is not set");
    String schema = "assign_it_" + Long.toHexString(System.nanoTime());
    assertThat(
            run("assign", "--store", url, "--schema", schema, "--workers", "1", bistro.toString()))
        .as(err.toString())
        .isZero();
    assertThat(run("assign", "--store", url, "--schema", schema, bistro.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("already holds restaurant").contains("--reset-schema");
    assertThat(
            run(
                "assign",
                "--store",
                url,
                "--schema",
                schema,
                "--reset-schema",
                "--workers",
                "1",
                bistro.toString()))
        .isZero();
  }
}
