package dev.capacity.jdbc;

import static dev.capacity.jdbc.SqlFixtures.SEVEN_PM;
import static dev.capacity.jdbc.SqlFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.jdbc.SqlClient.Row;
import dev.capacity.jdbc.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seating rules as the database enforces them when its functions are called directly with a bad
 * plan (P1.7): each rule of the scenario format refused with its own code, the same way {@code
 * dev.capacity.PlanRules} decides. Each test works in a restaurant of its own.
 */
@ExtendWith(PostgresExtension.class)
class PostgresRulesIT {
  private static final Pattern RULE = Pattern.compile("\"rule\": \"([A-Z_]+)\"");
  private static SqlClient sql;
  private static DataSource pool;

  @BeforeAll
  static void migrate(DataSource dataSource) {
    PostgresSchema.migrate(dataSource, SqlClient.SCHEMA);
    sql = new SqlClient(dataSource);
    pool = dataSource;
  }

  private static String bistro() {
    String r = SqlFixtures.newId("rules");
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro()).code()).isEqualTo("OK");
    return r;
  }

  private static List<String> tables(String... ids) {
    return List.of(ids);
  }

  /** The rules named by a refusal's violations, in order. */
  static List<String> rules(Row refusal) {
    String details = refusal.string("details");
    List<String> out = new ArrayList<>();
    if (details != null) {
      Matcher m = RULE.matcher(details);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Asserts that both hold and direct assignment refuse the plan with the code and rule. */
  private static void refusedEverywhere(
      String r, String booking, List<String> plan, String code, String rule) {
    Row hold = sql.hold(r, booking, plan);
    assertThat(hold.code()).as("hold %s: %s", plan, hold.string("message")).isEqualTo(code);
    assertThat(rules(hold)).contains(rule);
    Row assign = sql.assign(r, booking, plan, "key-" + booking + "-" + String.join("", plan));
    assertThat(assign.code()).as("assign %s: %s", plan, assign.string("message")).isEqualTo(code);
    assertThat(rules(assign)).contains(rule);
    assertThat(sql.rowsOf(r, "booking:" + booking)).isEmpty();
  }

  @Test
  void P4_6_confirmChecksTheRulesAgainWhenTheFloorWasSavedUnderTheSameVersion() {
    String r = SqlFixtures.newId("rules");
    String stamped = "{\"floorVersion\": \"v1\", \"policyVersion\": \"p1\", " + "\"timeZone\"";
    String before = SqlFixtures.bistro().replaceFirst("\\{\"timeZone\"", stamped);
    assertThat(sql.saveRestaurant(r, before).code()).isEqualTo("OK");
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.booking(r, "b2", 2, SEVEN_PM);
    Row h1 = sql.hold(r, "b1", tables("T1"));
    Row h2 = sql.hold(r, "b2", tables("T2"));
    assertThat(h1.code()).isEqualTo("OK");
    assertThat(h2.code()).isEqualTo("OK");
    // a direct caller deactivates T1 but keeps the versions it gave before
    String after =
        before.replace(
            "{\"id\": \"T1\", \"zone\": \"main\", \"capacity\": 2}",
            "{\"id\": \"T1\", \"zone\": \"main\", \"capacity\": 2, \"active\": false}");
    assertThat(after).isNotEqualTo(before);
    assertThat(sql.saveRestaurant(r, after).code()).isEqualTo("OK");
    assertThat(sql.confirm(r, "b1", h1.string("hold_id"), "k1").code()).isEqualTo("TABLE_INACTIVE");
    assertThat(sql.confirm(r, "b2", h2.string("hold_id"), "k2").code()).isEqualTo("OK");
  }

  @Test
  void P4_6_aHoldRacingAFloorSaveIsRefusedAndNotCheckedAgainstTheOldFloor() throws Exception {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row row = whileSaving(r, inactiveT1(), () -> sql.hold(r, "b1", tables("T1")));
    assertThat(row.code()).as("%s", row.string("message")).isEqualTo("CONTEXT_CHANGED");
    assertThat(row.string("details")).contains("FLOOR_PLAN");
    assertThat(sql.rowsOf(r, "booking:b1")).isEmpty();
    assertThat(sql.hold(r, "b1", tables("T1")).code()).isEqualTo("TABLE_INACTIVE");
  }

  @Test
  void P4_6_aConfirmRacingAFloorSaveIsRefusedAndNotCommittedOnTheOldFloor() throws Exception {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T1"));
    assertThat(hold.code()).isEqualTo("OK");
    Row row = whileSaving(r, inactiveT1(), () -> sql.confirm(r, "b1", hold.string("hold_id"), "k"));
    assertThat(row.code()).as("%s", row.string("message")).isEqualTo("CONTEXT_CHANGED");
    assertThat(sql.rowsOf(r, "booking:b1")).extracting(x -> x.string("kind")).containsOnly("HOLD");
    assertThat(sql.confirm(r, "b1", hold.string("hold_id"), "k").code())
        .isEqualTo("TABLE_INACTIVE");
  }

  @Test
  void P4_6_aOneStepConfirmRacingAFloorSaveIsRefusedAndNotCommittedOnTheOldFloor()
      throws Exception {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row row = whileSaving(r, inactiveT1(), () -> sql.holdAndConfirm(r, "b1", tables("T1"), "k"));
    assertThat(row.code()).as("%s", row.string("message")).isEqualTo("CONTEXT_CHANGED");
    assertThat(row.string("details")).contains("FLOOR_PLAN");
    assertThat(sql.rowsOf(r, "booking:b1")).isEmpty();
    assertThat(sql.holdAndConfirm(r, "b1", tables("T1"), "k").code()).isEqualTo("TABLE_INACTIVE");
  }

  private static String inactiveT1() {
    String inactive =
        SqlFixtures.BISTRO_FLOOR.replace(
            "{\"id\": \"T1\", \"zone\": \"main\", \"capacity\": 2}",
            "{\"id\": \"T1\", \"zone\": \"main\", \"capacity\": 2, \"active\": false}");
    assertThat(inactive).isNotEqualTo(SqlFixtures.BISTRO_FLOOR);
    return SqlFixtures.document("Europe/London", inactive, SqlFixtures.BISTRO_POLICY);
  }

  /**
   * Runs a command while a save of the restaurant is in progress: the save's transaction stays open
   * until the command waits on a lock, then commits; returns the command's row.
   */
  private static Row whileSaving(String r, String document, Callable<Row> command)
      throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (Connection saver = pool.getConnection()) {
      saver.setAutoCommit(false);
      try (PreparedStatement save =
          saver.prepareStatement("SELECT code FROM capacity.save_restaurant(?, ?::jsonb)")) {
        save.setString(1, r);
        save.setString(2, document);
        try (ResultSet rs = save.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("OK");
        }
      }
      Future<Row> result = executor.submit(command);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (waitingOnALock() == 0) {
        assertThat(result.isDone()).as("the command ran past the uncommitted save").isFalse();
        assertThat(System.nanoTime()).as("the command never waited").isLessThan(deadline);
        Thread.sleep(5);
      }
      saver.commit();
      return result.get(30, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
  }

  private static long waitingOnALock() {
    return sql.one(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND (query LIKE '%capacity.hold(%' OR query LIKE '%capacity.confirm(%'"
                + " OR query LIKE '%capacity.hold_and_confirm(%')")
        .number("n");
  }

  @Test
  void P1_7_capacityBelowThePartyIsRefusedByTheDatabaseItself() {
    String r = bistro();
    sql.booking(r, "b1", 4, SEVEN_PM);
    refusedEverywhere(r, "b1", tables("T1"), "RULE_BROKEN", "CAPACITY");
    assertThat(sql.hold(r, "b1", tables("T1", "T2")).code()).isEqualTo("OK");
  }

  @Test
  void P4_7_P4_5_overageAboveMaxOverageIsRefusedInEveryPath() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T5"));
    assertThat(hold.string("message")).contains("4 empty seats exceed maxOverage 2");
    refusedEverywhere(r, "b1", tables("T5"), "RULE_BROKEN", "CAPACITY");
    refusedEverywhere(r, "b1", tables("T3", "T4"), "RULE_BROKEN", "CAPACITY");
  }

  @Test
  void P2_1_minAndMaxPartySizeApplyToATableUsedAlone() {
    String r = bistro();
    sql.booking(r, "b4", 4, SEVEN_PM);
    sql.booking(r, "b5", 5, at(0));
    // T3 seats 4 but at most 3 alone
    refusedEverywhere(r, "b4", tables("T3"), "RULE_BROKEN", "PARTY_LIMITS");
    // in a combination only the capacity counts
    assertThat(sql.hold(r, "b5", tables("T2", "T3")).code()).isEqualTo("OK");
  }

  @Test
  void aTableThatIsNotCombinableCannotJoinAPlan() {
    String r = bistro();
    sql.booking(r, "b1", 6, SEVEN_PM);
    refusedEverywhere(r, "b1", tables("T4", "T7"), "RULE_BROKEN", "COMBINATION");
  }

  @Test
  void sameZoneRefusesAPlanAcrossZonesEvenWhenTheTablesTouch() {
    String r = bistro();
    sql.booking(r, "b1", 7, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T3", "T6"));
    assertThat(hold.code()).isEqualTo("RULE_BROKEN");
    assertThat(hold.string("message")).contains("tables span several zones");
  }

  @Test
  void moreTablesThanKMaxAreRefused() {
    String r = bistro();
    sql.booking(r, "b1", 11, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T1", "T2", "T3", "T4"));
    assertThat(hold.code()).isEqualTo("RULE_BROKEN");
    assertThat(hold.string("message")).contains("4 tables exceed kMax 3");
    assertThat(rules(hold)).contains("TABLES");
  }

  @Test
  void aBookingWithARequiredZoneIsSeatedOnlyThere() {
    String r = bistro();
    sql.saveBooking(r, "b1", 2, SEVEN_PM, null, "patio", "PENDING");
    refusedEverywhere(r, "b1", tables("T1"), "RULE_BROKEN", "BOOKING_ZONE");
    // overage 2 is allowed: a party of 2 on a patio table of 4
    assertThat(sql.hold(r, "b1", tables("T6")).code()).isEqualTo("OK");
  }

  @Test
  void anUnknownTableIsRefusedWithItsOwnCode() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    refusedEverywhere(r, "b1", tables("T1", "T99"), "UNKNOWN_TABLE", "TABLES");
  }

  /**
   * Adjacency modes on a line A-B-C-D (kMax 4, parties of 4 on tables of 1): connected accepts any
   * connected set, neighbors a set with one table touching all others, pairwise only cliques. The
   * old database check ("each table touches one other") accepted A+B+C+D split as A-B, C-D too.
   */
  @ParameterizedTest(name = "P2_3 {0} on {1}: {2}")
  @CsvSource({
    "CONNECTED, A+B+C, OK",
    "CONNECTED, A+B+C+D, OK",
    "CONNECTED, A+C, RULE_BROKEN",
    "CONNECTED, A+B+D, RULE_BROKEN",
    "NEIGHBORS, A+B+C, OK",
    "NEIGHBORS, A+B+C+D, RULE_BROKEN",
    "NEIGHBORS, A+B, OK",
    "PAIRWISE, A+B, OK",
    "PAIRWISE, A+B+C, RULE_BROKEN",
    "PAIRWISE, B+C+E, OK",
    "CONNECTED, B+A, OK",
    "CONNECTED, D+A, RULE_BROKEN",
    "NEIGHBORS, A+C, RULE_BROKEN",
    "PAIRWISE, D+C, OK",
    "PAIRWISE, A+E, RULE_BROKEN",
  })
  void P2_3_theDatabaseChecksTheSameAdjacencyModeAsThePlanner(
      String mode, String plan, String expected) {
    String r = SqlFixtures.newId("adjacency");
    String floor =
        """
        {"zones": [{"id": "z"}],
         "tables": [{"id": "A", "zone": "z", "capacity": 1}, {"id": "B", "zone": "z", "capacity": 1},
                    {"id": "C", "zone": "z", "capacity": 1}, {"id": "D", "zone": "z", "capacity": 1},
                    {"id": "E", "zone": "z", "capacity": 1}],
         "adjacency": [["A", "B"], ["B", "C"], ["C", "D"], ["B", "E"], ["C", "E"]]}""";
    String policy =
        "{\"kMax\": 4, \"maxOverage\": 4, \"adjacencyMode\": \""
            + mode
            + "\", \"bufferMinutes\": 0}";
    assertThat(sql.saveRestaurant(r, SqlFixtures.document("UTC", floor, policy)).code())
        .isEqualTo("OK");
    List<String> tables = Arrays.asList(plan.split("\\+"));
    sql.booking(r, "b", tables.size(), SEVEN_PM);
    Row hold = sql.hold(r, "b", tables);
    assertThat(hold.code()).as(hold.string("message")).isEqualTo(expected);
  }

  /**
   * Two tables are answered by one probe of the adjacency's primary key, whose edges are stored
   * with their ends in byte order: a pair whose byte order differs from a linguistic one ("B"
   * before "a") is found named either way round, and in every mode.
   */
  @Test
  void P2_3_twoTablesAreAdjacentWhicheverWayRoundTheyAreNamed() throws SQLException {
    String r = SqlFixtures.newId("pair");
    String floor =
        """
        {"zones": [{"id": "z"}],
         "tables": [{"id": "a", "zone": "z", "capacity": 1}, {"id": "B", "zone": "z", "capacity": 1},
                    {"id": "c", "zone": "z", "capacity": 1}],
         "adjacency": [["a", "B"]]}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.document("UTC", floor, "{}")).code())
        .isEqualTo("OK");
    // the helper runs inside the commands, on their search path
    try (Connection c = pool.getConnection();
        Statement setting = c.createStatement()) {
      setting.execute("SET search_path = " + SqlClient.SCHEMA);
      try (PreparedStatement s = c.prepareStatement("SELECT satisfies_adjacency(?, ?, ?)")) {
        for (String mode : List.of("CONNECTED", "NEIGHBORS", "PAIRWISE")) {
          for (String[] pair :
              List.of(
                  new String[] {"a", "B"},
                  new String[] {"B", "a"},
                  new String[] {"a", "c"},
                  new String[] {"c", "B"})) {
            s.setString(1, r);
            s.setArray(2, c.createArrayOf("text", pair));
            s.setString(3, mode);
            try (ResultSet rs = s.executeQuery()) {
              assertThat(rs.next()).isTrue();
              assertThat(rs.getBoolean(1))
                  .as(mode + " " + String.join("+", pair))
                  .isEqualTo(!Arrays.asList(pair).contains("c"));
            }
          }
        }
      } finally {
        setting.execute("RESET search_path");
      }
    }
  }

  @Test
  void P2_3_partiesBelowAdjacencyMinPartySizeNeedNoAdjacency() {
    String r = bistro();
    String policy =
        """
        {"bufferMinutes": 15, "adjacencyMinPartySize": 4, "maxOverage": 3,
         "servicePeriods": [{"name": "dinner", "start": "17:00", "end": "23:00"}]}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro(policy)).code()).isEqualTo("OK");
    sql.booking(r, "three", 3, SEVEN_PM);
    sql.booking(r, "four", 4, SEVEN_PM);
    // T1 and T4 do not touch: a party of 3 needs no adjacency, a party of 4 does
    Row four = sql.hold(r, "four", tables("T1", "T4"));
    assertThat(four.code()).isEqualTo("RULE_BROKEN");
    assertThat(four.string("message")).contains("tables are not connected");
    Row three = sql.hold(r, "three", tables("T1", "T4"));
    assertThat(three.code()).as(three.string("message")).isEqualTo("OK");
  }

  @Test
  void aPredefinedCombinationSeatsOnlyWithinItsOwnLimits() {
    String r = SqlFixtures.newId("combination");
    String floor =
        SqlFixtures.BISTRO_FLOOR.substring(0, SqlFixtures.BISTRO_FLOOR.lastIndexOf('}'))
            + ", \"combinations\": [{\"id\": \"big\", \"tables\": [\"T8\", \"T1\", \"T5\"],"
            + " \"minPartySize\": 9, \"maxPartySize\": 12}]}";
    assertThat(
            sql.saveRestaurant(
                    r, SqlFixtures.document("Europe/London", floor, SqlFixtures.BISTRO_POLICY))
                .code())
        .isEqualTo("OK");
    sql.booking(r, "ten", 10, SEVEN_PM);
    sql.booking(r, "eight", 8, SEVEN_PM);
    // zones, combinable flags and adjacency are the combination's business; capacity still counts
    Row ten = sql.hold(r, "ten", tables("T1", "T5", "T8"));
    assertThat(ten.code()).as(ten.string("message")).isEqualTo("OK");
    Row eight = sql.hold(r, "eight", tables("T1", "T5", "T8"));
    assertThat(eight.code()).isEqualTo("RULE_BROKEN");
    assertThat(eight.string("message")).contains("outside combination 'big' limits 9..12");
  }

  @Test
  void P4_6_aTableDeactivatedBetweenHoldAndConfirmIsRefusedAtConfirm() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T1"));
    assertThat(hold.code()).isEqualTo("OK");
    String inactive =
        SqlFixtures.BISTRO_FLOOR.replace(
            "{\"id\": \"T1\", \"zone\": \"main\", \"capacity\": 2}",
            "{\"id\": \"T1\", \"zone\": \"main\", \"capacity\": 2, \"active\": false}");
    assertThat(inactive).isNotEqualTo(SqlFixtures.BISTRO_FLOOR);
    assertThat(
            sql.saveRestaurant(
                    r, SqlFixtures.document("Europe/London", inactive, SqlFixtures.BISTRO_POLICY))
                .code())
        .isEqualTo("OK");
    Row confirm = sql.confirm(r, "b1", hold.string("hold_id"), "k1");
    assertThat(confirm.code()).isEqualTo("TABLE_INACTIVE");
    assertThat(confirm.string("message")).contains("table 'T1' is inactive");
    assertThat(sql.rowsOf(r, "booking:b1")).extracting(x -> x.string("kind")).containsOnly("HOLD");
  }

  @Test
  void P2_4_aStartOutsideEveryServicePeriodIsRefusedNotGivenAnotherWindow() {
    String r = bistro();
    sql.booking(r, "lunch", 2, Instant.parse("2026-11-20T12:00:00Z"));
    Row hold = sql.hold(r, "lunch", tables("T1"));
    assertThat(hold.code()).isEqualTo("OUTSIDE_SERVICE");
    assertThat(hold.string("message")).contains("2026-11-20T12:00 local time");
    sql.booking(r, "closing", 2, Instant.parse("2026-11-20T23:00:00Z"));
    assertThat(sql.hold(r, "closing", tables("T1")).code()).isEqualTo("OUTSIDE_SERVICE");
    sql.booking(r, "last", 2, Instant.parse("2026-11-20T22:45:00Z"));
    assertThat(sql.hold(r, "last", tables("T1")).code()).isEqualTo("OK");
  }

  @Test
  void P4_2_T1_aServiceAcrossMidnightAcceptsStartsAfterMidnightAndWindowsSpanTheDates() {
    String r = SqlFixtures.newId("late");
    String policy =
        """
        {"bufferMinutes": 0, "turnTimes": [{"upToPartySize": 8, "minutes": 120}],
         "servicePeriods": [{"name": "night", "start": "18:00", "end": "02:00"}]}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro(policy)).code()).isEqualTo("OK");
    // 23:30 to 01:30 against one at 00:30 on the same table
    sql.booking(r, "late", 2, Instant.parse("2026-11-20T23:30:00Z"));
    sql.booking(r, "later", 2, Instant.parse("2026-11-21T00:30:00Z"));
    sql.booking(r, "too-late", 2, Instant.parse("2026-11-21T02:00:00Z"));
    Row late = sql.hold(r, "late", tables("T1"));
    assertThat(late.code()).isEqualTo("OK");
    assertThat(late.get("hold_until")).isEqualTo(Instant.parse("2026-11-21T01:30:00Z"));
    Row later = sql.hold(r, "later", tables("T1"));
    assertThat(later.code()).isEqualTo("CONFLICT");
    assertThat(sql.hold(r, "later", tables("T2")).code()).isEqualTo("OK");
    assertThat(sql.hold(r, "too-late", tables("T4")).code()).isEqualTo("OUTSIDE_SERVICE");
  }

  @Test
  void aPartyWithoutTurnTimeAndWithoutEndIsRefusedWithItsOwnCode() {
    String r = bistro();
    String policy =
        """
        {"bufferMinutes": 15, "turnTimes": [{"upToPartySize": 4, "minutes": 90}]}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro(policy)).code()).isEqualTo("OK");
    sql.booking(r, "six", 6, SEVEN_PM);
    assertThat(sql.hold(r, "six", tables("T5")).code()).isEqualTo("NO_TURN_TIME");
    sql.saveBooking(r, "six-with-end", 6, SEVEN_PM, at(60), null, "PENDING");
    Row ok = sql.hold(r, "six-with-end", tables("T5"));
    assertThat(ok.code()).isEqualTo("OK");
    assertThat(ok.get("hold_until")).isEqualTo(at(75));
  }

  @Test
  void serviceTurnTimesReplaceTheGeneralOnesForStartsInThatService() {
    String r = bistro();
    String policy =
        """
        {"bufferMinutes": 0, "turnTimes": [{"upToPartySize": 99, "minutes": 120}],
         "servicePeriods": [{"name": "dinner", "start": "17:00", "end": "23:00"}],
         "serviceTurnTimes": {"dinner": [{"upToPartySize": 99, "minutes": 60}]}}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro(policy)).code()).isEqualTo("OK");
    sql.booking(r, "b1", 2, SEVEN_PM);
    assertThat(sql.hold(r, "b1", tables("T1")).get("hold_until")).isEqualTo(at(60));
  }

  @Test
  void windowsAreRoundedOutwardsToSlotsAsTheJavaOccupancyRoundsThem() {
    String r = bistro();
    // 19:05 to 20:10 plus 15 buffer: blocked [19:00, 20:30) in 15-minute slots
    sql.saveBooking(r, "odd", 2, at(5), at(70), null, "PENDING");
    assertThat(sql.hold(r, "odd", tables("T1")).code()).isEqualTo("OK");
    Row row = sql.rowsOf(r, "booking:odd").get(0);
    assertThat(row.string("during"))
        .isEqualTo("[\"2026-11-20 19:00:00+00\",\"2026-11-20 20:30:00+00\")");
    // a booking from 20:30 touches but does not overlap
    sql.booking(r, "next", 2, at(90));
    assertThat(sql.hold(r, "next", tables("T1")).code()).isEqualTo("OK");
    sql.booking(r, "before", 2, at(-95));
    assertThat(sql.hold(r, "before", tables("T1")).code()).isEqualTo("CONFLICT");
  }

  @Test
  void pacingCountsAssignmentsAndLiveHoldsOfOtherBookingsStartingInTheWindow() {
    String r = bistro();
    String policy =
        """
        {"bufferMinutes": 15, "pacing": {"windowMinutes": 30, "maxCovers": 6},
         "servicePeriods": [{"name": "dinner", "start": "17:00", "end": "23:00"}]}""";
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro(policy)).code()).isEqualTo("OK");
    sql.booking(r, "a", 4, SEVEN_PM);
    sql.booking(r, "b", 2, at(15));
    sql.booking(r, "c", 2, at(29));
    sql.booking(r, "d", 2, at(30));
    assertThat(sql.hold(r, "a", tables("T4")).code()).isEqualTo("OK");
    assertThat(sql.assign(r, "b", tables("T1"), "kb").code()).isEqualTo("OK");
    Row c = sql.hold(r, "c", tables("T2"));
    assertThat(c.code()).isEqualTo("PACING_FULL");
    assertThat(c.string("message")).contains("6 covers already start in the 30-minute");
    assertThat(rules(c)).containsExactly("PACING");
    // the next window is empty
    assertThat(sql.hold(r, "d", tables("T2")).code()).isEqualTo("OK");
    // a booking's own hold does not count against it when it is held again or confirmed
    Row again = sql.hold(r, "a", tables("T4"));
    assertThat(again.code()).isEqualTo("OK");
    assertThat(sql.confirm(r, "a", again.string("hold_id"), "ka").code()).isEqualTo("OK");
    // an expired hold counts for nobody
    sql.booking(r, "e", 2, at(45));
    Row expired = sql.hold(r, "e", tables("T7"), "1 second", Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(expired.code()).isEqualTo("OK");
    sql.booking(r, "f", 4, at(40));
    assertThat(sql.hold(r, "f", tables("T6")).code()).isEqualTo("OK");
  }

  /**
   * Every single-column rule that V004 moved into a domain, the two-column rule left on
   * dining_table and occupancy's owner rule (a function call since V006) still refuse a bad value
   * written by plain SQL, with check_violation naming the constraint (the same names as the table
   * constraints they replaced).
   */
  @Test
  void theSchemaItselfRefusesBadValuesWrittenByPlainSql() {
    String r = bistro();
    assertThat(sql.booking(r, "b1", 2, at(0)).code()).isEqualTo("OK");
    assertThat(sql.holdAndConfirm(r, "b1", List.of("T1"), "k1").code()).isEqualTo("OK");
    String restaurant = " WHERE restaurant_id = '" + r + "'";
    String table = restaurant + " AND table_id = 'T3'";
    String booking = restaurant + " AND booking_id = 'b1'";
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("UPDATE capacity.restaurant SET time_zone = ' '" + restaurant, "not_blank");
    refused.put("UPDATE capacity.dining_table SET capacity = 0" + table, "positive_count");
    refused.put("UPDATE capacity.dining_table SET min_party_size = 0" + table, "positive_count");
    refused.put(
        "UPDATE capacity.dining_table SET max_party_size = 0" + table, "dining_table_party_limits");
    refused.put("UPDATE capacity.booking SET status = 'LOST'" + booking, "booking_status");
    refused.put("UPDATE capacity.booking SET party_size = 0" + booking, "positive_count");
    refused.put("UPDATE capacity.occupancy SET kind = 'LOST'" + booking, "occupancy_kind");
    refused.put("UPDATE capacity.occupancy SET during = 'empty'" + booking, "occupancy_range");
    refused.put(
        "UPDATE capacity.occupancy SET during = tstzrange(lower(during), NULL)" + booking,
        "occupancy_range");
    refused.put(
        "UPDATE capacity.occupancy SET during = tstzrange(lower(during), upper(during), '[]')"
            + booking,
        "occupancy_range");
    // the owner rule over several columns, a function call since V006
    refused.put(
        "UPDATE capacity.occupancy SET expires_at = now() + interval '1 hour'" + booking,
        "occupancy_owner");
    refused.put("UPDATE capacity.occupancy SET kind = 'HOLD'" + booking, "occupancy_owner");
    refused.put("UPDATE capacity.occupancy SET kind = 'BLOCK'" + booking, "occupancy_owner");
    refused.put("UPDATE capacity.occupancy SET block_id = 'x'" + booking, "occupancy_owner");
    refused.forEach(
        (statement, constraint) ->
            assertThatThrownBy(() -> sql.execute(statement))
                .as(statement)
                .isInstanceOfSatisfying(
                    SQLException.class,
                    e -> {
                      assertThat(e.getSQLState()).isEqualTo("23514");
                      assertThat(e.getMessage()).contains('"' + constraint + '"');
                    }));
    // nothing was written, and JDBC reads domain columns as their base types (String, Integer)
    assertThat(
            sql.one(
                    "SELECT b.status, b.party_size, o.kind FROM capacity.booking b"
                        + " JOIN capacity.occupancy o USING (restaurant_id, booking_id)"
                        + " WHERE b.restaurant_id = ? AND b.booking_id = 'b1'",
                    r)
                .values())
        .containsEntry("status", "CONFIRMED")
        .containsEntry("party_size", 2)
        .containsEntry("kind", "ASSIGNMENT");
  }
}
