package dev.capacity.examples.cli;

import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignReport;
import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssigner;
import dev.capacity.Booking;
import dev.capacity.BookingSelection;
import dev.capacity.OccupancyKind;
import dev.capacity.Scenario;
import dev.capacity.ScenarioLoader;
import dev.capacity.SeatingResult;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.examples.io.InputFileException;
import dev.capacity.examples.io.Json;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;
import java.io.Console;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capacity assign [--store memory|embedded|JDBC_URL] [--workers N] [--out RESULT.json]
 * SCENARIO.json}: loads a scenario into a store (in memory; an embedded PostgreSQL started for the
 * run; or the PostgreSQL server of a JDBC URL, in {@code --schema}, default {@code
 * capacity_assign}), runs the auto-assign runner over all its bookings, checks the outcome with the
 * rule checker, prints a summary, and writes a {@code capacity-result/1} file in mode {@code batch}
 * whose metrics add {@code elapsedMillis}, {@code bookingsPerSecond}, {@code bookingMillisP50},
 * {@code bookingMillisP95}, {@code bookingMillisP99}, {@code conflictsRetried}, {@code attempts}
 * and {@code workers}. On a terminal it shows progress on standard error.
 *
 * <p>The program's clock starts at {@code --at} (default: one hour before the earliest booking
 * start, so no booking is past the runner's cut-off) and runs at real speed. Exits {@value
 * CapacityCommand#OK} when no rule is broken and no hold is left, {@value
 * CapacityCommand#RULES_BROKEN} otherwise, {@value CapacityCommand#BAD_INPUT} for unreadable input,
 * a store this build cannot open, or bad options.
 *
 * <p>Not thread-safe: picocli fills its fields for one run.
 */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    description = {
      "Loads a capacity-scenario/1 file into a store and auto-assigns all its bookings.",
      "Prints a summary and the rule checker's verdict; writes a capacity-result/1 (mode batch).",
      "Exit codes: 0 valid, 1 rules broken or holds left, 2 unreadable input or bad options."
    })
