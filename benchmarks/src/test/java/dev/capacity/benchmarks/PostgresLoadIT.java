package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PostgresLoad} on the small {@code bistro} scenario with 2 workers, on an embedded server,
 * or on the server named by {@code CAPACITY_PG_URL} (with {@code CAPACITY_PG_USER} / {@code
 * CAPACITY_PG_PASSWORD}) when it is set, as the jdbc-adapter tests do. pgbench runs for 2 s at
 * scale 1 where one is installed, and is skipped otherwise. The figures must agree with each other
 * and with the tables read back; no timing is asserted.
 */
class PostgresLoadIT {
  private static @Nullable LoadServer server;
  private static final List<String> SCHEMAS = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws LoadException {
    String url = url();
    server =
        url == null
            ? LoadServer.embedded(PostgresLoad.maxConnections(2), false)
            : LoadServer.of(url);
  }

  @AfterAll
  static void stopServer() throws SQLException {
    LoadServer s = server;
    if (s != null) {
      try (Connection c = s.connect();
          Statement st = c.createStatement()) {
        for (String schema : SCHEMAS) {
          st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      } finally {
        s.close();
      }
    }
  }

  /** CAPACITY_PG_URL with the user and password of CAPACITY_PG_USER/PASSWORD, or null. */
  private static @Nullable String url() {
    String url = env("CAPACITY_PG_URL");
    if (url == null) {
      return null;
    }
    StringBuilder u = new StringBuilder(url);
    String user = env("CAPACITY_PG_USER");
    String password = env("CAPACITY_PG_PASSWORD");
    for (String[] p : new String[][] {{"user", user}, {"password", password}}) {
      if (p[1] != null) {
        u.append(u.indexOf("?") < 0 ? '?' : '&')
            .append(p[0])
            .append('=')
            .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
      }
    }
    return u.toString();
  }

  private static @Nullable String env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String unique(String prefix) {
    return prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** Bistro with 2 workers and {@code repeat} runs; pgbench for 2 s at scale 1 if installed. */
  private static List<String> bistroArgs(String schema, int repeat) throws LoadException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--scenario",
                "bistro",
                "--workers",
                "2",
                "--schema",
                schema,
                "--repeat",
                Integer.toString(repeat)));
    if (Pgbench.find(null) == null) {
      args.add("--no-pgbench");
    } else {
      args.addAll(
          List.of(
              "--pgbench-seconds",
              "1",
              "--pgbench-runs",
              "2",
              "--pgbench-scale",
              "1",
              "--pgbench-database",
              unique("capacity_pgbench_it_")));
    }
    return args;
  }

  /** Bistro, one run, no pgbench, with these workers and further options. */
  private static List<String> oneRun(String schema, int workers, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--scenario",
                "bistro",
                "--workers",
                Integer.toString(workers),
                "--schema",
                schema,
                "--repeat",
                "1",
                "--no-pgbench"));
    args.addAll(List.of(more));
    return args;
  }

  /** Runs the load command's work on the shared server into a schema dropped after the class. */
  private static PostgresLoad.Figures measure(
      LoadServer s, String schema, List<String> args, ByteArrayOutputStream text)
      throws LoadException {
    SCHEMAS.add(schema);
    return PostgresLoad.measure(
        LoadOptions.parse(args.toArray(String[]::new)),
        new PrintStream(text, true, StandardCharsets.UTF_8),
        s);
  }

  @Test
  void bistroWithTwoWorkersIsSeatedWithoutOverlapsOrHoldsAndTheFiguresAgree() throws Exception {
    LoadServer s = java.util.Objects.requireNonNull(server);
    String schema = unique("load_it_");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PostgresLoad.Figures f = measure(s, schema, bistroArgs(schema, 4), text);
    String summary = text.toString(StandardCharsets.UTF_8);
    PostgresLoad.Run run = f.run();
    assertThat(f.passed()).as(summary).isTrue();
    assertThat(f.bookings()).isEqualTo(29);
    assertThat(run.bookings()).isEqualTo(29);
    assertThat(run.confirmed()).isPositive().isEqualTo(run.seated());
    assertThat(run.seated() + run.notSeated().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(run.bookings());
    assertThat(run.confirmedPerSecond())
        .isCloseTo(run.confirmed() / run.seconds(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(run.p50Millis()).isPositive().isLessThanOrEqualTo(run.p95Millis());
    assertThat(run.p95Millis()).isLessThanOrEqualTo(run.p99Millis());
    assertThat(run.attempts()).isGreaterThanOrEqualTo(run.bookings());
    assertThat(run.coversSeated()).isPositive().isLessThanOrEqualTo(run.covers());
    assertThat(f.check().assignedInDatabase()).isEqualTo(run.confirmed());
    assertThat(f.check().overlaps()).isZero();
    assertThat(f.check().liveHolds()).isZero();
    assertThat(f.check().liveHoldRows()).isZero();
    assertThat(f.check().brokenRules()).isZero();
    assertThat(f.statistics()).isEqualTo(LoadOptions.Statistics.LOAD);
    // four runs: the targets are judged on the medians of runs 3 and 4
    PostgresLoad.LastHalf half = java.util.Objects.requireNonNull(f.lastHalf());
    assertThat(f.warmUps()).hasSize(3);
    assertThat(half.firstRun()).isEqualTo(3);
    assertThat(half.confirmedPerSecond())
        .isCloseTo(
            (f.warmUps().get(2).confirmedPerSecond() + run.confirmedPerSecond()) / 2,
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.targets().basis()).isEqualTo("medians of runs 3-4");
    assertThat(f.targets().bookingsPerSecond())
        .isEqualTo(half.confirmedPerSecond() >= PostgresLoad.TARGET_BOOKINGS_PER_SECOND);
    assertThat(summary).contains("targets (issue 5, medians of runs 3-4)");
    assertThat(summary).contains("ANALYZE").contains("check (plain SQL)").contains("passed");
    if (f.pgbench() != null) {
      Pgbench.Result b = java.util.Objects.requireNonNull(f.pgbench());
      assertThat(b.tps()).isPositive();
      // the median of two runs is their mean
      assertThat(b.runTps()).hasSize(2).allSatisfy(t -> assertThat(t).isPositive());
      assertThat(b.tps())
          .isCloseTo(
              (b.runTps().get(0) + b.runTps().get(1)) / 2,
              org.assertj.core.data.Offset.offset(1e-9));
      assertThat(b.clients()).isEqualTo(2);
      // pgbench ran after runs 3 and 4, each compared with its own run; the ratio is their median
      assertThat(f.pgbenchBlocks())
          .extracting(PostgresLoad.PgbenchBlock::firstRun, PostgresLoad.PgbenchBlock::lastRun)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(3, 3), org.assertj.core.groups.Tuple.tuple(4, 4));
      assertThat(f.pgbenchBlocks().get(0).ratio())
          .isCloseTo(
              f.warmUps().get(2).confirmedPerSecond() / b.runTps().get(0),
              org.assertj.core.data.Offset.offset(1e-9));
      assertThat(f.pgbenchBlocks().get(1).ratio())
          .isCloseTo(
              run.confirmedPerSecond() / b.runTps().get(1),
              org.assertj.core.data.Offset.offset(1e-9));
      assertThat(f.ratio()).isNotNull();
      assertThat(f.ratio())
          .isCloseTo(
              (f.pgbenchBlocks().get(0).ratio() + f.pgbenchBlocks().get(1).ratio()) / 2,
              org.assertj.core.data.Offset.offset(1e-9));
      assertThat(summary).contains("pgbench between the judged runs").contains("after run 3");
    } else {
      assertThat(f.pgbenchSkipped()).isNotBlank();
      assertThat(summary).contains("pgbench: skipped");
    }

    // The tables, read back here: one assignment per confirmed booking, every booking confirmed.
    String restaurant = Day.scenario("bistro").restaurant().id();
    try (Connection c = s.connect();
        Statement st = c.createStatement()) {
      assertThat(
              count(
                  st,
                  "SELECT count(DISTINCT booking_id) FROM "
                      + schema
                      + ".occupancy WHERE kind = 'ASSIGNMENT'"))
          .isEqualTo(run.confirmed());
      assertThat(count(st, "SELECT count(*) FROM " + schema + ".hold")).isZero();

      // The checks are not vacuous: without the constraint, an overlapping assignment and a live
      // hold are found.
      st.execute("ALTER TABLE " + schema + ".occupancy DROP CONSTRAINT occupancy_no_overlap");
      String unseated =
          "(SELECT b.booking_id FROM "
              + schema
              + ".booking b WHERE NOT EXISTS (SELECT 1 FROM "
              + schema
              + ".occupancy o WHERE o.booking_id = b.booking_id) ORDER BY b.booking_id LIMIT 1)";
      st.execute(
          "INSERT INTO "
              + schema
              + ".occupancy (restaurant_id, table_id, kind, booking_id, during, starts_at, ends_at,"
              + " until_at) SELECT restaurant_id, table_id, kind, "
              + unseated
              + ", during, starts_at, ends_at, until_at FROM "
              + schema
              + ".occupancy WHERE kind = 'ASSIGNMENT' ORDER BY owner_key, table_id LIMIT 1");
      st.execute(
          "INSERT INTO "
              + schema
              + ".hold (restaurant_id, booking_id, hold_id, table_ids, starts_at, until_at,"
              + " expires_at, created_at) SELECT restaurant_id, booking_id, 'hold-it', ARRAY['x'],"
              + " starts_at, until_at, 'infinity', starts_at FROM "
              + schema
              + ".occupancy WHERE kind = 'ASSIGNMENT' ORDER BY owner_key, table_id LIMIT 1");
    }
    PostgresLoad.SqlCounts tampered;
    try (var pool = s.pool(1)) {
      tampered = PostgresLoad.sqlCounts(pool, schema, restaurant, Instant.now());
    }
    assertThat(tampered.overlaps()).isEqualTo(1);
    assertThat(tampered.liveHolds()).isEqualTo(1);
    assertThat(tampered.assignedBookings()).isEqualTo(run.confirmed() + 1);
  }

  @Test
  void oneWorkerOnAPoolOfOneConnectionMigratesRunsAndReportsCpuPerBooking() throws Exception {
    // the migration holds two connections at once: it has a pool of its own, so a run's pool of
    // one does not wait out its timeout
    LoadServer s = java.util.Objects.requireNonNull(server);
    String schema = unique("load_it_");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PostgresLoad.Figures f = measure(s, schema, oneRun(schema, 1, "--no-occupancy-cache"), text);
    String summary = text.toString(StandardCharsets.UTF_8);
    assertThat(f.passed()).as(summary).isTrue();
    assertThat(f.connections()).isEqualTo(1);
    assertThat(f.run().confirmed()).isPositive();
    assertThat(f.run().jvmCpuMillisPerConfirmed()).as(summary).isPositive();
    if (s.description().contains("embedded")) {
      // the embedded server's processes run on this machine: their CPU time is known
      assertThat(f.run().serverCpuMillisPerConfirmed()).as(summary).isGreaterThanOrEqualTo(0);
    }
    assertThat(summary).contains("CPU per confirmed booking: load command");
  }

  @Test
  void thePacedPhaseSavesAndSeatsEveryBookingAsARequestAndChecksTheDay() throws Exception {
    LoadServer s = java.util.Objects.requireNonNull(server);
    String schema = unique("load_it_");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PostgresLoad.Figures f =
        measure(s, schema, oneRun(schema, 2, "--rate", "400", "--paced-runs", "4"), text);
    String summary = text.toString(StandardCharsets.UTF_8);
    assertThat(f.passed()).as(summary).isTrue();
    assertThat(f.paced()).as(summary).hasSize(4);
    for (PostgresLoad.PacedRun p : f.paced()) {
      assertThat(p.rate()).isEqualTo(400);
      assertThat(p.bookings()).isEqualTo(29);
      assertThat(p.confirmed()).isPositive().isLessThanOrEqualTo(p.seated());
      assertThat(p.p50Millis()).isPositive().isLessThanOrEqualTo(p.p95Millis());
      assertThat(p.p95Millis()).isLessThanOrEqualTo(p.p99Millis());
      assertThat(p.p99Millis()).isLessThanOrEqualTo(p.maxMillis());
    }
    PostgresLoad.Check check = java.util.Objects.requireNonNull(f.pacedCheck());
    PostgresLoad.PacedRun last = f.paced().get(3);
    assertThat(check.passed()).isTrue();
    assertThat(check.assignedInDatabase()).isEqualTo(last.seated());
    assertThat(check.overlaps()).isZero();
    assertThat(check.liveHolds()).isZero();
    PostgresLoad.PacedHalf half = java.util.Objects.requireNonNull(f.pacedLastHalf());
    assertThat(half.firstRun()).isEqualTo(3);
    assertThat(half.p95Millis())
        .isCloseTo(
            (f.paced().get(2).p95Millis() + last.p95Millis()) / 2,
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(summary)
        .contains("paced 4: 29 requests at 400/s")
        .contains("check of the last paced run (plain SQL)")
        .contains("paced, last half (runs 3-4, medians)");
    // every booking was saved by its request: the day is the scenario's
    String restaurant = Day.scenario("bistro").restaurant().id();
    try (Connection c = s.connect();
        Statement st = c.createStatement()) {
      assertThat(
              count(
                  st,
                  "SELECT count(*) FROM "
                      + schema
                      + ".booking WHERE restaurant_id = '"
                      + restaurant
                      + "'"))
          .isEqualTo(29);
    }
  }

  @Test
  void theCommandStartsItsServerWritesJsonAndExitsWithZero() throws Exception {
    String schema = unique("load_it_");
    SCHEMAS.add(schema);
    Path json = dir.resolve("load.json");
    List<String> args = new ArrayList<>(bistroArgs(schema, 2));
    String url = url();
    if (url != null) {
      args.addAll(List.of("--url", url));
    }
    args.addAll(
        List.of("--statistics", "day", "--store-timings", "--phases", "--json", json.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        PostgresLoad.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args.toArray(String[]::new));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed)
        .contains(url == null ? "(embedded, port " : "PostgreSQL ")
        .contains("warm-up 1: ")
        .contains("run 2 of 2: ")
        .contains("store calls (all workers)")
        .contains("phases of the one-step attempts (the reported run; telemetry)")
        .contains("targets (issue 5, the last run)");
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertThat(figures.get("passed").asBoolean()).isTrue();
    assertThat(figures.get("warmUps")).hasSize(1);
    assertThat(figures.at("/run/confirmed").asInt())
        .isPositive()
        .isEqualTo(figures.at("/check/assignedInDatabase").asInt());
    assertThat(figures.at("/check/overlaps").asInt()).isZero();
    assertThat(figures.at("/check/liveHolds").asInt()).isZero();
    assertThat(figures.get("storeCalls").findValuesAsText("method"))
        .contains("holdAndConfirm", "occupancy");
    // every booking the reported run seated was one seated one-step attempt
    assertThat(figures.at("/phases/seated").asInt())
        .isEqualTo(figures.at("/run/confirmed").asInt());
    // the first part by position is the 2 workers' first bookings, then four parts of the rest
    assertThat(figures.at("/run/meanByPosition")).hasSize(5);
    assertThat(figures.at("/run/meanByPosition/0").asDouble()).isPositive();
    assertThat(figures.at("/run/firstPart").asInt()).isEqualTo(2);
    // the bookings' time over the run's: at most the 2 workers
    assertThat(figures.at("/run/inProgress/workers").asInt()).isEqualTo(2);
    assertThat(figures.at("/run/inProgress/all").asDouble()).isPositive().isLessThanOrEqualTo(2.0);
    assertThat(figures.at("/run/inProgress/confirmed").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(figures.at("/run/inProgress/all").asDouble());
    assertThat(figures.at("/run/inProgress/confirmedMeanMillis").asDouble()).isPositive();
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rows = st.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
