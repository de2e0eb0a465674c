package dev.capacity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The demo runs every step on the bundled hall scenario and ends with a valid result. */
class DemoCommandTest {
  @Test
  void demoRunsEveryStepAndEndsValid() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CapacityCommand.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute("demo", "--workers", "4");
    assertThat(code).as(out + "\n" + err).isEqualTo(CapacityCommand.OK);
    assertThat(out.toString())
        .contains("1. Loaded hall-connected-s103")
        .contains("4. Manual assignment")
        .contains("refused")
        .contains("rule 3 CAPACITY")
        .contains("0 broken rules")
        .contains("Demo finished: every step behaved.");
  }

  @Test
  void unknownStoreIsBadInput() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CapacityCommand.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute("demo", "--store", "nonsense");
    assertThat(code).isEqualTo(CapacityCommand.BAD_INPUT);
    assertThat(err.toString()).contains("unknown store");
  }
}
