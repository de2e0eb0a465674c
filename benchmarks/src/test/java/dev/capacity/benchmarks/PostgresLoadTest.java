package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresLoad}'s options, exit codes for bad ones, and the parsing of pgbench's output; no
 * server needed ({@code PostgresLoadIT} runs the load).
 */
class PostgresLoadTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return PostgresLoad.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void defaultsAreMegaWithFifteenWorkersStrictPriorityAndTwentySecondsOfPgbench()
      throws LoadException {
    LoadOptions o = LoadOptions.parse();

    assertThat(o.scenario()).isEqualTo("mega");
    assertThat(o.workers()).isEqualTo(15);
    assertThat(o.strictPriority()).isTrue();
    assertThat(o.oneStep()).isTrue();
    assertThat(o.pool()).isZero();
    assertThat(o.fairCalls()).isTrue();
    assertThat(o.repeat()).isEqualTo(LoadOptions.DEFAULT_REPEAT).isEqualTo(80);
    assertThat(o.url()).isNull();
    assertThat(o.schema()).isEqualTo("capacity_load");
    assertThat(o.statistics()).isEqualTo(LoadOptions.Statistics.LOAD);
    assertThat(o.pgbench()).isTrue();
    assertThat(o.pgbenchSeconds()).isEqualTo(10);
    assertThat(o.pgbenchRuns()).isEqualTo(3);
    assertThat(o.pgbenchScale()).isEqualTo(10);
    assertThat(o.pgbenchDatabase()).isEqualTo("capacity_pgbench");
    assertThat(o.rate()).isZero();
    assertThat(o.occupancyCache()).isTrue();
    assertThat(o.pacedRuns()).isEqualTo(LoadOptions.DEFAULT_PACED_RUNS).isEqualTo(20);
    assertThat(o.json()).isNull();
  }

  @Test
  void optionsTakeSeparateOrInlineValues() throws LoadException {
    LoadOptions o =
        LoadOptions.parse(
            "--scenario=bistro",
            "--workers",
            "2",
            "--no-strict-priority",
            "--no-one-step",
            "--pool=3",
            "--no-fair-calls",
            "--repeat=3",
            "--url",
            "jdbc:postgresql://127.0.0.1:5432/postgres",
            "--schema",
            "load_x",
            "--no-analyze",
            "--pgbench-seconds",
            "2",
            "--pgbench-runs=5",
            "--pgbench-scale=1",
            "--rate",
            "250",
            "--paced-runs=6",
            "--statements",
            "5",
            "--store-timings",
            "--no-occupancy-cache",
            "--json",
            "f.json");

    assertThat(o.scenario()).isEqualTo("bistro");
    assertThat(o.workers()).isEqualTo(2);
    assertThat(o.strictPriority()).isFalse();
    assertThat(o.oneStep()).isFalse();
    assertThat(o.pool()).isEqualTo(3);
    assertThat(o.fairCalls()).isFalse();
    assertThat(o.repeat()).isEqualTo(3);
    assertThat(o.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(o.schema()).isEqualTo("load_x");
    assertThat(o.statistics()).isEqualTo(LoadOptions.Statistics.NONE);
    assertThat(o.pgbenchSeconds()).isEqualTo(2);
    assertThat(o.pgbenchRuns()).isEqualTo(5);
    assertThat(o.pgbenchScale()).isEqualTo(1);
    assertThat(o.rate()).isEqualTo(250);
    assertThat(o.pacedRuns()).isEqualTo(6);
    assertThat(o.statements()).isEqualTo(5);
    assertThat(o.storeTimings()).isTrue();
    assertThat(o.occupancyCache()).isFalse();
    assertThat(String.valueOf(o.json())).isEqualTo("f.json");
  }

  @Test
  void phasesSplitOneStepAttemptsOnly() throws LoadException {
    assertThat(LoadOptions.parse().phases()).isFalse();
    assertThat(LoadOptions.parse("--phases").phases()).isTrue();
    assertThat(run("--phases", "--no-one-step")).isEqualTo(2);
    assertThat(err()).contains("--phases splits one-step attempts");
  }

  @Test
  void statisticsDayWithWarmUpRunsIsAccepted() throws LoadException {
    assertThat(LoadOptions.parse("--statistics", "day", "--repeat", "2").statistics())
        .isEqualTo(LoadOptions.Statistics.DAY);
  }

  @Test
  void badOptionsExitWithTwoAndSayWhatIsWrong() {
    assertThat(run("--workers", "0")).isEqualTo(2);
    assertThat(err()).contains("--workers must be between 1 and 1024, got 0");

    assertThat(run("--workers", "many")).isEqualTo(2);
    assertThat(err()).contains("--workers must be a whole number, got 'many'");

    assertThat(run("--scenario", "nowhere")).isEqualTo(2);
    assertThat(err()).contains("--scenario must be one of [bistro,").contains("'nowhere'");

    assertThat(run("--frobnicate", "1")).isEqualTo(2);
    assertThat(err()).contains("unknown option '--frobnicate'").contains("Maybe: --help");

    assertThat(run("--json")).isEqualTo(2);
    assertThat(err()).contains("--json needs a value");

    assertThat(run("--schema", "public")).isEqualTo(2);
    assertThat(err()).contains("refusing 'public'");

    assertThat(run("--schema", "Bad-Name")).isEqualTo(2);
    assertThat(err()).contains("--schema must be a plain lower-case SQL identifier");

    assertThat(run("--pgbench-database", "postgres")).isEqualTo(2);
    assertThat(err()).contains("refusing 'postgres'");

    assertThat(run("--no-pgbench", "--pgbench", "/usr/bin/pgbench")).isEqualTo(2);
    assertThat(err()).contains("contradict");

    assertThat(run("--no-analyze=yes")).isEqualTo(2);
    assertThat(err()).contains("--no-analyze takes no value");

    assertThat(run("--statistics", "sometimes")).isEqualTo(2);
    assertThat(err()).contains("--statistics must be load, day or none, got 'sometimes'");

    assertThat(run("--statistics", "day", "--repeat", "1")).isEqualTo(2);
    assertThat(err()).contains("--statistics day needs a warm-up run");

    assertThat(run("--pool", "0")).isEqualTo(2);
    assertThat(err()).contains("--pool must be between 1 and 1024, got 0");

    assertThat(run("--pgbench-seconds", "0")).isEqualTo(2);
    assertThat(err()).contains("--pgbench-seconds must be between 1 and 3600");

    assertThat(run("--pgbench-runs", "0")).isEqualTo(2);
    assertThat(err()).contains("--pgbench-runs must be between 1 and 100");

    assertThat(run("--rate", "-5")).isEqualTo(2);
    assertThat(err()).contains("--rate must be between 0 and 100000, got -5");

    assertThat(run("--paced-runs", "0")).isEqualTo(2);
    assertThat(err()).contains("--paced-runs must be between 1 and 1000, got 0");
  }

  @Test
  void aUrlThatIsNotPostgresExitsWithTwoBeforeConnecting() {
    assertThat(run("--url", "jdbc:mysql://localhost/db?password=secret")).isEqualTo(2);
    assertThat(err()).contains("--url must look like jdbc:postgresql://").doesNotContain("secret");
  }

  @Test
  void helpPrintsTheUsageAndExitsWithZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("dev.capacity.benchmarks.PostgresLoad")
        .contains("--[no-]strict-priority")
        .contains("--pgbench-seconds")
        .contains("--pgbench-runs")
        .contains("Exit codes");
  }

  @Test
  void tpsIsTheFigureWithoutTheInitialConnectionTime() throws LoadException {
    String pg15 =
        """
        transaction type: <builtin: simple update>
        scaling factor: 10
        number of clients: 15
        number of threads: 2
        duration: 20 s
        number of transactions actually processed: 81234
        latency average = 3.693 ms
        initial connection time = 21.774 ms
        tps = 4061.950462 (without initial connection time)
        """;
    assertThat(Pgbench.tps(pg15)).isEqualTo(4061.950462);

    String pg13 =
        """
        tps = 812.5 (including connections establishing)
        tps = 815.25 (excluding connections establishing)
        """;
    assertThat(Pgbench.tps(pg13)).isEqualTo(815.25);

    assertThatThrownBy(() -> Pgbench.tps("pgbench: error: connection refused"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("no 'tps = ' line")
        .hasMessageContaining("connection refused");
  }

  @Test
  void pgbenchVersionsAreShortAndComparedNumerically() {
    assertThat(Pgbench.version("pgbench (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"))
        .isEqualTo("pgbench 15.18");
    assertThat(Pgbench.compare("9.6", "15")).isNegative();
    assertThat(Pgbench.compare("18", "15")).isPositive();
    assertThat(Pgbench.compare("15", "15.0")).isZero();
  }

  private static PostgresLoad.Run run(double perSecond, double p95, double jvm, double server) {
    return new PostgresLoad.Run(
        1,
        10,
        10,
        perSecond,
        perSecond,
        1,
        p95,
        p95,
        1,
        p95,
        p95,
        10,
        0,
        10,
        20,
        30,
        Map.of(),
        jvm,
        server,
        List.of(p95, p95 / 2),
        15,
        new PostgresLoad.InProgress(15, p95 / 2, p95 / 4, p95));
  }

  @Test
  void bookingTimesAreAveragedByPositionFirstTheWorkersThenFourParts() {
    long ms = 1_000_000;
    long[] inOrder = new long[15];
    for (int i = 0; i < inOrder.length; i++) {
      inOrder[i] = (i + 1) * ms; // 1 .. 15 ms
    }
    // the first 3, then 12 more in parts of 3
    assertThat(PostgresLoad.Run.meanByPosition(inOrder, 3))
        .containsExactly(2.0, 5.0, 8.0, 11.0, 14.0);
    // fewer bookings than the first part, and parts left empty
    assertThat(PostgresLoad.Run.meanByPosition(new long[] {2 * ms, 4 * ms}, 15))
        .containsExactly(3.0);
    assertThat(PostgresLoad.Run.meanByPosition(new long[] {2 * ms, 4 * ms}, 1))
        .containsExactly(2.0, 4.0);
  }

  @Test
  void bookingsInProgressAreTheirTimeOverTheRunsWallTime() {
    long ms = 1_000_000;
    // a 10 ms run: three attempted bookings of 4, 6 and 10 ms, the last two confirmed
    PostgresLoad.InProgress p =
        PostgresLoad.InProgress.of(
            2, new long[] {4 * ms, 6 * ms, 10 * ms}, new long[] {6 * ms, 10 * ms}, 10 * ms);
    assertThat(p.all()).isEqualTo(2.0);
    assertThat(p.confirmed()).isEqualTo(1.6);
    assertThat(p.confirmedMeanMillis()).isEqualTo(8.0);
    assertThat(p.workers()).isEqualTo(2);
    assertThat(PostgresLoad.InProgress.of(1, new long[] {4 * ms}, new long[0], 10 * ms))
        .as("nothing confirmed")
        .isEqualTo(new PostgresLoad.InProgress(1, 0.4, 0, 0));
    assertThat(PostgresLoad.InProgress.of(1, new long[0], new long[0], 0))
        .as("an empty run")
        .isEqualTo(new PostgresLoad.InProgress(1, 0, 0, 0));
  }

  @Test
  void theLastHalfIsTheMediansOfTheLaterRunsAndNeedsFourRuns() {
    assertThat(PostgresLoad.LastHalf.of(List.of(run(1, 1, 1, 1), run(2, 2, 2, 2), run(3, 3, 3, 3))))
        .isNull();
    List<PostgresLoad.Run> runs =
        List.of(
            run(100, 90, 9, 9), // the first half is left out
            run(200, 80, 8, 8),
            run(300, 70, 7, 7),
            run(900, 30, 0.6, 1.2),
            run(700, 40, 0.8, 1.0),
            run(800, 20, 0.7, 1.1),
            run(1000, 10, 0.5, -1));
    PostgresLoad.LastHalf h = java.util.Objects.requireNonNull(PostgresLoad.LastHalf.of(runs));
    assertThat(h.firstRun()).isEqualTo(4);
    assertThat(h.lastRun()).isEqualTo(7);
    assertThat(h.confirmedPerSecond()).isEqualTo(850); // (800 + 900) / 2
    assertThat(h.slowest()).isEqualTo(700);
    assertThat(h.fastest()).isEqualTo(1000);
    assertThat(h.p95Millis()).isEqualTo(25);
    assertThat(h.jvmCpuMillisPerConfirmed())
        .isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(h.serverCpuMillisPerConfirmed()).as("one run's is unknown").isEqualTo(-1);
    assertThat(h.line()).contains("runs 4-7").contains("850.0 confirmed/s").contains("server n/a");
    assertThat(h.meanByPosition()).containsExactly(25.0, 12.5); // each part's median
    assertThat(h.positionsLine())
        .contains("runs 4-7")
        .contains("the first 15 bookings 25.0 ms")
        .contains("four parts, 12.5 ms");
    assertThat(h.inProgress())
        .isEqualTo(new PostgresLoad.InProgress(15, 12.5, 6.25, 25)); // medians
    assertThat(h.inProgressLine())
        .contains("runs 4-7")
        .contains("12.5 bookings on average with 15 workers")
        .contains("6.3 of them bookings the run confirmed, each 25.0 ms")
        .contains("6.3 over 850.0 confirmed/s");
    PostgresLoad.LastHalf none =
        new PostgresLoad.LastHalf(
            4, 7, 0, 0, 0, 0, -1, -1, List.of(), 15, new PostgresLoad.InProgress(15, 0, 0, 0));
    assertThat(none.positionsLine()).contains("no booking was attempted");
  }

  @Test
  void pgbenchRunsAfterBlocksOfTheJudgedHalf() {
    assertThat(PostgresLoad.pgbenchAfter(3, 3)).as("no judged half").isEmpty();
    assertThat(PostgresLoad.pgbenchAfter(80, 0)).isEmpty();
    // runs 41-80 in three blocks: 41-54, 55-67, 68-80
    assertThat(PostgresLoad.pgbenchAfter(80, 3)).containsExactly(54, 67, 80);
    assertThat(PostgresLoad.pgbenchAfter(4, 2)).containsExactly(3, 4);
    assertThat(PostgresLoad.pgbenchAfter(5, 1)).containsExactly(5);
    // more pgbench runs than judged runs: one per run
    assertThat(PostgresLoad.pgbenchAfter(6, 10)).containsExactly(4, 5, 6);
  }

  @Test
  void eachBlockIsComparedWithThePgbenchRunAfterIt() {
    List<PostgresLoad.Run> runs =
        List.of(
            run(100, 1, 1, 1), // the first half is not judged
            run(100, 1, 1, 1),
            run(100, 1, 1, 1),
            run(900, 1, 1, 1),
            run(700, 1, 1, 1),
            run(800, 1, 1, 1),
            run(1000, 1, 1, 1));
    int[] after = PostgresLoad.pgbenchAfter(runs.size(), 2);
    assertThat(after).containsExactly(5, 7);
    List<PostgresLoad.PgbenchBlock> blocks =
        PostgresLoad.PgbenchBlock.of(runs, after, List.of(4000.0, 3000.0));
    assertThat(blocks)
        .containsExactly(
            new PostgresLoad.PgbenchBlock(4, 5, 800, 4000, 0.2),
            new PostgresLoad.PgbenchBlock(6, 7, 900, 3000, 0.3));
    assertThat(blocks.get(1).line()).contains("runs 6-7 900.0 confirmed/s against 3000.0 tps");
    assertThatThrownBy(() -> PostgresLoad.PgbenchBlock.of(runs, after, List.of(4000.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> PostgresLoad.PgbenchBlock.of(runs.subList(0, 3), new int[] {3}, List.of(1.0)))
        .as("three runs have no judged half")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> PostgresLoad.PgbenchBlock.of(runs, new int[] {3, 7}, List.of(1.0, 2.0)))
        .as("a block starting before the judged half")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void percentilesAreNearestRankInMilliseconds() {
    long[] nanos = {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000};

    assertThat(PostgresLoad.percentile(nanos, 50)).isEqualTo(3.0);
    assertThat(PostgresLoad.percentile(nanos, 95)).isEqualTo(5.0);
    assertThat(PostgresLoad.percentile(nanos, 20)).isEqualTo(1.0);
    assertThat(PostgresLoad.percentile(new long[0], 99)).isZero();
  }

  @Test
  void urlsKeepTheirHostsAndParametersWhenTheDatabaseChanges() {
    assertThat(
            LoadServer.withDatabase(
                "jdbc:postgresql://h1:5432,h2:5433/app?user=me&password=x", "capacity_pgbench"))
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/capacity_pgbench?user=me&password=x");
    assertThat(LoadServer.redact("jdbc:postgresql://h/app?password=x"))
        .isEqualTo("jdbc:postgresql://h/app?...");
  }
}
