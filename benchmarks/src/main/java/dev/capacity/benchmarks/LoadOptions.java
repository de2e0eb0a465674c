package dev.capacity.benchmarks;

import dev.capacity.format.ScenarioFiles;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@link PostgresLoad}, parsed and checked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scenario a bundled scenario's name
 * @param workers bookings worked on at once
 * @param strictPriority whether competing bookings are decided in priority order
 * @param oneStep whether each plan is held and confirmed in one store command
 * @param pool the most connections the run's pool opens (0: twice the cores, at most workers)
 * @param fairCalls whether the store queues its calls in arrival order, as many at once as the pool
 *     has connections ({@code PostgresCapacityStore.Builder#fairCalls})
 * @param repeat runs on an emptied schema; the last is reported, and with four or more the targets
 *     are judged on the medians of the last half
 * @param url the server's JDBC URL, or null to start an embedded server
 * @param schema the schema to drop, migrate and load into
 * @param statistics when ANALYZE runs on the schema's tables
 * @param pgbench whether to run the pgbench comparison
 * @param pgbenchPath the pgbench executable, or null to look for one
 * @param pgbenchSeconds how long each pgbench run lasts
 * @param pgbenchRuns how many times pgbench runs (its TPS is their median)
 * @param pgbenchScale pgbench's scale factor
 * @param pgbenchDatabase the database pgbench initialises (dropped first and afterwards)
 * @param rate booking requests per second of the paced phase (0: no paced phase)
 * @param pacedRuns runs of the paced phase
 * @param statements how many of pg_stat_statements' statements to show (0: off)
 * @param occupancyCache whether the store brings its last occupancy read up to date instead of
 *     reading every row ({@code PostgresCapacityStore.Builder#occupancyCacheWindows})
 * @param storeTimings whether to time every store call of the reported run
 * @param phases whether to split the judged runs' one-step attempts at the end of their quotes
 * @param json where to write the figures, or null
 * @param help whether to print the usage and stop
 */
record LoadOptions(
    String scenario,
    int workers,
    boolean strictPriority,
    boolean oneStep,
    int pool,
    boolean fairCalls,
    int repeat,
    @Nullable String url,
    String schema,
    LoadOptions.Statistics statistics,
    boolean pgbench,
    @Nullable String pgbenchPath,
    int pgbenchSeconds,
    int pgbenchRuns,
    int pgbenchScale,
    String pgbenchDatabase,
    int rate,
    int pacedRuns,
    int statements,
    boolean occupancyCache,
    boolean storeTimings,
    boolean phases,
    @Nullable Path json,
    boolean help) {

  /** When ANALYZE runs on the schema's tables. */
  enum Statistics {
    /** After each load: statistics of a loaded day with an empty occupancy table. */
    LOAD,
    /**
     * After the first load and after each warm-up run, not after later loads: the reported run
     * plans with statistics of a seated day (needs a warm-up run).
     */
    DAY,
    /** Never: the fresh tables have no statistics. */
    NONE
  }

  /**
   * Runs made by default: enough for the JIT to settle, so the medians of the last half, which the
   * targets are judged on, are the figures of a long-running application. On the 2-core machine of
   * docs/benchmarks.md, in one run of 90 (medians of the load command's CPU per confirmed booking,
   * then of confirmed bookings per second): runs 1-10 1.79 ms and 616/s, 11-20 0.63 ms, 21-30 0.49
   * ms, 31-40 0.39 ms and 1,430/s, 41-60 0.30 ms and 1,604/s, 61-90 0.28 ms and 1,664/s; each run
   * seats the day once, some 0.3 s of work. The last half of 80 runs starts once that has levelled
   * off.
   */
  static final int DEFAULT_REPEAT = 80;

  /** The paced phase's default rate: 0, no paced phase unless {@code --rate} asks for one. */
  static final int DEFAULT_RATE = 0;

  /** The paced phase's default runs. */
  static final int DEFAULT_PACED_RUNS = 20;

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** The usage text of {@code --help}. */
  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -cp benchmarks/target/benchmarks.jar dev.capacity.benchmarks.PostgresLoad"
              + " [options]",
          "",
          "Loads a bundled scenario into PostgreSQL through the capacity adapter, auto-assigns all",
          "its bookings with N workers, checks the tables with plain SQL (no overlapping occupancy,",
          "no live hold) and compares with pgbench -b simple-update on the same server.",
          "",
          "  --scenario NAME          bundled scenario: " + String.join(", ", ScenarioFiles.NAMES),
          "                           (default: mega)",
          "  --workers N              bookings worked on at once, 1-1024 (default: 15)",
          "  --[no-]strict-priority   decide competing bookings in priority order (default: on)",
          "  --[no-]one-step          hold and confirm each plan in one store command",
          "                           (AutoAssignOptions.oneStep; default: on); off: hold, then confirm",
          "  --pool N                 connections in the run's pool, 1-1024; workers wait for one",
          "                           (default: twice this machine's cores, at most the workers)",
          "  --[no-]fair-calls        the store serves calls waiting for a connection in the",
          "                           order they came (PostgresCapacityStore.Builder.fairCalls,",
          "                           as many at once as the pool has connections; default: on);",
          "                           off: whichever call asks when one is freed gets it",
          "  --repeat N               runs on an emptied schema (re-loaded and analysed each time),",
          "                           the last one reported, and with 4 or more the medians of the",
          "                           last half (a settled JIT), which the targets are judged on;",
          "                           1-1000 (default: " + DEFAULT_REPEAT + ")",
          "  --url JDBC_URL           use this server, e.g. jdbc:postgresql://127.0.0.1:5432/postgres"
              + "?user=me",
          "                           (default: start an embedded PostgreSQL for the run)",
          "  --schema NAME            schema to DROP, migrate and load into (default:"
              + " capacity_load)",
          "  --statistics WHEN        when ANALYZE runs on the schema's tables: load (after each",
          "                           load; default), day (after the first load and after each",
          "                           warm-up run, so the reported run plans with the statistics of a",
          "                           seated day; needs --repeat 2 or more), none (fresh tables",
          "                           without statistics)",
          "  --no-analyze             the same as --statistics none",
          "  --pgbench PATH           the pgbench to run (default: on PATH, else the newest",
          "                           /usr/lib/postgresql/*/bin/pgbench)",
          "  --no-pgbench             skip the pgbench comparison",
          "  --pgbench-seconds N      how long each pgbench run lasts, 1-3600 (default: 10)",
          "  --pgbench-runs N         pgbench runs, 1-100 (default: 3); with --repeat 4 or more",
          "                           one after each of N blocks of the judged runs, each block",
          "                           compared with its run and the ratios' median judged; else",
          "                           after the runs, their median TPS compared",
          "  --pgbench-scale N        pgbench -i scale factor, 1-1000 (default: 10)",
          "  --pgbench-database NAME  database for pgbench, dropped before and after (default:"
              + " capacity_pgbench)",
          "  --rate N                 after the runs, a paced phase: the day's bookings arrive as",
          "                           booking requests, N per second in the order they were made,",
          "                           each saved and seated inline (AutoAssigner.assignNow) on",
          "                           --workers request threads; latency counted from when each",
          "                           request was due; 0-100000 (default: 0, no paced phase)",
          "  --paced-runs N           runs of the paced phase, the last one checked, 1-1000",
          "                           (default: " + DEFAULT_PACED_RUNS + ")",
          "  --statements N           show the N statements with the most time by pg_stat_statements"
              + " (embedded:",
          "                           preloaded; --url: the server must preload it) (default: 0)",
          "  --store-timings          time every store call of the reported run, by method",
          "  --phases                 split each booking of the judged runs at the end of its",
          "                           quote (telemetry): the turn, reads and quote; then the",
          "                           wait for a connection and the command (needs --one-step)",
          "  --no-occupancy-cache     read every occupancy row on each read instead of bringing the",
          "                           store's last read up to date (to compare; default: cache)",
          "  --json FILE              write the figures as JSON",
          "  -h, --help               show this and exit",
          "",
          "Exit codes: 0 checks passed; 1 an overlap, a live hold, a broken rule or a count that",
          "does not match; 2 bad options or a server, scenario or pgbench that cannot be used.");

  /**
   * Parses the command line.
   *
   * @param args the arguments
   * @return the options
   * @throws LoadException if an option is unknown, lacks its value or has a bad one
   */
  static LoadOptions parse(String... args) throws LoadException {
    String scenario = "mega";
    int workers = 15;
    boolean strict = true;
    int repeat = DEFAULT_REPEAT;
    String url = null;
    String schema = "capacity_load";
    Statistics statistics = Statistics.LOAD;
    boolean pgbench = true;
    String pgbenchPath = null;
    int pgbenchSeconds = 10;
    int pgbenchRuns = 3;
    int pgbenchScale = 10;
    String pgbenchDatabase = "capacity_pgbench";
    int rate = DEFAULT_RATE;
    int pacedRuns = DEFAULT_PACED_RUNS;
    int statements = 0;
    boolean storeTimings = false;
    boolean phases = false;
    boolean occupancyCache = true;
    boolean oneStep = true;
    int pool = 0;
    boolean fairCalls = true;
    Path json = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      boolean flag =
          switch (name) {
            case "--strict-priority",
                "--no-strict-priority",
                "--one-step",
                "--no-one-step",
                "--no-analyze",
                "--no-pgbench",
                "--store-timings",
                "--phases",
                "--no-occupancy-cache",
                "--fair-calls",
                "--no-fair-calls",
                "-h",
                "--help" ->
                true;
            default -> false;
          };
      if (flag) {
        if (inline != null) {
          throw new LoadException(name + " takes no value, got '" + arg + "'", null);
        }
        switch (name) {
          case "--strict-priority" -> strict = true;
          case "--no-strict-priority" -> strict = false;
          case "--one-step" -> oneStep = true;
          case "--no-one-step" -> oneStep = false;
          case "--no-analyze" -> statistics = Statistics.NONE;
          case "--no-pgbench" -> pgbench = false;
          case "--store-timings" -> storeTimings = true;
          case "--phases" -> phases = true;
          case "--no-occupancy-cache" -> occupancyCache = false;
          case "--fair-calls" -> fairCalls = true;
          case "--no-fair-calls" -> fairCalls = false;
          default -> help = true;
        }
        continue;
      }
      String value;
      if (inline != null) {
        value = inline;
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new LoadException(
            (name.startsWith("-") ? name + " needs a value" : "unexpected argument '" + arg + "'")
                + "\nMaybe: --help lists the options",
            null);
      }
      switch (name) {
        case "--scenario" -> {
          if (!ScenarioFiles.NAMES.contains(value)) {
            throw new LoadException(
                "--scenario must be one of " + ScenarioFiles.NAMES + ", got '" + value + "'", null);
          }
          scenario = value;
        }
        case "--workers" -> workers = number(name, value, 1, 1024);
        case "--pool" -> pool = number(name, value, 1, 1024);
        case "--repeat" -> repeat = number(name, value, 1, 1000);
        case "--url" -> url = value;
        case "--schema" -> {
          schema = identifier(name, value);
          if (schema.equals("public") || schema.startsWith("pg_")) {
            throw new LoadException(
                "--schema is dropped and re-created; refusing '" + value + "'", null);
          }
        }
        case "--pgbench" -> pgbenchPath = value;
        case "--pgbench-seconds" -> pgbenchSeconds = number(name, value, 1, 3600);
        case "--pgbench-runs" -> pgbenchRuns = number(name, value, 1, 100);
        case "--pgbench-scale" -> pgbenchScale = number(name, value, 1, 1000);
        case "--pgbench-database" -> {
          pgbenchDatabase = identifier(name, value);
          if (pgbenchDatabase.equals("postgres") || pgbenchDatabase.startsWith("template")) {
            throw new LoadException(
                "--pgbench-database is dropped and re-created; refusing '" + value + "'", null);
          }
        }
        case "--rate" -> rate = number(name, value, 0, 100_000);
        case "--paced-runs" -> pacedRuns = number(name, value, 1, 1000);
        case "--statements" -> statements = number(name, value, 0, 1000);
        case "--statistics" ->
            statistics =
                switch (value) {
                  case "load" -> Statistics.LOAD;
                  case "day" -> Statistics.DAY;
                  case "none" -> Statistics.NONE;
                  default ->
                      throw new LoadException(
                          "--statistics must be load, day or none, got '" + value + "'", null);
                };
        case "--json" -> json = Path.of(value);
        default ->
            throw new LoadException(
                "unknown option '" + name + "'\nMaybe: --help lists the options", null);
      }
    }
    if (statistics == Statistics.DAY && repeat < 2) {
      throw new LoadException(
          "--statistics day needs a warm-up run to analyse, so --repeat 2 or more", null);
    }
    if (phases && !oneStep) {
      throw new LoadException(
          "--phases splits one-step attempts: it cannot be used with --no-one-step", null);
    }
    if (!pgbench && pgbenchPath != null) {
      throw new LoadException("--pgbench and --no-pgbench contradict each other", null);
    }
    return new LoadOptions(
        scenario,
        workers,
        strict,
        oneStep,
        pool,
        fairCalls,
        repeat,
        url,
        schema,
        statistics,
        pgbench,
        pgbenchPath,
        pgbenchSeconds,
        pgbenchRuns,
        pgbenchScale,
        pgbenchDatabase,
        rate,
        pacedRuns,
        statements,
        occupancyCache,
        storeTimings,
        phases,
        json,
        help);
  }

  private static int number(String name, String value, int min, int max) throws LoadException {
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new LoadException(name + " must be a whole number, got '" + value + "'", e);
    }
    if (n < min || n > max) {
      throw new LoadException(
          name + " must be between " + min + " and " + max + ", got " + value, null);
    }
    return n;
  }

  private static String identifier(String name, String value) throws LoadException {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new LoadException(
          name + " must be a plain lower-case SQL identifier, got '" + value + "'", null);
    }
    return value;
  }
}