public final class AssignCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "the scenario file")
  @SuppressWarnings("NullAway.Init") // set by picocli
  private Path scenarioFile;

  @Option(
      names = "--store",
      defaultValue = "memory",
      paramLabel = "memory|embedded|JDBC_URL",
      description = "where bookings and tables are kept (default: ${DEFAULT-VALUE})")
  private String store = "memory";

  @Option(
      names = "--workers",
      defaultValue = "15",
      paramLabel = "N",
      description = "bookings worked on at once, 1-1024 (default: ${DEFAULT-VALUE})")
  private int workers = 15;

  @Option(names = "--out", paramLabel = "RESULT.json", description = "write the result here")
  private @Nullable Path outFile;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "the clock's start (default: one hour before the earliest booking)")
  private @Nullable String at;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "run N times on an emptied store and report the last (earlier runs warm up the JVM;"
              + " default: ${DEFAULT-VALUE})")
  private int repeat = 1;

  @Option(
      names = "--schema",
      defaultValue = "capacity_assign",
      paramLabel = "NAME",
      description = "the PostgreSQL schema to load into (default: ${DEFAULT-VALUE})")
  private String schema = "capacity_assign";

  @Option(
      names = "--reset-schema",
      description = "empty the PostgreSQL schema's tables first (every restaurant in it)")
  private boolean resetSchema;

  @Option(
      names = "--strict-priority",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "decide bookings that compete for tables in priority order (default: ${DEFAULT-VALUE});"
              + " --no-strict-priority lets the workers race")
  private boolean strictPriority = true;

  @CommandLine.Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public AssignCommand() {}

  /**
   * Loads the scenario, runs the runner, checks and writes the result.
   *
   * @return the exit code
   */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (workers < 1 || workers > 1024) {
      return fail(err, "--workers must be between 1 and 1024, got " + workers);
    }
    if (repeat < 1 || repeat > 1000) {
      return fail(err, "--repeat must be between 1 and 1000, got " + repeat);
    }
    Scenario scenario;
    try {
      scenario = Json.readScenario(scenarioFile);
    } catch (InputFileException e) {
      return fail(err, e.getMessage());
    }
    Instant start;
    try {
      start =
          at != null
              ? Instant.parse(Objects.requireNonNull(at))
              : ScenarioLoader.clockStart(scenario);
    } catch (DateTimeParseException e) {
      return fail(
          err, "--at must be an ISO-8601 instant such as 2026-11-20T16:00:00Z, got '" + at + "'");
    }
    TimeSource clock = TimeSource.runningFrom(start);
    Stores.Opened opened;
    try {
      opened =
          Stores.open(store, clock, workers + 2, schema, scenario.restaurant().id(), resetSchema);
    } catch (Stores.UnavailableStoreException e) {
      return fail(err, e.getMessage());
    }
    try (opened) {
      List<String> ids = scenario.bookings().stream().map(Booking::id).toList();
      AutoAssignReport report = null;
      CapacityStore s = opened.store();
      for (int round = 1; round <= repeat; round++) {
        if (round > 1) {
          try {
            s = opened.reset();
          } catch (Stores.UnavailableStoreException e) {
            return fail(err, e.getMessage());
          }
        }
        try {
          ScenarioLoader.load(s, scenario);
        } catch (IllegalStateException e) {
          return fail(err, scenarioFile + ": " + e.getMessage());
        }
        Progress progress = Progress.onConsole(err, scenario.name(), ids.size());
        AutoAssigner assigner = AutoAssigner.builder(s).timeSource(clock).build();
        report =
            assigner.run(
                scenario.restaurant().id(),
                BookingSelection.bookings(ids),
                AutoAssignOptions.builder()
                    .workers(workers)
                    .strictPriority(strictPriority)
                    .listener(progress::done)
                    .build());
        progress.end();
        if (round < repeat) {
          out.println("warm-up " + round + ": " + report.summary());
        }
      }
      AutoAssignReport last = Objects.requireNonNull(report);
      SeatingResult result = ScenarioLoader.readBack(s, scenario, last);
      CheckReport check = RuleChecker.check(scenario, result);
      long holds = liveHolds(s, scenario);
      out.println(last.summary() + " [store " + opened.description() + "]");
      out.println(check.summary() + "; " + holds + " live holds");
      out.flush();
      Path file = outFile;
      if (file != null) {
        try {
          Json.writeResult(file, result);
        } catch (UncheckedIOException e) {
          return fail(err, "cannot write " + file + ": " + e.getMessage());
        }
      }
      return check.valid() && holds == 0 ? CapacityCommand.OK : CapacityCommand.RULES_BROKEN;
    }
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("capacity assign: " + message);
    err.flush();
    return CapacityCommand.BAD_INPUT;
  }

  /** Live holds over the days the scenario's bookings touch. */
  static long liveHolds(CapacityStore store, Scenario scenario) {
    if (scenario.bookings().isEmpty()) {
      return 0;
    }
    Instant first = ScenarioLoader.clockStart(scenario).minus(Duration.ofDays(1));
    Instant last =
        scenario.bookings().stream()
            .map(Booking::start)
            .max(Comparator.naturalOrder())
            .orElse(first);
    return store
        .occupancy(scenario.restaurant().id(), first, last.plus(Duration.ofDays(2)))
        .occupancy()
        .entries()
        .stream()
        .filter(e -> e.kind() == OccupancyKind.HOLD)
        .count();
  }

  /** Progress on a terminal: a line rewritten as bookings finish. Thread-safe. */
  static final class Progress {
    private final @Nullable PrintWriter err;
    private final String name;
    private final int total;
    private int done;
    private int seated;
    private int shownPercent = -1;

    private Progress(@Nullable PrintWriter err, String name, int total) {
      this.err = err;
      this.name = name;
      this.total = total;
    }

    /** Progress always shown on a writer. */
    static Progress to(PrintWriter w, String name, int total) {
      return new Progress(w, name, total);
    }

    /** Progress shown on the error writer only when standard output is a terminal. */
    static Progress onConsole(PrintWriter err, String name, int total) {
      return new Progress(stdoutIsTerminal() ? err : null, name, total);
    }

    /**
     * Whether standard input and output are a terminal: before JDK 22 a console exists only then;
     * from JDK 22 on, {@code Console.isTerminal()} says so.
     */
    @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
    static boolean stdoutIsTerminal() {
      Console c = System.console();
      if (c == null) {
        return false;
      }
      try {
        Method isTerminal = Console.class.getMethod("isTerminal");
        return Boolean.TRUE.equals(isTerminal.invoke(c));
      } catch (NoSuchMethodException beforeJdk22) {
        return true;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;
      }
    }

    synchronized void done(AutoAssignResult r) {
      done++;
      if (r.seated()) {
        seated++;
      }
      PrintWriter w = err;
      int percent = total == 0 ? 100 : done * 100 / total;
      if (w != null && percent != shownPercent) {
        shownPercent = percent;
        w.print(
            "\rassign "
                + name
                + ": "
                + done
                + "/"
                + total
                + " bookings, "
                + seated
                + " seated ("
                + percent
                + " %)");
        w.flush();
      }
    }

    synchronized void end() {
      PrintWriter w = err;
      if (w != null && shownPercent >= 0) {
        w.println();
        w.flush();
      }
    }
  }
}
