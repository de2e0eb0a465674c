package dev.capacity.examples.cli;

import dev.capacity.Scenario;
import dev.capacity.SeatingResult;
import dev.capacity.Violation;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.examples.io.InputFileException;
import dev.capacity.examples.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code capacity validate SCENARIO RESULT}: checks a result against its scenario by the ten rules
 * of the scenario format and prints one line per broken rule, then a summary line such as {@code 12
 * bookings, 11 seated, 40/42 covers: 0 broken rules}. Exits {@value CapacityCommand#OK} when no
 * rule is broken, {@value CapacityCommand#RULES_BROKEN} when one is, {@value
 * CapacityCommand#BAD_INPUT} when a file cannot be read or is invalid.
 *
 * <p>Not thread-safe: picocli fills its fields for one run.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a capacity-result/1 file against its capacity-scenario/1 file.",
      "Prints each broken rule on one line and a summary.",
      "Exit codes: 0 valid, 1 rules broken, 2 unreadable or invalid input."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario file (JSON)")
  @SuppressWarnings("NullAway.Init") // set by picocli
  private Path scenarioFile;

  @Parameters(index = "1", paramLabel = "RESULT", description = "the result file (JSON)")
  @SuppressWarnings("NullAway.Init") // set by picocli
  private Path resultFile;

  @CommandLine.Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public ValidateCommand() {}

  /**
   * Reads both files, checks the result and prints the report.
   *
   * @return the exit code
   */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario;
    SeatingResult result;
    try {
      scenario = Json.readScenario(scenarioFile);
      result = Json.readResult(resultFile);
    } catch (InputFileException e) {
      err.println("capacity validate: " + e.getMessage());
      err.flush();
      return CapacityCommand.BAD_INPUT;
    }
    if (!result.scenario().equals(scenario.name())) {
      err.println(
          "capacity validate: warning: the result is for scenario '"
              + result.scenario()
              + "', the scenario file is '"
              + scenario.name()
              + "'");
      err.flush();
    }
    CheckReport report = RuleChecker.check(scenario, result);
    for (Violation v : report.violations()) {
      out.println(line(v));
    }
    out.println(report.summary());
    out.flush();
    return report.valid() ? CapacityCommand.OK : CapacityCommand.RULES_BROKEN;
  }

  /**
   * One output line for a broken rule, e.g. {@code rule 7 OVERLAP: table T3 carries b1 and b4 over
   * overlapping windows (...)}.
   *
   * @param v the violation
   * @return the line
   */
  static String line(Violation v) {
    return "rule " + v.rule().number() + " " + v.rule().name() + ": " + v.message();
  }
}
