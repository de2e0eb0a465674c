package dev.capacity.benchmarks;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.capacity.Assignment;
import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignReport;
import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssigner;
import dev.capacity.Booking;
import dev.capacity.BookingSelection;
import dev.capacity.BookingState;
import dev.capacity.Outcome;
import dev.capacity.Planner;
import dev.capacity.Reason;
import dev.capacity.Scenario;
import dev.capacity.ScenarioLoader;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.jdbc.PostgresCapacityStore;
import dev.capacity.jdbc.PostgresSchema;
import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A load test of the PostgreSQL adapter (issue 5): seats every booking of a bundled scenario
 * through {@link PostgresCapacityStore} with the auto-assigner's workers, reports confirmed
 * bookings per second and the per-booking latency, checks the tables with plain SQL afterwards, and
 * runs {@code pgbench -b simple-update} on the same server for comparison. A plain program, not a
 * JMH benchmark.
 *
 * <p>Run from the repository root after {@code mvn -B -ntp package} (or {@code verify}):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.capacity.benchmarks.PostgresLoad
 * java -cp benchmarks/target/benchmarks.jar dev.capacity.benchmarks.PostgresLoad \
 *     --workers 15 --no-strict-priority --repeat 5 --json load.json
 * java -cp benchmarks/target/benchmarks.jar dev.capacity.benchmarks.PostgresLoad \
 *     --url 'jdbc:postgresql://127.0.0.1:5432/postgres?user=me&amp;password=secret'
 * </pre>
 *
 * ({@code --help} lists every option.) What it does:
 *
 * <ol>
 *   <li>Starts an embedded PostgreSQL (zonky, the version the parent pom pins; as root through
 *       {@code unshare -U}), or uses the server of {@code --url}. Drops the schema ({@code
 *       --schema}, default {@code capacity_load}) if it exists and migrates it with {@link
 *       PostgresSchema#migrate} (through a pool of two connections of its own: Flyway holds two at
 *       once); the run's HikariCP pool has {@code --pool} connections (default: twice the cores, at
 *       most the workers).
 *   <li>Loads the scenario (default {@code mega}) with {@link ScenarioLoader}, then runs {@code
 *       ANALYZE} on the schema's tables: freshly created tables have no statistics and PostgreSQL
 *       plans their queries badly until autovacuum gets to them, while a production database has
 *       statistics. The occupancy table is empty then, so its statistics are those of an empty day;
 *       {@code --statistics day} (with {@code --repeat}) analyses after the warm-up runs instead,
 *       so the reported run plans with the statistics of a seated day, and {@code --statistics
 *       none} shows fresh tables without any.
 *   <li>Runs the {@link AutoAssigner} over all bookings with {@code --workers} (default 15) and
 *       strict priority unless {@code --no-strict-priority}, on a clock that starts one hour before
 *       the earliest booking (so no booking is past the cut-off). {@code --repeat N} (default 80)
 *       runs N times on the emptied schema, loading and analysing again each time, one planner for
 *       all (its unit catalog stays warm, as in a long-running application), and reports the last
 *       run; with four runs or more also the medians over the last half of them, the figures of a
 *       JVM whose JIT has settled, on which the targets are then judged (the first runs of a JVM
 *       are mostly compilation: a booking backend that has run for a minute sees the settled
 *       figures).
 *   <li>Reports bookings confirmed, confirmed bookings per wall second of the run, p50/p95/p99 of
 *       the time per booking (quote, hold and confirm with retries; the runner's per-booking
 *       nanos), conflicts retried, seated bookings and covers, and the CPU time per confirmed
 *       booking of the load command's JVM and of the server's processes ({@code /proc}, when the
 *       server runs on this machine): a figure that other work on the machine disturbs far less
 *       than wall time, printed for every run.
 *   <li>Checks with plain SQL, not through the adapter: no two live occupancy rows of one table of
 *       the restaurant overlap (a self-join over {@code during &&} without index scans, so it does
 *       not rely on the exclusion constraint's index; expired holds excluded), no live hold is
 *       left, and the bookings with assignment rows are the ones the run seated; the rule checker
 *       judges the assignments read back. Exits 1 if any check fails.
 *   <li>With {@code --rate N}, a paced phase ({@code --paced-runs}, default 20): the schema is
 *       emptied and the restaurant loaded without its bookings (and analysed so, unless {@code
 *       --statistics none}), which then arrive as booking requests, N per second in the order they
 *       were made ({@link PacedRequests}); each request saves its booking and seats it inline with
 *       {@link AutoAssigner#assignNow} on one of {@code --workers} request threads. Its latency
 *       counts from when the request was due, so a request that waits for a thread counts the wait
 *       (an open loop, unlike the runs above, where every worker always has a booking in hand and
 *       the mean time per booking is the workers divided by the throughput). Prints each run, the
 *       medians of the last half, and the same checks on the last run.
 *   <li>Runs {@code pgbench -i -s 10} into a database of its own and {@code pgbench -b
 *       simple-update -c WORKERS -j 2 -T 10 -n} three times ({@code --pgbench-runs}, {@code
 *       --pgbench-seconds}) on the same server, and prints the median of their TPS and the ratio of
 *       confirmed bookings per second to it. With four runs or more, pgbench's runs go between the
 *       judged runs, one after each of as many blocks of them ({@link #pgbenchAfter}; the database
 *       is initialised before the first run), and the ratio is the median of each block's median
 *       divided by the TPS of the pgbench run right after it: on a shared machine whose speed
 *       drifts over minutes, each pair is measured in the same minutes (the ratio of the two
 *       medians is printed too). With fewer runs pgbench runs after them. pgbench is the one given
 *       by {@code --pgbench}, else on the {@code PATH}, else the newest under {@code
 *       /usr/lib/postgresql}; without one the comparison is skipped with a message.
 * </ol>
 *
 * <p>{@code --json FILE} writes the figures; {@code --statements N} shows the statements with the
 * most execution time by {@code pg_stat_statements} (nested statements of the adapter's functions
 * included); {@code --store-timings} times each store call by method; {@code --phases} splits the
 * judged runs' bookings at the end of their quotes ({@link Phases}). Exit codes: 0 checks passed, 1
 * a check failed, 2 bad options or a server, scenario or pgbench that cannot be used.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class PostgresLoad {
  /** The targets of issue 5. */
  static final double TARGET_BOOKINGS_PER_SECOND = 1000;

  /** The p95 target of issue 5, in milliseconds. */
  static final double TARGET_P95_MILLIS = 10;

  /** The share of pgbench's TPS issue 5 asks for. */
  static final double TARGET_PGBENCH_RATIO = 0.30;

  /** The time budget of each paced booking request. */
  static final Duration PACED_BUDGET = Duration.ofSeconds(2);

  private PostgresLoad() {}

  /**
   * One run of the auto-assigner.
   *
   * @param seconds wall time of the run
   * @param bookings bookings reported
   * @param confirmed bookings the run held and confirmed tables for
   * @param confirmedPerSecond confirmed bookings per wall second
   * @param bookingsPerSecond bookings reported per wall second (seated or not)
   * @param p50Millis median time per attempted booking (seated or refused)
   * @param p95Millis 95th percentile of it
   * @param p99Millis 99th percentile of it
   * @param confirmedP50Millis median time per confirmed booking
   * @param confirmedP95Millis 95th percentile of it
   * @param confirmedP99Millis 99th percentile of it
   * @param attempts attempts over all bookings
   * @param conflictsRetried attempts refused with a conflict and tried again
   * @param seated bookings with tables after the run
   * @param coversSeated their guests
   * @param covers guests of every booking
   * @param notSeated bookings not seated by reason
   * @param jvmCpuMillisPerConfirmed CPU time of the load command's JVM per confirmed booking (every
   *     thread: workers, pool, JIT, GC), or -1 when unknown
   * @param serverCpuMillisPerConfirmed CPU time of the server's processes per confirmed booking, or
   *     -1 when unknown (a server on another machine)
   * @param meanByPosition mean time per attempted booking by its position in the priority order
   *     ({@link #meanByPosition(long[], int)}): the first {@code firstPart}, then the rest in four
   *     parts
   * @param firstPart how many bookings make the first part: the run's workers (the bookings they
   *     start together), or all the attempted ones when there are fewer
   * @param inProgress how many bookings were in progress on average ({@link InProgress#of})
   */
  record Run(
      double seconds,
      int bookings,
      int confirmed,
      double confirmedPerSecond,
      double bookingsPerSecond,
      double p50Millis,
      double p95Millis,
      double p99Millis,
      double confirmedP50Millis,
      double confirmedP95Millis,
      double confirmedP99Millis,
      int attempts,
      int conflictsRetried,
      int seated,
      int coversSeated,
      int covers,
      Map<String, Integer> notSeated,
      double jvmCpuMillisPerConfirmed,
      double serverCpuMillisPerConfirmed,
      List<Double> meanByPosition,
      int firstPart,
      InProgress inProgress) {

    /** Copies the list. */
    Run {
      meanByPosition = List.copyOf(meanByPosition);
    }

    static Run of(AutoAssignReport report, long wallNanos, CpuMeter cpu) {
      long jvm = cpu.jvmNanosSinceStart();
      long server = cpu.serverNanosSinceStart();
      double seconds = wallNanos / 1e9;
      int confirmed = report.assigned();
      long[] all =
          report.results().stream()
              .filter(r -> r.attempts() > 0)
              .mapToLong(AutoAssignResult::nanos)
              .toArray();
      long[] ok =
          report.results().stream()
              .filter(r -> r.status() == AutoAssignResult.Status.ASSIGNED)
              .mapToLong(AutoAssignResult::nanos)
              .toArray();
      Map<String, Integer> reasons = new LinkedHashMap<>();
      for (Map.Entry<Reason, Integer> e : report.reasons().entrySet()) {
        reasons.put(e.getKey().name(), e.getValue());
      }
      int seated = (int) report.results().stream().filter(AutoAssignResult::seated).count();
      return new Run(
          seconds,
          report.bookings(),
          confirmed,
          seconds == 0 ? 0 : confirmed / seconds,
          seconds == 0 ? 0 : report.bookings() / seconds,
          percentile(all, 50),
          percentile(all, 95),
          percentile(all, 99),
          percentile(ok, 50),
          percentile(ok, 95),
          percentile(ok, 99),
          report.attempts(),
          report.conflictsRetried(),
          seated,
          report.coversSeated(),
          report.covers(),
          reasons,
          perConfirmed(jvm, confirmed),
          perConfirmed(server, confirmed),
          meanByPosition(all, report.workers()),
          Math.min(report.workers(), all.length),
          InProgress.of(report.workers(), all, ok, wallNanos));
    }

    /**
     * The mean of each part of a run's booking times taken in priority order (the report's order):
     * the first {@code first} (the bookings the workers start together), then the rest cut into
     * four parts of near-equal size. Parts with no booking are left out.
     *
     * @param inOrder the attempted bookings' times, in priority order
     * @param first how many make the first part
     * @return the parts' means, in milliseconds
     */
    static List<Double> meanByPosition(long[] inOrder, int first) {
      List<Double> means = new ArrayList<>(5);
      int head = Math.min(first, inOrder.length);
      addMean(means, inOrder, 0, head);
      int rest = inOrder.length - head;
      for (int part = 0; part < 4; part++) {
        addMean(means, inOrder, head + rest * part / 4, head + rest * (part + 1) / 4);
      }
      return means;
    }

    private static void addMean(List<Double> means, long[] nanos, int from, int to) {
      if (to > from) {
        means.add(meanMillis(nanos, from, to));
      }
    }

    /** CPU milliseconds per confirmed booking, or -1 when the CPU time or a booking is lacking. */
    static double perConfirmed(long cpuNanos, int confirmed) {
      return cpuNanos < 0 || confirmed == 0 ? -1 : cpuNanos / 1e6 / confirmed;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%d confirmed of %d bookings in %.2f s: %.1f confirmed/s (%.1f bookings/s),"
              + " p50 %.1f / p95 %.1f / p99 %.1f ms, %d conflicts retried; CPU per confirmed"
              + " booking: load command %s, server %s",
          confirmed,
          bookings,
          seconds,
          confirmedPerSecond,
          bookingsPerSecond,
          p50Millis,
          p95Millis,
          p99Millis,
          conflictsRetried,
          cpu(jvmCpuMillisPerConfirmed),
          cpu(serverCpuMillisPerConfirmed));
    }

    static String cpu(double millis) {
      return millis < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", millis);
    }
  }

  /**
   * One run of the paced phase: the day's bookings as booking requests at a fixed rate, each seated
   * inline ({@link PacedRequests}).
   *
   * @param rate requests per second offered
   * @param seconds from the first arrival until the last result
   * @param bookings requests sent
   * @param confirmed requests whose booking was confirmed
   * @param confirmedPerSecond confirmed bookings per second of the run
   * @param p50Millis median time per request, from when it was due until its result
   * @param p95Millis its 95th percentile
   * @param p99Millis its 99th percentile
   * @param maxMillis the longest
   * @param lateP95Millis p95 of the wait from when a request was due until a thread took it up
   * @param seated requests seated (confirmed now or before)
   * @param coversSeated their guests
   * @param jvmCpuMillisPerConfirmed CPU time of the load command's JVM per confirmed booking, or -1
   * @param serverCpuMillisPerConfirmed CPU time of the server per confirmed booking, or -1
   */
  record PacedRun(
      int rate,
      double seconds,
      int bookings,
      int confirmed,
      double confirmedPerSecond,
      double p50Millis,
      double p95Millis,
      double p99Millis,
      double maxMillis,
      double lateP95Millis,
      int seated,
      int coversSeated,
      double jvmCpuMillisPerConfirmed,
      double serverCpuMillisPerConfirmed) {

    static PacedRun of(int rate, PacedRequests.Outcome outcome, CpuMeter cpu) {
      long jvm = cpu.jvmNanosSinceStart();
      long server = cpu.serverNanosSinceStart();
      int confirmed = outcome.confirmed();
      double seconds = outcome.wallNanos() / 1e9;
      int seated = 0;
      int covers = 0;
      for (AutoAssignResult r : outcome.results()) {
        if (r.seated()) {
          seated++;
          covers += r.partySize();
        }
      }
      return new PacedRun(
          rate,
          seconds,
          outcome.results().size(),
          confirmed,
          seconds == 0 ? 0 : confirmed / seconds,
          percentile(outcome.latencyNanos(), 50),
          percentile(outcome.latencyNanos(), 95),
          percentile(outcome.latencyNanos(), 99),
          percentile(outcome.latencyNanos(), 100),
          percentile(outcome.lateNanos(), 95),
          seated,
          covers,
          Run.perConfirmed(jvm, confirmed),
          Run.perConfirmed(server, confirmed));
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%d requests at %d/s: %d confirmed in %.2f s (%.1f confirmed/s), per request from when"
              + " it was due: p50 %.1f / p95 %.1f / p99 %.1f / max %.1f ms (p95 wait for a thread"
              + " %.1f ms); seated %d, %d covers; CPU per confirmed booking: load command %s,"
              + " server %s",
          bookings,
          rate,
          confirmed,
          seconds,
          confirmedPerSecond,
          p50Millis,
          p95Millis,
          p99Millis,
          maxMillis,
          lateP95Millis,
          seated,
          coversSeated,
          Run.cpu(jvmCpuMillisPerConfirmed),
          Run.cpu(serverCpuMillisPerConfirmed));
    }
  }

  /**
   * Medians over the last half of the paced runs (four or more): the figures once the JIT has
   * compiled the inline path.
   *
   * @param firstRun the first paced run counted (1-based)
   * @param lastRun the last one
   * @param p50Millis median of the runs' p50 per request
   * @param p95Millis median of their p95
   * @param p99Millis median of their p99
   * @param jvmCpuMillisPerConfirmed median JVM CPU per confirmed booking, or -1 when unknown
   * @param serverCpuMillisPerConfirmed median server CPU per confirmed booking, or -1 when unknown
   */
  record PacedHalf(
      int firstRun,
      int lastRun,
      double p50Millis,
      double p95Millis,
      double p99Millis,
      double jvmCpuMillisPerConfirmed,
      double serverCpuMillisPerConfirmed) {

    /**
     * The medians over the last half of the paced runs, or null for fewer than four.
     *
     * @param runs every paced run, in order
     * @return the medians, or null
     */
    static @Nullable PacedHalf of(List<PacedRun> runs) {
      List<PacedRun> half = lastHalf(runs);
      if (half == null) {
        return null;
      }
      return new PacedHalf(
          runs.size() - half.size() + 1,
          runs.size(),
          median(half, PacedRun::p50Millis),
          median(half, PacedRun::p95Millis),
          median(half, PacedRun::p99Millis),
          knownMedian(half, PacedRun::jvmCpuMillisPerConfirmed),
          knownMedian(half, PacedRun::serverCpuMillisPerConfirmed));
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "paced, last half (runs %d-%d, medians): per request p50 %.1f / p95 %.1f / p99 %.1f ms;"
              + " CPU per confirmed booking: load command %s, server %s",
          firstRun,
          lastRun,
          p50Millis,
          p95Millis,
          p99Millis,
          Run.cpu(jvmCpuMillisPerConfirmed),
          Run.cpu(serverCpuMillisPerConfirmed));
    }
  }

  /**
   * What the plain-SQL checks and the rule checker found after the reported run.
   *
   * @param expectedAssigned bookings the run reports seated
   * @param assignedInDatabase bookings with assignment rows in the occupancy table
   * @param overlaps pairs of live occupancy rows of different owners on one table that overlap
   * @param liveHolds hold rows not yet expired
   * @param liveHoldRows occupancy rows of kind HOLD not yet expired
   * @param brokenRules violations the rule checker finds in the assignments read back
   */
  record Check(
      int expectedAssigned,
      int assignedInDatabase,
      long overlaps,
      long liveHolds,
      long liveHoldRows,
      int brokenRules) {
    boolean passed() {
      return overlaps == 0
          && liveHolds == 0
          && liveHoldRows == 0
          && brokenRules == 0
          && assignedInDatabase == expectedAssigned;
    }
  }

  /**
   * One statement by {@code pg_stat_statements}.
   *
   * @param calls calls
   * @param totalMillis execution time over all calls
   * @param meanMillis execution time per call
   * @param rows rows returned or changed
   * @param topLevel whether the client sent it (false: run inside a function)
   * @param query the normalised text, whitespace collapsed
   */
  record StatementTime(
      long calls,
      double totalMillis,
      double meanMillis,
      long rows,
      boolean topLevel,
      String query) {}

  /**
   * Time spent in one store method during the reported run, over all workers.
   *
   * @param method the {@link CapacityStore} method
   * @param calls calls
   * @param totalMillis time in it
   * @param meanMillis per call
   */
  record StoreCall(String method, long calls, double totalMillis, double meanMillis) {}

  /**
   * Which targets of issue 5 were met, judged on the medians of the last half of the runs when
   * there are four or more, else on the last run.
   *
   * @param basis which figures were judged: {@code "medians of runs 41-80"} or {@code "the last
   *     run"}
   * @param bookingsPerSecond at least 1,000 confirmed bookings per second
   * @param p95 p95 per attempted booking at most 10 ms
   * @param pgbenchRatio at least 30 % of pgbench's TPS (null without pgbench)
   * @param noOverlaps no overlapping occupancy afterwards
   */
  record Targets(
      String basis,
      boolean bookingsPerSecond,
      boolean p95,
      @Nullable Boolean pgbenchRatio,
      boolean noOverlaps) {}

  /**
   * How many bookings a run had in progress on average: the sum of their times divided by the run's
   * wall time (a time average, exact). With every worker always holding a booking (a closed loop)
   * {@code all} is close to the workers, and a confirmed booking's mean time is {@code confirmed}
   * divided by the confirmed rate (Little's law), whatever the code does inside it.
   *
   * @param workers the run's workers (its concurrency: at most its pending bookings)
   * @param all attempted bookings in progress on average (seated or refused)
   * @param confirmed of them, bookings the run confirmed
   * @param confirmedMeanMillis the mean time of a confirmed booking, milliseconds, or 0 without one
   */
  record InProgress(int workers, double all, double confirmed, double confirmedMeanMillis) {

    /**
     * The averages of one run.
     *
     * @param workers the run's workers
     * @param attempted every attempted booking's time, nanoseconds
     * @param confirmedTimes every confirmed booking's time, nanoseconds
     * @param wallNanos the run's wall time; 0 gives zeros
     * @return the averages
     */
    static InProgress of(int workers, long[] attempted, long[] confirmedTimes, long wallNanos) {
      long sumAll = Arrays.stream(attempted).sum();
      long sumConfirmed = Arrays.stream(confirmedTimes).sum();
      return new InProgress(
          workers,
          wallNanos <= 0 ? 0 : (double) sumAll / wallNanos,
          wallNanos <= 0 ? 0 : (double) sumConfirmed / wallNanos,
          meanMillis(confirmedTimes, 0, confirmedTimes.length));
    }
  }

  /**
   * Medians over the last half of the runs of one invocation ({@code --repeat} 4 or more): the
   * figures of a JVM whose JIT has settled, less noisy than the last run alone.
   *
   * @param firstRun the first run counted (1-based)
   * @param lastRun the last run counted
   * @param confirmedPerSecond median confirmed bookings per second
   * @param slowest the lowest of them
   * @param fastest the highest of them
   * @param p95Millis median p95 per attempted booking
   * @param jvmCpuMillisPerConfirmed median JVM CPU per confirmed booking, or -1 when unknown
   * @param serverCpuMillisPerConfirmed median server CPU per confirmed booking, or -1 when unknown
   * @param meanByPosition the median of each part of {@link Run#meanByPosition}
   * @param firstPart how many bookings make its first part ({@link Run#firstPart})
   * @param inProgress the median of each figure of {@link Run#inProgress} (the workers of its first
   *     run)
   */
  record LastHalf(
      int firstRun,
      int lastRun,
      double confirmedPerSecond,
      double slowest,
      double fastest,
      double p95Millis,
      double jvmCpuMillisPerConfirmed,
      double serverCpuMillisPerConfirmed,
      List<Double> meanByPosition,
      int firstPart,
      InProgress inProgress) {

    /** Copies the list. */
    LastHalf {
      meanByPosition = List.copyOf(meanByPosition);
    }

    /**
     * The medians over the last half of the runs, or null for fewer than four runs.
     *
     * @param runs every run, in order
     * @return the medians, or null
     */
    static @Nullable LastHalf of(List<Run> runs) {
      List<Run> half = lastHalf(runs);
      if (half == null) {
        return null;
      }
      double[] rate = half.stream().mapToDouble(Run::confirmedPerSecond).toArray();
      return new LastHalf(
          runs.size() - half.size() + 1,
          runs.size(),
          median(rate),
          Arrays.stream(rate).min().orElse(0),
          Arrays.stream(rate).max().orElse(0),
          median(half, Run::p95Millis),
          knownMedian(half, Run::jvmCpuMillisPerConfirmed),
          knownMedian(half, Run::serverCpuMillisPerConfirmed),
          medianByPosition(half),
          half.get(0).firstPart(),
          new InProgress(
              half.get(0).inProgress().workers(),
              median(half, r -> r.inProgress().all()),
              median(half, r -> r.inProgress().confirmed()),
              median(half, r -> r.inProgress().confirmedMeanMillis())));
    }

    /** The median of each part, over the runs whose parts are the same (all of a scenario's). */
    private static List<Double> medianByPosition(List<Run> half) {
      int parts = half.get(0).meanByPosition().size();
      List<Double> medians = new ArrayList<>(parts);
      for (int p = 0; p < parts; p++) {
        int part = p;
        medians.add(
            median(
                half.stream()
                    .filter(r -> r.meanByPosition().size() == parts)
                    .mapToDouble(r -> r.meanByPosition().get(part))
                    .toArray()));
      }
      return medians;
    }

    /**
     * Where in a run the time goes, by position in the priority order.
     *
     * @return one line
     */
    String positionsLine() {
      if (meanByPosition.isEmpty()) {
        return String.format(
            Locale.ROOT,
            "by position in the priority order (runs %d-%d): no booking was attempted",
            firstRun,
            lastRun);
      }
      StringBuilder rest = new StringBuilder();
      for (int i = 1; i < meanByPosition.size(); i++) {
        rest.append(i > 1 ? " / " : "")
            .append(String.format(Locale.ROOT, "%.1f", meanByPosition.get(i)));
      }
      return String.format(
          Locale.ROOT,
          "by position in the priority order (medians of runs %d-%d): the first %d bookings %.1f ms"
              + " on average; the rest, in four parts, %s ms",
          firstRun,
          lastRun,
          firstPart,
          meanByPosition.get(0),
          rest);
    }

    /**
     * How many bookings were in progress, against the workers: where a closed loop's time per
     * booking comes from.
     *
     * @return one line
     */
    String inProgressLine() {
      return String.format(
          Locale.ROOT,
          "in progress (the bookings' time over the run's, medians of runs %d-%d): %.1f bookings on"
              + " average with %d workers, %.1f of them bookings the run confirmed, each %.1f ms on"
              + " average: about %.1f over %.1f confirmed/s (Little's law)",
          firstRun,
          lastRun,
          inProgress.all(),
          inProgress.workers(),
          inProgress.confirmed(),
          inProgress.confirmedMeanMillis(),
          inProgress.confirmed(),
          confirmedPerSecond);
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "last half (runs %d-%d, medians): %.1f confirmed/s (%.1f-%.1f), p95 %.1f ms; CPU per"
              + " confirmed booking: load command %s, server %s",
          firstRun,
          lastRun,
          confirmedPerSecond,
          slowest,
          fastest,
          p95Millis,
          Run.cpu(jvmCpuMillisPerConfirmed),
          Run.cpu(serverCpuMillisPerConfirmed));
    }
  }

  /**
   * The rounds after which pgbench runs when it runs between the load's runs: the judged half
   * (rounds {@code repeat / 2 + 1} to {@code repeat}) cut into {@code runs} consecutive blocks of
   * near-equal size (fewer when the half has fewer rounds), pgbench running after the last round of
   * each. Empty for fewer than four rounds, where nothing is judged as a half and pgbench runs
   * after the runs.
   *
   * @param repeat the rounds
   * @param runs pgbench's runs wanted
   * @return the rounds, ascending
   */
  static int[] pgbenchAfter(int repeat, int runs) {
    int first = beforeHalf(repeat);
    if (first < 0 || runs < 1) {
      return new int[0];
    }
    int judged = repeat - first;
    int blocks = Math.min(runs, judged);
    int[] after = new int[blocks];
    for (int b = 0; b < blocks; b++) {
      after[b] = first + (int) Math.ceil((b + 1) * (double) judged / blocks);
    }
    return after;
  }

  /**
   * A block of the judged runs and the pgbench run right after it.
   *
   * @param firstRun the block's first run (from 1)
   * @param lastRun its last run
   * @param confirmedPerSecond the median of its runs' confirmed bookings per second
   * @param tps the transactions per second of the pgbench run after it
   * @param ratio {@code confirmedPerSecond / tps} (0 when pgbench did nothing)
   */
  record PgbenchBlock(
      int firstRun, int lastRun, double confirmedPerSecond, double tps, double ratio) {

    /**
     * Pairs each block of runs with its pgbench run.
     *
     * @param runs every run, in order (run {@code i} at index {@code i - 1})
     * @param after the rounds after which pgbench ran ({@link #pgbenchAfter}), ascending
     * @param tps pgbench's runs in order, one per entry of {@code after}
     * @return the blocks, in order
     * @throws IllegalArgumentException if the counts do not match
     */
    static List<PgbenchBlock> of(List<Run> runs, int[] after, List<Double> tps) {
      int before = beforeHalf(runs.size());
      if (before < 0
          || after.length != tps.size()
          || after.length == 0
          || after[0] <= before
          || after[after.length - 1] > runs.size()) {
        throw new IllegalArgumentException(
            after.length
                + " blocks ending at "
                + Arrays.toString(after)
                + ", "
                + tps.size()
                + " pgbench runs, "
                + runs.size()
                + " runs");
      }
      List<PgbenchBlock> out = new ArrayList<>(after.length);
      int from = before + 1;
      for (int b = 0; b < after.length; b++) {
        double rate = median(runs.subList(from - 1, after[b]), Run::confirmedPerSecond);
        double t = tps.get(b);
        out.add(new PgbenchBlock(from, after[b], rate, t, t == 0 ? 0 : rate / t));
        from = after[b] + 1;
      }
      return List.copyOf(out);
    }

    String line() {
      return String.format(
          Locale.ROOT,
          " runs %d-%d %.1f confirmed/s against %.1f tps (%.1f %%)",
          firstRun,
          lastRun,
          confirmedPerSecond,
          tps,
          100 * ratio);
    }
  }

  /**
   * The later half of a series of runs ({@code runs.size() / 2} dropped from the front), or null
   * for fewer than four runs: the runs of a JVM whose JIT has settled.
   */
  static <T> @Nullable List<T> lastHalf(List<T> runs) {
    int before = beforeHalf(runs.size());
    return before < 0 ? null : runs.subList(before, runs.size());
  }

  /**
   * How many of a series of runs come before its judged half ({@code n / 2}), or -1 for fewer than
   * four runs, where nothing is judged as a half: the one rule {@link #lastHalf} and the pgbench
   * blocks ({@link #pgbenchAfter}, {@link PgbenchBlock#of}) share.
   */
  static int beforeHalf(int n) {
    return n < 4 ? -1 : n / 2;
  }

  /** The median of a figure over runs. */
  static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
    return median(runs.stream().mapToDouble(figure).toArray());
  }

  /** The median of a figure over runs, or -1 when a run does not know it (a negative value). */
  static <T> double knownMedian(List<T> runs, ToDoubleFunction<T> figure) {
    double[] values = runs.stream().mapToDouble(figure).toArray();
    return Arrays.stream(values).anyMatch(v -> v < 0) ? -1 : median(values);
  }

  /** The median of values (the mean of the middle two for an even count). */
  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  /**
   * Everything one invocation measured, as written by {@code --json}.
   *
   * @param scenario the scenario's name
   * @param tables its tables
   * @param bookings its bookings
   * @param server the server and where it runs
   * @param serverVersion its version
   * @param schema the schema loaded into
   * @param workers the workers
   * @param strictPriority whether competing bookings were decided in priority order
   * @param oneStep whether each plan was held and confirmed in one store command
   * @param connections the most connections the run's pool opened
   * @param repeat runs made; the last is {@code run}
   * @param statistics when ANALYZE ran: {@code LOAD}, {@code DAY} or {@code NONE}
   * @param loadSeconds how long loading the scenario took (last run)
   * @param analyzeSeconds how long ANALYZE took (last run)
   * @param run the reported run
   * @param warmUps the runs before it
   * @param lastHalf medians over the last half of the runs ({@code --repeat} 4 or more), or null
   * @param check the checks after it
   * @param paced the runs of the paced phase ({@code --rate}), else empty
   * @param pacedCheck the checks after the last paced run, or null without a paced phase
   * @param pacedLastHalf medians over the last half of the paced runs (four or more), or null
   * @param pgbench pgbench's figures, or null
   * @param pgbenchBlocks when pgbench ran between the judged runs, each block of runs with the
   *     pgbench run after it; else empty
   * @param pgbenchSkipped why pgbench did not run, or null
   * @param ratio confirmed bookings per second divided by pgbench's TPS, or null: the median of the
   *     blocks' ratios when pgbench ran between the runs, else the judged figure (the median of the
   *     last half, or the last run) divided by pgbench's median
   * @param targets the verdicts on issue 5's targets
   * @param storeCalls time per store method ({@code --store-timings}), else empty
   * @param phases the judged runs' bookings split at the end of their quotes ({@code --phases}),
   *     else null
   * @param statements top statements ({@code --statements}), else empty
   * @param loadAverageBefore the machine's one-minute load average before the reported run (other
   *     processes compete for the cores; negative where unknown)
   * @param loadAverageAfter the same after it
   * @param passed whether every check passed (exit code 0)
   */
  record Figures(
      String scenario,
      int tables,
      int bookings,
      String server,
      String serverVersion,
      String schema,
      int workers,
      boolean strictPriority,
      boolean oneStep,
      int connections,
      int repeat,
      LoadOptions.Statistics statistics,
      double loadSeconds,
      double analyzeSeconds,
      Run run,
      List<Run> warmUps,
      @Nullable LastHalf lastHalf,
      Check check,
      List<PacedRun> paced,
      @Nullable Check pacedCheck,
      @Nullable PacedHalf pacedLastHalf,
      Pgbench.@Nullable Result pgbench,
      List<PgbenchBlock> pgbenchBlocks,
      @Nullable String pgbenchSkipped,
      @Nullable Double ratio,
      Targets targets,
      List<StoreCall> storeCalls,
      Phases.@Nullable Summary phases,
      List<StatementTime> statements,
      double loadAverageBefore,
      double loadAverageAfter,
      boolean passed) {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the options ({@code --help} lists them)
   */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command.
   *
   * @param out where the summary goes
   * @param err where errors go
   * @param args the options
   * @return the exit code: 0 checks passed, 1 a check failed, 2 bad options or a resource that
   *     cannot be used
   */
  static int run(PrintStream out, PrintStream err, String... args) {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (LoadException e) {
      err.println("PostgresLoad: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.println(LoadOptions.USAGE);
      return 0;
    }
    try {
      Figures f = measure(options, out);
      Path json = options.json();
      if (json != null) {
        write(json, f);
        out.println("figures written to " + json);
      }
      return f.passed() ? 0 : 1;
    } catch (LoadException e) {
      err.println("PostgresLoad: " + e.getMessage());
      return 2;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Does the work: server, schema, load, runs, checks, pgbench; prints the summary as it goes.
   *
   * @param o the options
   * @param out where the summary goes
   * @return the figures
   * @throws LoadException if the server, the scenario, pgbench or the JSON file cannot be used
   */
  static Figures measure(LoadOptions o, PrintStream out) throws LoadException {
    String url = o.url();
    try (LoadServer server =
        url == null
            ? LoadServer.embedded(maxConnections(o.workers()), o.statements() > 0)
            : LoadServer.of(url)) {
      return measure(o, out, server);
    }
  }

  /**
   * The pool's size unless {@code --pool} says: the usual sizing of a PostgreSQL pool, twice the
   * server's cores (taken as this machine's: the embedded server runs here), and no more than the
   * workers can use. Workers beyond it wait for a connection in the JVM instead of queueing on a
   * restaurant's row locks inside the server.
   *
   * @param workers the run's workers
   * @return the pool's size
   */
  static int defaultPool(int workers) {
    return Math.max(1, Math.min(workers, 2 * Runtime.getRuntime().availableProcessors()));
  }

  /** The embedded server's {@code max_connections}: the pool, pgbench's clients and spare. */
  static int maxConnections(int workers) {
    return Math.max(100, 2 * workers + 22);
  }

  /**
   * Does the work on a server the caller opened (and closes): schema, load, runs, checks, pgbench.
   * {@code o.url()} is not used.
   *
   * @param o the options
   * @param out where the summary goes
   * @param server the server
   * @return the figures
   * @throws LoadException if the server, the scenario or pgbench cannot be used
   */
  static Figures measure(LoadOptions o, PrintStream out, LoadServer server) throws LoadException {
    Scenario scenario = Day.scenario(o.scenario());
    int poolSize = o.pool() > 0 ? o.pool() : defaultPool(o.workers());
    try (HikariDataSource pool = server.pool(poolSize)) {
      if (o.pgbench() && o.pgbenchDatabase().equals(server.database())) {
        throw new LoadException(
            "--pgbench-database must not be the load database '" + server.database() + "'", null);
      }
      String schema = o.schema();
      String restaurant = scenario.restaurant().id();
      out.printf(
          Locale.ROOT,
          "PostgresLoad: %s (%d tables, %d bookings) on %s, schema %s, %d workers, %d connections"
              + " (%s), %s, %s%n",
          scenario.name(),
          scenario.floor().tables().size(),
          scenario.bookings().size(),
          server.description(),
          schema,
          o.workers(),
          poolSize,
          o.fairCalls() ? "calls queued in arrival order" : "calls not queued",
          o.strictPriority() ? "strict priority" : "no strict priority (workers race)",
          o.oneStep() ? "one step (hold and confirm at once)" : "hold, then confirm");
      recreateSchema(server, pool, schema);
      boolean statements = o.statements() > 0 && enableStatements(pool, out);
      String skipped = null;
      Path exe = null;
      if (!o.pgbench()) {
        skipped = "--no-pgbench";
      } else {
        exe = Pgbench.find(o.pgbenchPath());
        if (exe == null) {
          skipped = "no pgbench on the PATH nor under /usr/lib/postgresql/*/bin";
        }
      }
      // with a judged half, pgbench runs between its runs, each after a block of them, so that
      // each figure is compared with the load's figures of the same minutes
      int[] pgbenchAfter = exe == null ? new int[0] : pgbenchAfter(o.repeat(), o.pgbenchRuns());
      Pgbench.Session opened = null;
      if (exe != null && pgbenchAfter.length > 0) {
        opened =
            Pgbench.Session.open(
                exe,
                server,
                o.pgbenchDatabase(),
                o.pgbenchScale(),
                o.workers(),
                o.pgbenchSeconds(),
                out);
      }
      try (Pgbench.Session session = opened) {

        Planner planner = Planner.create();
        List<String> ids = scenario.bookings().stream().map(Booking::id).toList();
        Instant start = ScenarioLoader.clockStart(scenario);
        List<Run> warmUps = new ArrayList<>();
        Run run = null;
        AutoAssignReport report = null;
        CapacityStore store = null;
        TimeSource clock = null;
        StoreTimes times = null;
        Phases phases = o.phases() ? new Phases() : null;
        int judgedFrom = beforeHalf(o.repeat()) < 0 ? o.repeat() : beforeHalf(o.repeat()) + 1;
        double loadSeconds = 0;
        double analyzeSeconds = 0;
        double loadBefore = -1;
        double loadAfter = -1;
        for (int round = 1; round <= o.repeat(); round++) {
          boolean last = round == o.repeat();
          if (round > 1) {
            truncate(pool, schema);
          }
          clock = TimeSource.runningFrom(start);
          store = store(pool, schema, clock, o);
          long t0 = System.nanoTime();
          try {
            ScenarioLoader.load(store, scenario);
          } catch (IllegalStateException | CapacityStorageException e) {
            throw new LoadException("cannot load " + scenario.name() + ": " + e.getMessage(), e);
          }
          loadSeconds = (System.nanoTime() - t0) / 1e9;
          LoadOptions.Statistics stats = o.statistics();
          boolean afterLoad =
              stats == LoadOptions.Statistics.LOAD
                  || (stats == LoadOptions.Statistics.DAY && round == 1);
          analyzeSeconds = afterLoad ? analyze(pool, schema) : 0;
          if (last && statements) {
            execute(pool, "SELECT pg_stat_statements_reset()");
          }
          CapacityStore used = store;
          if (last && o.storeTimings()) {
            times = new StoreTimes(store);
            used = times.proxy();
          }
          AutoAssigner.Builder builder =
              AutoAssigner.builder(used).timeSource(clock).planner(planner);
          if (phases != null) {
            phases.recording(round >= judgedFrom);
            builder.telemetry(phases);
          }
          AutoAssigner assigner = builder.build();
          loadBefore = loadAverage();
          CpuMeter cpu = CpuMeter.start(pool);
          long r0 = System.nanoTime();
          try {
            report =
                assigner.run(
                    restaurant,
                    BookingSelection.bookings(ids),
                    AutoAssignOptions.builder()
                        .workers(o.workers())
                        .strictPriority(o.strictPriority())
                        .oneStep(o.oneStep())
                        .build());
          } catch (CapacityStorageException e) {
            throw new LoadException("the auto-assign run failed: " + e.getMessage(), e);
          }
          long wall = System.nanoTime() - r0;
          loadAfter = loadAverage();
          run = Run.of(report, wall, cpu);
          if (!last) {
            warmUps.add(run);
            out.println("warm-up " + round + ": " + run.line());
            if (stats == LoadOptions.Statistics.DAY) {
              analyze(pool, schema);
            }
          }
          int block = Arrays.binarySearch(pgbenchAfter, round);
          if (session != null && block >= 0) {
            session.runOnce((block + 1) + " of " + pgbenchAfter.length + ", after run " + round);
          }
        }
        Run r = Objects.requireNonNull(run);
        AutoAssignReport rep = Objects.requireNonNull(report);
        List<StatementTime> top = statements ? topStatements(pool, o.statements()) : List.of();
        List<StoreCall> calls = times == null ? List.of() : times.calls();
        Phases.Summary split = phases == null ? null : phases.summary();

        out.printf(
            Locale.ROOT,
            "load %.2f s; %s%n",
            loadSeconds,
            switch (o.statistics()) {
              case LOAD ->
                  String.format(
                      Locale.ROOT,
                      "ANALYZE of the schema's tables after loading %.2f s (fresh tables have no"
                          + " statistics and get poor plans; a running production database has"
                          + " them; the occupancy table is empty then)",
                      analyzeSeconds);
              case DAY ->
                  "ANALYZE after the first load and after each warm-up run, not after this load:"
                      + " the reported run plans with the statistics of a seated day";
              case NONE ->
                  "no ANALYZE (--statistics none): the fresh tables have no statistics, unlike a"
                      + " production database's";
            });
        out.println(
            (o.repeat() > 1 ? "run " + o.repeat() + " of " + o.repeat() + ": " : "run: ")
                + r.line()
                + String.format(
                    Locale.ROOT, " (load average %.1f, then %.1f)", loadBefore, loadAfter));
        out.printf(
            Locale.ROOT,
            "  per booking (quote + hold + confirm, retries included): p50 %.2f, p95 %.2f, p99 %.2f ms"
                + " over %d attempted; confirmed only: p50 %.2f, p95 %.2f, p99 %.2f ms%n",
            r.p50Millis(),
            r.p95Millis(),
            r.p99Millis(),
            rep.results().stream().filter(x -> x.attempts() > 0).count(),
            r.confirmedP50Millis(),
            r.confirmedP95Millis(),
            r.confirmedP99Millis());
        List<Run> all = new ArrayList<>(warmUps);
        all.add(r);
        LastHalf lastHalf = LastHalf.of(all);
        if (lastHalf != null) {
          out.println("  " + lastHalf.line());
          out.println("  " + lastHalf.positionsLine());
          out.println("  " + lastHalf.inProgressLine());
        }
        if (split != null) {
          out.println(
              "  "
                  + split.line(
                      lastHalf == null
                          ? null
                          : "runs " + lastHalf.firstRun() + "-" + lastHalf.lastRun()));
        }
        out.printf(
            Locale.ROOT,
            "  seated %d of %d bookings, %d of %d covers (%.1f %%); %d attempts; not seated: %s%n",
            r.seated(),
            r.bookings(),
            r.coversSeated(),
            r.covers(),
            r.covers() == 0 ? 0.0 : 100.0 * r.coversSeated() / r.covers(),
            r.attempts(),
            r.notSeated().isEmpty() ? "none" : r.notSeated());

        Check check =
            check(
                pool,
                schema,
                scenario,
                Objects.requireNonNull(store),
                Objects.requireNonNull(clock),
                rep);
        out.printf(
            Locale.ROOT,
            "check (plain SQL): %d bookings with assignment rows (run seated %d), %d overlapping"
                + " occupancy pairs, %d live holds (%d rows); rule checker: %d broken rules -> %s%n",
            check.assignedInDatabase(),
            check.expectedAssigned(),
            check.overlaps(),
            check.liveHolds(),
            check.liveHoldRows(),
            check.brokenRules(),
            check.passed() ? "passed" : "FAILED");
        if (!calls.isEmpty()) {
          long bookingNanos = rep.results().stream().mapToLong(AutoAssignResult::nanos).sum();
          double storeMillis = calls.stream().mapToDouble(StoreCall::totalMillis).sum();
          out.printf(
              Locale.ROOT,
              "store calls (all workers): %.0f ms of %.0f ms spent on bookings (%.0f %%)%n",
              storeMillis,
              bookingNanos / 1e6,
              bookingNanos == 0 ? 0.0 : 100 * storeMillis / (bookingNanos / 1e6));
          for (StoreCall c : calls) {
            out.printf(
                Locale.ROOT,
                "  %-18s %7d calls %10.1f ms %8.3f ms/call%n",
                c.method(),
                c.calls(),
                c.totalMillis(),
                c.meanMillis());
          }
        }
        if (!top.isEmpty()) {
          out.println("statements by execution time (pg_stat_statements, nested included):");
          printStatements(out, top);
        }

        List<PacedRun> paced = new ArrayList<>();
        Check pacedCheck =
            o.rate() > 0
                ? paced(o, out, pool, schema, scenario, planner, start, statements, paced)
                : null;

        Pgbench.Result bench = null;
        if (session != null) {
          bench = session.result();
        } else if (exe != null) {
          bench =
              Pgbench.run(
                  exe,
                  server,
                  o.pgbenchDatabase(),
                  o.pgbenchScale(),
                  o.workers(),
                  o.pgbenchSeconds(),
                  o.pgbenchRuns(),
                  out);
        }
        List<PgbenchBlock> blocks =
            bench == null || session == null
                ? List.of()
                : PgbenchBlock.of(all, pgbenchAfter, bench.runTps());
        // judged on the medians of the last half when there are four runs or more (a settled JIT),
        // else on the last run
        double judgedRate =
            lastHalf != null ? lastHalf.confirmedPerSecond() : r.confirmedPerSecond();
        double judgedP95 = lastHalf != null ? lastHalf.p95Millis() : r.p95Millis();
        String basis =
            lastHalf != null
                ? String.format(
                    Locale.ROOT, "medians of runs %d-%d", lastHalf.firstRun(), lastHalf.lastRun())
                : "the last run";
        Double ratio = null;
        if (bench != null) {
          double ofMedians = bench.tps() == 0 ? 0.0 : judgedRate / bench.tps();
          ratio = blocks.isEmpty() ? ofMedians : median(blocks, PgbenchBlock::ratio);
          out.printf(
              Locale.ROOT,
              "pgbench simple-update (scale %d, %d clients, %d threads, %d x %d s; %s): %.1f tps"
                  + " (median), %.3f ms mean latency; ratio confirmed bookings/s (%s) / tps = %.3f"
                  + " (%.1f %%)%n",
              bench.scale(),
              bench.clients(),
              bench.threads(),
              bench.runTps().size(),
              bench.seconds(),
              bench.version(),
              bench.tps(),
              bench.latencyMillis(),
              basis,
              ofMedians,
              100 * ofMedians);
          if (!blocks.isEmpty()) {
            out.println(
                "pgbench between the judged runs, each after its block:"
                    + blocks.stream().map(PgbenchBlock::line).collect(Collectors.joining(";"))
                    + String.format(
                        Locale.ROOT,
                        "; ratio, the median of the blocks' = %.3f (%.1f %%): the figure judged",
                        ratio,
                        100 * ratio));
          }
        } else {
          out.println("pgbench: skipped (" + skipped + ")");
        }
        Targets targets =
            new Targets(
                basis,
                judgedRate >= TARGET_BOOKINGS_PER_SECOND,
                judgedP95 <= TARGET_P95_MILLIS,
                ratio == null ? null : ratio >= TARGET_PGBENCH_RATIO,
                check.overlaps() == 0);
        out.printf(
            Locale.ROOT,
            "targets (issue 5, %s): >= 1,000 confirmed/s: %.1f %s; p95 <= 10 ms: %.2f %s;"
                + " >= 30 %% of pgbench: %s; 0 overlaps: %d %s%n",
            basis,
            judgedRate,
            verdict(targets.bookingsPerSecond()),
            judgedP95,
            verdict(targets.p95()),
            ratio == null
                ? "n/a"
                : String.format(
                    Locale.ROOT, "%.1f %% %s", 100 * ratio, verdict(ratio >= TARGET_PGBENCH_RATIO)),
            check.overlaps(),
            verdict(targets.noOverlaps()));
        return new Figures(
            scenario.name(),
            scenario.floor().tables().size(),
            scenario.bookings().size(),
            server.description(),
            server.version(),
            schema,
            o.workers(),
            o.strictPriority(),
            o.oneStep(),
            poolSize,
            o.repeat(),
            o.statistics(),
            loadSeconds,
            analyzeSeconds,
            r,
            warmUps,
            lastHalf,
            check,
            paced,
            pacedCheck,
            PacedHalf.of(paced),
            bench,
            blocks,
            skipped,
            ratio,
            targets,
            calls,
            split,
            top,
            loadBefore,
            loadAfter,
            check.passed() && (pacedCheck == null || pacedCheck.passed()));
      }
    }
  }

  /**
   * The paced phase: {@code o.pacedRuns()} runs of the day's bookings as booking requests at {@code
   * o.rate()} per second on {@code o.workers()} request threads, each on the emptied and re-loaded
   * schema; prints each run and checks the last with plain SQL.
   *
   * @return the check of the last run
   */
  private static Check paced(
      LoadOptions o,
      PrintStream out,
      HikariDataSource pool,
      String schema,
      Scenario scenario,
      Planner planner,
      Instant start,
      boolean statements,
      List<PacedRun> runs)
      throws LoadException {
    String restaurant = scenario.restaurant().id();
    // the bookings that existing assignments hold are loaded with the restaurant; every other one
    // arrives as a request: saved, then seated inline, as a booking backend does
    Set<String> existing = new HashSet<>();
    scenario.existingAssignments().forEach(a -> existing.add(a.booking()));
    List<Booking> arrivals =
        PacedRequests.arrivalOrder(
            scenario.bookings().stream().filter(b -> !existing.contains(b.id())).toList());
    Scenario before =
        new Scenario(
            scenario.name(),
            scenario.restaurant(),
            scenario.policy(),
            scenario.floor(),
            scenario.bookings().stream().filter(b -> existing.contains(b.id())).toList(),
            scenario.existingAssignments(),
            scenario.blocks());
    out.printf(
        Locale.ROOT,
        "paced: %d runs of the day's %d bookings as booking requests in the order they were"
            + " made, %d per second on %d request threads; each request saves its booking and"
            + " seats it inline (AutoAssigner.assignNow)%n",
        o.pacedRuns(),
        arrivals.size(),
        o.rate(),
        o.workers());
    CapacityStore store = null;
    TimeSource clock = null;
    PacedRequests.Outcome outcome = null;
    for (int round = 1; round <= o.pacedRuns(); round++) {
      truncate(pool, schema);
      TimeSource runClock = TimeSource.runningFrom(start);
      CapacityStore runStore = store(pool, schema, runClock, o);
      try {
        ScenarioLoader.load(runStore, before);
      } catch (IllegalStateException | CapacityStorageException e) {
        throw new LoadException("cannot load " + scenario.name() + ": " + e.getMessage(), e);
      }
      // statistics of the restaurant without its bookings, as the requests find it
      if (o.statistics() != LoadOptions.Statistics.NONE) {
        analyze(pool, schema);
      }
      if (statements && round == o.pacedRuns()) {
        execute(pool, "SELECT pg_stat_statements_reset()");
      }
      AutoAssigner assigner =
          AutoAssigner.builder(runStore).timeSource(runClock).planner(planner).build();
      CpuMeter cpu = CpuMeter.start(pool);
      try {
        outcome =
            PacedRequests.run(
                b -> {
                  Outcome<BookingState> saved = runStore.saveBooking(restaurant, b);
                  if (!saved.isSuccess()) {
                    throw new IllegalStateException("cannot save booking " + b.id() + ": " + saved);
                  }
                  return assigner.assignNow(restaurant, b.id(), PACED_BUDGET);
                },
                arrivals,
                o.rate(),
                o.workers());
      } catch (IllegalStateException | CapacityStorageException e) {
        throw new LoadException("a paced request failed: " + e.getMessage(), e);
      }
      PacedRun run = PacedRun.of(o.rate(), outcome, cpu);
      runs.add(run);
      out.println("  paced " + round + ": " + run.line());
      store = runStore;
      clock = runClock;
    }
    PacedHalf half = PacedHalf.of(runs);
    if (half != null) {
      out.println("  " + half.line());
    }
    PacedRequests.Outcome last = Objects.requireNonNull(outcome);
    // the bookings loaded with their tables count as seated, as in the runs' reports
    List<AutoAssignResult> all = new ArrayList<>(last.results());
    Map<String, Integer> parties = new HashMap<>();
    scenario.bookings().forEach(b -> parties.put(b.id(), b.partySize()));
    for (Assignment a : scenario.existingAssignments()) {
      all.add(
          new AutoAssignResult(
              a.booking(),
              parties.getOrDefault(a.booking(), 0),
              AutoAssignResult.Status.ALREADY_ASSIGNED,
              null,
              0,
              0,
              0,
              a));
    }
    AutoAssignReport report =
        new AutoAssignReport(restaurant, all, start, last.wallNanos(), o.workers(), null);
    Check check =
        check(
            pool,
            schema,
            scenario,
            Objects.requireNonNull(store),
            Objects.requireNonNull(clock),
            report);
    out.printf(
        Locale.ROOT,
        "  check of the last paced run (plain SQL): %d bookings with assignment rows (seated %d),"
            + " %d overlapping occupancy pairs, %d live holds (%d rows); rule checker: %d broken"
            + " rules -> %s%n",
        check.assignedInDatabase(),
        check.expectedAssigned(),
        check.overlaps(),
        check.liveHolds(),
        check.liveHoldRows(),
        check.brokenRules(),
        check.passed() ? "passed" : "FAILED");
    if (statements) {
      out.println("  statements of the last paced run by execution time:");
      printStatements(out, topStatements(pool, o.statements()));
    }
    return check;
  }

  private static void printStatements(PrintStream out, List<StatementTime> top) {
    for (StatementTime s : top) {
      out.printf(
          Locale.ROOT,
          "  %8d calls %10.1f ms %8.3f ms/call %s %s%n",
          s.calls(),
          s.totalMillis(),
          s.meanMillis(),
          s.topLevel() ? "top   " : "nested",
          s.query().length() > 110 ? s.query().substring(0, 110) + "..." : s.query());
    }
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  /**
   * The mean of durations {@code from} (inclusive) to {@code to} (exclusive), in milliseconds; 0
   * for none.
   */
  static double meanMillis(long[] nanos, int from, int to) {
    if (to <= from) {
      return 0;
    }
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += nanos[i];
    }
    return sum / 1e6 / (to - from);
  }

  /**
   * The nearest-rank percentile of durations, in milliseconds (as {@link
   * AutoAssignReport#millisPercentile}).
   */
  static double percentile(long[] nanos, double p) {
    if (nanos.length == 0) {
      return 0;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /** The store of one run, on the run's pool, configured by the options. */
  private static PostgresCapacityStore store(
      HikariDataSource pool, String schema, TimeSource clock, LoadOptions o) {
    PostgresCapacityStore.Builder b =
        PostgresCapacityStore.builder(pool)
            .schema(schema)
            .timeSource(clock)
            .occupancyCacheWindows(
                o.occupancyCache() ? PostgresCapacityStore.DEFAULT_CACHED_WINDOWS : 0);
    if (o.fairCalls()) {
      b.fairCalls(pool.getMaximumPoolSize(), Duration.ofMillis(pool.getConnectionTimeout()));
    }
    return b.build();
  }

  /**
   * Drops the schema if it exists and migrates it afresh. If the {@code btree_gist} extension was
   * created in that schema (the first migration of a database puts it there), it is moved to {@code
   * public} first, so that other schemas' constraints that use it survive the drop.
   */
  private static void recreateSchema(LoadServer server, HikariDataSource pool, String schema)
      throws LoadException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      try (ResultSet rows =
          st.executeQuery(
              "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                  + " WHERE e.extname = 'btree_gist'")) {
        if (rows.next() && schema.equals(rows.getString(1))) {
          st.execute("CREATE SCHEMA IF NOT EXISTS public");
          st.execute("ALTER EXTENSION btree_gist SET SCHEMA public");
        }
      }
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new LoadException("cannot drop schema " + schema + ": " + e.getMessage(), e);
    }
    // Flyway holds two connections at once (its lock and the migration): a pool of one would wait
    try (HikariDataSource migration = server.pool(2)) {
      PostgresSchema.migrate(migration, schema);
    } catch (CapacityStorageException e) {
      throw new LoadException(String.valueOf(e.getMessage()), e);
    }
  }

  /** Empties the schema's tables for another run. */
  private static void truncate(HikariDataSource pool, String schema) throws LoadException {
    execute(pool, "TRUNCATE " + schema + ".restaurant CASCADE");
  }

  /**
   * Runs ANALYZE on every table of the schema.
   *
   * @return the seconds it took
   */
  private static double analyze(HikariDataSource pool, String schema) throws LoadException {
    long t0 = System.nanoTime();
    try (Connection c = pool.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename")) {
        ps.setString(1, schema);
        try (ResultSet rows = ps.executeQuery()) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
      }
      try (Statement st = c.createStatement()) {
        for (String t : tables) {
          st.execute("ANALYZE " + schema + ".\"" + t.replace("\"", "\"\"") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new LoadException("cannot ANALYZE schema " + schema + ": " + e.getMessage(), e);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void execute(HikariDataSource pool, String sql) throws LoadException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new LoadException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Creates pg_stat_statements where it is preloaded; says so and returns false where not. */
  private static boolean enableStatements(HikariDataSource pool, PrintStream out) {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      st.execute("SELECT pg_stat_statements_reset()");
      return true;
    } catch (SQLException e) {
      out.println(
          "statements: pg_stat_statements is not available: "
              + e.getMessage()
              + "\n  Maybe: the server needs shared_preload_libraries = 'pg_stat_statements'"
              + " (the embedded server has it with --statements)");
      return false;
    }
  }

  private static List<StatementTime> topStatements(HikariDataSource pool, int n)
      throws LoadException {
    List<StatementTime> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT calls, total_exec_time, mean_exec_time, rows, toplevel,"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 2000)"
                    + " FROM pg_stat_statements"
                    + " WHERE dbid = (SELECT oid FROM pg_database"
                    + " WHERE datname = current_database())"
                    + " AND query NOT LIKE '%pg_stat_statements%'"
                    + " ORDER BY total_exec_time DESC LIMIT ?")) {
      ps.setInt(1, n);
      try (ResultSet rows = ps.executeQuery()) {
        while (rows.next()) {
          out.add(
              new StatementTime(
                  rows.getLong(1),
                  rows.getDouble(2),
                  rows.getDouble(3),
                  rows.getLong(4),
                  rows.getBoolean(5),
                  rows.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw new LoadException("cannot read pg_stat_statements: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The checks after the reported run: plain SQL on the schema's tables (index scans off, so the
   * overlap query does not go through the exclusion constraint's index), and the rule checker on
   * the assignments read back through the store.
   */
  static Check check(
      HikariDataSource pool,
      String schema,
      Scenario scenario,
      CapacityStore store,
      TimeSource clock,
      AutoAssignReport report)
      throws LoadException {
    String r = scenario.restaurant().id();
    SqlCounts counts = sqlCounts(pool, schema, r, clock.now());
    int expected = (int) report.results().stream().filter(AutoAssignResult::seated).count();
    CheckReport rules =
        RuleChecker.check(scenario, ScenarioLoader.readBack(store, scenario, report));
    return new Check(
        expected,
        counts.assignedBookings(),
        counts.overlaps(),
        counts.liveHolds(),
        counts.liveHoldRows(),
        rules.violations().size());
  }

  /**
   * What plain SQL finds in a schema's tables for one restaurant.
   *
   * @param assignedBookings bookings with assignment rows
   * @param overlaps pairs of live occupancy rows of different owners on one table that overlap
   * @param liveHolds hold rows not expired at the instant asked
   * @param liveHoldRows occupancy rows of kind HOLD not expired then
   */
  record SqlCounts(int assignedBookings, long overlaps, long liveHolds, long liveHoldRows) {}

  /**
   * Counts with plain SQL, index scans off (so the overlap self-join does not go through the
   * exclusion constraint's GiST index, which it checks): bookings with assignment rows, overlapping
   * pairs of live occupancy rows (holds expired at {@code now} excluded), live holds.
   *
   * @param dataSource connections to the database
   * @param schema the schema, a plain identifier
   * @param restaurant the restaurant id
   * @param now the instant hold expiry is judged at (the store's clock)
   * @return the counts
   * @throws LoadException if a query fails
   */
  static SqlCounts sqlCounts(DataSource dataSource, String schema, String restaurant, Instant now)
      throws LoadException {
    String r = restaurant;
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    int assigned;
    long overlaps;
    long liveHolds;
    long liveHoldRows;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (Statement st = c.createStatement()) {
          st.execute("SET LOCAL enable_indexscan = off");
          st.execute("SET LOCAL enable_bitmapscan = off");
          st.execute("SET LOCAL enable_indexonlyscan = off");
        }
        assigned =
            (int)
                single(
                    c,
                    "SELECT count(DISTINCT booking_id) FROM "
                        + schema
                        + ".occupancy WHERE restaurant_id = ? AND kind = 'ASSIGNMENT'",
                    r);
        overlaps =
            single(
                c,
                "SELECT count(*) FROM "
                    + schema
                    + ".occupancy a JOIN "
                    + schema
                    + ".occupancy b ON b.restaurant_id = a.restaurant_id"
                    + " AND b.table_id = a.table_id"
                    + " AND a.owner_key COLLATE \"C\" < b.owner_key COLLATE \"C\""
                    + " AND a.during && b.during"
                    + " WHERE a.restaurant_id = ?"
                    + " AND (a.kind <> 'HOLD' OR a.expires_at > ?)"
                    + " AND (b.kind <> 'HOLD' OR b.expires_at > ?)",
                r,
                at,
                at);
        liveHolds =
            single(
                c,
                "SELECT count(*) FROM "
                    + schema
                    + ".hold WHERE restaurant_id = ? AND expires_at > ?",
                r,
                at);
        liveHoldRows =
            single(
                c,
                "SELECT count(*) FROM "
                    + schema
                    + ".occupancy WHERE restaurant_id = ? AND kind = 'HOLD' AND expires_at > ?",
                r,
                at);
        c.commit();
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new LoadException("cannot check schema " + schema + ": " + e.getMessage(), e);
    }
    return new SqlCounts(assigned, overlaps, liveHolds, liveHoldRows);
  }

  /** The one number a counting query returns. */
  private static long single(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rows = ps.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static void write(Path file, Figures f) throws LoadException {
    try {
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build()
          .writeValue(file.toFile(), f);
    } catch (IOException e) {
      throw new LoadException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Times every call of a store's methods, by method name, over all threads. Thread-safe. */
  static final class StoreTimes implements InvocationHandler {
    private final CapacityStore target;
    private final ConcurrentMap<String, LongAdder[]> times = new ConcurrentHashMap<>();

    StoreTimes(CapacityStore target) {
      this.target = target;
    }

    CapacityStore proxy() {
      return (CapacityStore)
          Proxy.newProxyInstance(
              CapacityStore.class.getClassLoader(), new Class<?>[] {CapacityStore.class}, this);
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
        throws Throwable {
      long t0 = System.nanoTime();
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw Objects.requireNonNullElse(e.getCause(), e);
      } finally {
        long t = System.nanoTime() - t0;
        LongAdder[] a =
            times.computeIfAbsent(
                method.getName(), k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        a[0].increment();
        a[1].add(t);
      }
    }

    List<StoreCall> calls() {
      List<StoreCall> out = new ArrayList<>();
      times.forEach(
          (name, a) -> {
            long n = a[0].sum();
            double ms = a[1].sum() / 1e6;
            out.add(new StoreCall(name, n, ms, n == 0 ? 0 : ms / n));
          });
      out.sort(Comparator.comparingDouble(StoreCall::totalMillis).reversed());
      return out;
    }
  }
}
