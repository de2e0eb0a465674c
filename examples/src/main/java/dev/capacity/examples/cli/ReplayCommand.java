package dev.capacity.examples.cli;

import dev.capacity.Planner;
import dev.capacity.Replay;
import dev.capacity.ResultMetrics;
import dev.capacity.Scenario;
import dev.capacity.ScoringWeights;
import dev.capacity.SeatingResult;
import dev.capacity.Unassigned;
import dev.capacity.Violation;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.examples.io.InputFileException;
import dev.capacity.examples.io.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capacity replay --mode fixed [--out RESULT] [--repeat N] [--weights NAME] SCENARIO}:
 * replays a scenario's bookings through the planner with {@link Replay#fixed} (bookings in {@code
 * createdAt} order, each seated at once on its best plan or refused with a reason) and checks the
 * result with the {@link RuleChecker}.
 *
 * <p>With {@code --out} it writes the {@code capacity-result/1} file and prints nothing on success;
 * without it, it prints a short summary: bookings and seated bookings, covers seated of all covers,
 * refusals by reason, elapsed time, quote latencies (p50, p99, max in microseconds), incomplete
 * searches, and the rule checker's verdict.
 *
 * <p>{@code --repeat N} replays N times more before the measured run, with the same planner (warm
 * catalog cache and JIT), so the timings of the last run are closer to a long-running service's.
 * {@code --weights default|greedy|legacy} (advanced) replaces the policy's scoring weights with
 * {@link ScoringWeights#defaults()}, {@link ScoringWeights#greedy()} or {@link
 * ScoringWeights#legacy()}, to compare seating quality.
 *
 * <p>Only mode {@code fixed} is implemented; {@code online} and {@code batch} are refused with exit
 * code {@value CapacityCommand#BAD_INPUT}. Exits {@value CapacityCommand#OK} when the result breaks
 * no rule, {@value CapacityCommand#RULES_BROKEN} when it breaks one (a planner bug; each broken
 * rule is printed to the error writer), {@value CapacityCommand#BAD_INPUT} when the scenario cannot
 * be read or is invalid, the output cannot be written, or an option is wrong.
 *
 * <p>Not thread-safe: picocli fills its fields for one run.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a capacity-scenario/1 file through the planner and checks the result.",
      "Bookings arrive in createdAt order; each is seated at once on its best plan or refused.",
      "Without --out prints a summary; with --out writes the capacity-result/1 file.",
      "Exit codes: 0 valid result, 1 the result breaks a rule, 2 unreadable or invalid input."
    })
public final class ReplayCommand implements Callable<Integer> {
  /** The modes this command implements, as named on the command line. */
  static final String AVAILABLE_MODES = "fixed";

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario file (JSON)")
  @SuppressWarnings("NullAway.Init") // set by picocli
  private Path scenarioFile;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "fixed",
      description = "what the planner knows and promises: fixed (online, batch: not yet)")
  private String mode = "fixed";

  @Option(
      names = "--out",
      paramLabel = "RESULT",
      description = "write the capacity-result/1 file here instead of printing a summary")
  private @Nullable Path out;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "0",
      description = "warm-up replays before the measured one (default: ${DEFAULT-VALUE})")
  private int repeat;

  @Option(
      names = "--weights",
      paramLabel = "NAME",
      description =
          "advanced: replace the scoring weights with a named set: default, greedy, legacy")
  private @Nullable String weights;

  @CommandLine.Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public ReplayCommand() {}

  /**
   * Reads the scenario, replays it, checks the result and writes or prints it.
   *
   * @return the exit code
   */
  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkOptions();
    if (problem != null) {
      err.println("capacity replay: " + problem);
      err.flush();
      return CapacityCommand.BAD_INPUT;
    }
    Scenario scenario;
    try {
      scenario = Json.readScenario(scenarioFile);
    } catch (InputFileException e) {
      err.println("capacity replay: " + e.getMessage());
      err.flush();
      return CapacityCommand.BAD_INPUT;
    }
    ScoringWeights w = weights == null ? null : namedWeights(weights);
    if (w != null) {
      scenario = withWeights(scenario, w);
    }

    Planner planner = Planner.create();
    for (int i = 0; i < repeat; i++) {
      Replay.fixed(scenario, planner);
    }
    SeatingResult result = Replay.fixed(scenario, planner);
    CheckReport report = RuleChecker.check(scenario, result);

    if (out != null) {
      try {
        Json.writeResult(out, result);
      } catch (UncheckedIOException e) {
        err.println("capacity replay: cannot write " + out + ": " + e.getCause());
        err.flush();
        return CapacityCommand.BAD_INPUT;
      }
    } else {
      stdout.print(summary(scenario, result, report));
      stdout.flush();
    }
    if (!report.valid()) {
      for (Violation v : report.violations()) {
        err.println(ValidateCommand.line(v));
      }
      err.println("capacity replay: the result breaks a rule (a planner bug): " + report.summary());
      err.flush();
      return CapacityCommand.RULES_BROKEN;
    }
    return CapacityCommand.OK;
  }

  /** The problem with the options, or null when they are fine. */
  private @Nullable String checkOptions() {
    String m = mode.toLowerCase(Locale.ROOT);
    if (m.equals("online") || m.equals("batch")) {
      return "--mode "
          + m
          + " is not implemented yet; available: "
          + AVAILABLE_MODES
          + "\nMaybe: use --mode fixed";
    }
    if (!m.equals("fixed")) {
      return "unknown --mode '"
          + mode
          + "'; available: "
          + AVAILABLE_MODES
          + " (online and batch are planned)";
    }
    if (repeat < 0) {
      return "--repeat must not be negative, got " + repeat;
    }
    if (weights != null && namedWeights(weights) == null) {
      return "unknown --weights '" + weights + "'; available: default, greedy, legacy";
    }
    return null;
  }

  /**
   * The named weight set.
   *
   * @param name default, greedy or legacy (any case)
   * @return the weights, or null for an unknown name
   */
  static @Nullable ScoringWeights namedWeights(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "default" -> ScoringWeights.defaults();
      case "greedy" -> ScoringWeights.greedy();
      case "legacy" -> ScoringWeights.legacy();
      default -> null;
    };
  }

  /**
   * The scenario with other scoring weights in its policy.
   *
   * @param s the scenario
   * @param w the weights
   * @return the changed scenario
   */
  static Scenario withWeights(Scenario s, ScoringWeights w) {
    return new Scenario(
        s.name(),
        s.restaurant(),
        s.policy().toBuilder().scoring(w).build(),
        s.floor(),
        s.bookings(),
        s.existingAssignments(),
        s.blocks());
  }

  /**
   * The printed summary: four lines (five with refusals).
   *
   * @param scenario the scenario
   * @param result the replay's result
   * @param report the rule checker's report on it
   * @return the text, each line ending with a line separator
   */
  static String summary(Scenario scenario, SeatingResult result, CheckReport report) {
    ResultMetrics m = result.metrics();
    Map<String, Double> x = m.extra();
    String nl = System.lineSeparator();
    StringBuilder s = new StringBuilder();
    s.append(scenario.name()).append(": replay --mode fixed").append(nl);
    s.append(m.bookings())
        .append(" bookings, ")
        .append(m.seatedBookings())
        .append(" seated, ")
        .append(m.seatedCovers())
        .append('/')
        .append(m.covers())
        .append(" covers seated")
        .append(nl);
    if (!result.unassigned().isEmpty()) {
      Map<String, Integer> reasons = new TreeMap<>();
      for (Unassigned u : result.unassigned()) {
        reasons.merge(u.reason(), 1, Integer::sum);
      }
      s.append("refused:");
      reasons.forEach((r, n) -> s.append(' ').append(r).append(' ').append(n));
      s.append(nl);
    }
    s.append(
            String.format(
                Locale.ROOT,
                "elapsed %.1f ms; quote p50 %.0f us, p99 %.0f us, max %.0f us;"
                    + " %.0f incomplete searches",
                x.getOrDefault("elapsedMillis", 0.0),
                x.getOrDefault("quoteMicrosP50", 0.0),
                x.getOrDefault("quoteMicrosP99", 0.0),
                x.getOrDefault("quoteMicrosMax", 0.0),
                x.getOrDefault("incompleteSearches", 0.0)))
        .append(nl);
    s.append("rule check: ").append(report.summary()).append(nl);
    return s.toString();
  }
}
