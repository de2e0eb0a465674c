package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.capacity.jdbc.SqlClient.Row;
import dev.capacity.jdbc.testing.PostgresExtension;
import dev.capacity.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Races on a real server: many threads released together by a start gate, each on its own
 * connection, calling the SQL functions on overlapping plans. Afterwards an independent query on
 * the occupancy table (not the functions) must find no two live rows of different owners
 * overlapping on a table, and no hold left behind. Correctness comes from the exclusion constraint
 * and the row locks, never from timing: the tests neither sleep nor measure time.
 */
@ExtendWith(PostgresExtension.class)
class PostgresRaceIT {
  private static final int THREADS = 32;
  private static final Instant DAY_ONE = Instant.parse("2026-12-01T19:00:00Z");

  private static HikariDataSource pool;
  private static SqlClient sql;

  @BeforeAll
  static void setUp(TestDatabase database) {
    PostgresSchema.migrate(database.dataSource(), SqlClient.SCHEMA);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    if (database.user() != null) {
      config.setUsername(database.user());
    }
    if (database.password() != null) {
      config.setPassword(database.password());
    }
    config.setMaximumPoolSize(THREADS + 2);
    config.setPoolName("race");
    pool = new HikariDataSource(config);
    sql = new SqlClient(pool);
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  /** Runs {@code n} tasks released together; returns their results in task order. */
  private static <T> List<T> race(int n, IntFunction<T> task) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            threads.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.apply(index);
                }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  private static String bistro() {
    String r = SqlFixtures.newId("race");
    String policy =
        """
        {"slotMinutes": 15, "bufferMinutes": 15, "lookahead": {"mode": "OFF"},
         "servicePeriods": [{"name": "dinner", "start": "17:00", "end": "23:00"}]}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro(policy)).code()).isEqualTo("OK");
    return r;
  }

  /** Hold, then confirm; a failed confirm releases its hold (the runner's discipline). */
  private static String holdAndConfirm(String r, String booking, List<String> plan) {
    Row hold = sql.hold(r, booking, plan);
    if (!hold.code().equals("OK")) {
      return "hold " + hold.code();
    }
    Row confirm = sql.confirm(r, booking, hold.string("hold_id"), "key-" + booking);
    if (!confirm.code().equals("OK")) {
      sql.release(r, booking, hold.string("hold_id"));
      return "confirm " + confirm.code();
    }
    return "OK";
  }

  private static void assertNothingDoubleBookedOrLeaked(String r, Instant now) {
    assertThat(sql.overlaps(now)).as("overlapping live rows").isEmpty();
    assertThat(sql.liveHoldRows(r, now)).as("leaked hold rows").isEmpty();
    assertThat(
            sql.query(
                "SELECT * FROM capacity.hold WHERE restaurant_id = ? AND expires_at > ?", r, now))
        .as("leaked holds")
        .isEmpty();
    // every confirmed booking has exactly its ledger's tables, every other booking none
    List<Row> mismatched =
        sql.query(
            """
            SELECT b.booking_id, b.status
              FROM capacity.booking b
              LEFT JOIN capacity.idempotency_ledger l
                ON l.restaurant_id = b.restaurant_id AND l.booking_id = b.booking_id
             WHERE b.restaurant_id = ?
               AND (b.status = 'CONFIRMED') IS DISTINCT FROM EXISTS (
                     SELECT 1 FROM capacity.occupancy o
                      WHERE o.restaurant_id = b.restaurant_id
                        AND o.owner_key = 'booking:' || b.booking_id AND o.kind = 'ASSIGNMENT'
                        AND (l.table_ids IS NULL OR o.table_id = ANY (l.table_ids)))
            """,
            r);
    assertThat(mismatched).as("bookings whose state and tables disagree").isEmpty();
  }

  @Test
  void thirtyTwoThreadsHoldingAndConfirmingOverlappingPlansNeverDoubleBook() throws Exception {
    String r = bistro();
    List<List<String>> forTwo = List.of(List.of("T1"), List.of("T2"), List.of("T7"));
    List<List<String>> forThree =
        List.of(List.of("T3"), List.of("T4"), List.of("T1", "T2"), List.of("T6"));
    List<List<String>> forFour =
        List.of(List.of("T1", "T2"), List.of("T2", "T3"), List.of("T4"), List.of("T8"));
    for (int round = 0; round < 4; round++) {
      Instant start = DAY_ONE.plus(Duration.ofDays(round));
      int r0 = round;
      for (int i = 0; i < THREADS; i++) {
        sql.booking(r, "b" + round + "-" + i, 2 + i % 3, start.plusSeconds(60L * 15 * (i % 4)));
      }
      List<String> outcomes =
          race(
              THREADS,
              i -> {
                Random random = new Random(31L * r0 + i);
                List<List<String>> plans = i % 3 == 0 ? forTwo : i % 3 == 1 ? forThree : forFour;
                return holdAndConfirm(
                    r, "b" + r0 + "-" + i, plans.get(random.nextInt(plans.size())));
              });
      assertThat(outcomes).contains("OK");
      assertThat(outcomes)
          .allMatch(o -> o.equals("OK") || o.endsWith("CONFLICT"), "only successes and conflicts");
      assertNothingDoubleBookedOrLeaked(r, Instant.now());
    }
  }

  @Test
  void exactlyOneOfThirtyTwoThreadsGetsTheSameTables() throws Exception {
    String r = bistro();
    for (int i = 0; i < THREADS; i++) {
      sql.booking(r, "same-" + i, 4, DAY_ONE);
    }
    List<String> outcomes = race(THREADS, i -> holdAndConfirm(r, "same-" + i, List.of("T1", "T2")));
    assertThat(outcomes.stream().filter("OK"::equals)).hasSize(1);
    assertNothingDoubleBookedOrLeaked(r, Instant.now());
  }

  @Test
  void P4_2_aCrossMidnightBookingAndOneAfterMidnightRaceForOneTable() throws Exception {
    String r = SqlFixtures.newId("late");
    String policy =
        """
        {"bufferMinutes": 0, "turnTimes": [{"upToPartySize": 8, "minutes": 120}],
         "servicePeriods": [{"name": "night", "start": "18:00", "end": "02:00"}]}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro(policy)).code()).isEqualTo("OK");
    for (int round = 0; round < 12; round++) {
      Instant lateStart = Instant.parse("2026-12-01T23:30:00Z").plus(Duration.ofDays(round));
      String late = "late-" + round;
      String after = "after-" + round;
      sql.booking(r, late, 2, lateStart);
      sql.booking(r, after, 2, lateStart.plus(Duration.ofHours(1)));
      List<String> outcomes = race(2, i -> holdAndConfirm(r, i == 0 ? late : after, List.of("T1")));
      assertThat(outcomes).as("round %s", round).containsOnlyOnce("OK");
      assertThat(outcomes).as("round %s", round).contains("hold CONFLICT");
    }
    assertNothingDoubleBookedOrLeaked(r, Instant.now());
  }

  @Test
  void P3_2_aHoldExpiringDuringItsConfirmIsEitherConfirmedOrTakenNeverBoth() throws Exception {
    String r = bistro();
    Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
    Instant expiry = t0.plus(Duration.ofMinutes(5));
    int confirmed = 0;
    for (int round = 0; round < 24; round++) {
      Instant start = DAY_ONE.plus(Duration.ofDays(round));
      String holder = "holder-" + round;
      String taker = "taker-" + round;
      sql.booking(r, holder, 2, start);
      sql.booking(r, taker, 2, start);
      Row hold = sql.hold(r, holder, List.of("T1"), "5 minutes", t0);
      assertThat(hold.code()).isEqualTo("OK");
      String holdId = hold.string("hold_id");
      // the confirm's clock is a microsecond before the expiry, the taker's at it
      List<String> outcomes =
          race(
              2,
              i ->
                  i == 0
                      ? "confirm "
                          + sql.confirm(r, holder, holdId, "k-" + holder, expiry.minusNanos(1000))
                              .code()
                      : "take " + sql.hold(r, taker, List.of("T1"), "5 minutes", expiry).code());
      assertThat(outcomes)
          .as("round %s", round)
          .isIn(List.of("confirm OK", "take CONFLICT"), List.of("confirm HOLD_EXPIRED", "take OK"));
      if (outcomes.get(0).equals("confirm OK")) {
        confirmed++;
      }
      // both outcomes leave exactly one owner on T1
      assertThat(sql.overlaps(t0)).isEmpty();
      assertThat(
              sql.query(
                  "SELECT DISTINCT owner_key FROM capacity.occupancy"
                      + " WHERE restaurant_id = ? AND table_id = 'T1' AND lower(during) = ?",
                  r,
                  start))
          .hasSize(1);
    }
    System.out.println(
        "P3_2 race: the confirm won " + confirmed + " of 24 rounds, the taker the others");
  }

  @Test
  void P4_4_aCancelDuringConfirmLeavesACancelledBookingWithoutTables() throws Exception {
    String r = bistro();
    for (int round = 0; round < 24; round++) {
      String b = "cancelled-" + round;
      sql.booking(r, b, 2, DAY_ONE.plus(Duration.ofDays(round)));
      Row hold = sql.hold(r, b, List.of("T1"));
      assertThat(hold.code()).isEqualTo("OK");
      List<String> outcomes =
          race(
              2,
              i ->
                  i == 0
                      ? sql.confirm(r, b, hold.string("hold_id"), "k-" + b).code()
                      : sql.transition(r, b, "CANCELLED").code());
      assertThat(outcomes.get(0)).isIn("OK", "BOOKING_NOT_ASSIGNABLE");
      assertThat(outcomes.get(1)).isEqualTo("OK");
      assertThat(sql.rowsOf(r, "booking:" + b)).isEmpty();
      assertThat(
              sql.one(
                      "SELECT status FROM capacity.booking WHERE restaurant_id = ? AND booking_id = ?",
                      r,
                      b)
                  .string("status"))
          .isEqualTo("CANCELLED");
    }
    assertThat(sql.query("SELECT * FROM capacity.idempotency_ledger WHERE restaurant_id = ?", r))
        .isEmpty();
    assertNothingDoubleBookedOrLeaked(r, Instant.now());
  }
}
