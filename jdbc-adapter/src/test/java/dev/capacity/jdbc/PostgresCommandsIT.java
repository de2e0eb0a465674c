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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commands of the SQL functions called directly: holds and their expiry, confirmation and
 * idempotency, direct assignment with its context version, state transitions, blocks, and the
 * isolation of restaurants. Each test works in a restaurant of its own.
 */
@ExtendWith(PostgresExtension.class)
class PostgresCommandsIT {
  private static final Instant MORNING = Instant.parse("2026-11-20T10:00:00Z");

  private static SqlClient sql;

  @BeforeAll
  static void migrate(DataSource dataSource) {
    PostgresSchema.migrate(dataSource, SqlClient.SCHEMA);
    sql = new SqlClient(dataSource);
  }

  private static String bistro() {
    String r = SqlFixtures.newId("commands");
    assertThat(sql.saveRestaurant(r, SqlFixtures.bistro()).code()).isEqualTo("OK");
    return r;
  }

  private static List<String> tables(String... ids) {
    return List.of(ids);
  }

  // ------------------------------------------------------------------------------------ holds

  @Test
  void P4_1_nullEmptyBlankOrRepeatedTableIdsAreRefusedAndWriteNothing() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    List<List<String>> bad =
        List.of(
            List.of(),
            Arrays.asList("T1", null),
            List.of("T1", " "),
            List.of("T1", "T1"),
            List.of("T2", "T1", "T2"));
    for (List<String> plan : bad) {
      Row hold = sql.hold(r, "b1", plan, "5 minutes", null);
      assertThat(hold.code()).as("hold %s", plan).isEqualTo("INVALID_REQUEST");
      Row assign = sql.assign(r, "b1", plan, "k");
      assertThat(assign.code()).as("assign %s", plan).isEqualTo("INVALID_REQUEST");
    }
    assertThat(sql.hold(r, "b1", null, "5 minutes", null).code()).isEqualTo("INVALID_REQUEST");
    assertThat(sql.hold(r, "b1", tables("T1"), "0 seconds", null).code())
        .isEqualTo("INVALID_REQUEST");
    assertThat(sql.rowsOf(r, "booking:b1")).isEmpty();
    assertThat(sql.query("SELECT * FROM capacity.hold WHERE restaurant_id = ?", r)).isEmpty();
  }

  @Test
  void P3_4_H1_aBookingHasOneHoldAndANewHoldReplacesTheOldInTheSameStep() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row first = sql.hold(r, "b1", tables("T1"));
    // its own hold never blocks a re-hold of the same table
    Row second = sql.hold(r, "b1", tables("T1"));
    assertThat(second.code()).isEqualTo("OK");
    assertThat(second.string("hold_id")).isNotEqualTo(first.string("hold_id"));
    Row third = sql.hold(r, "b1", tables("T2"));
    assertThat(sql.rowsOf(r, "booking:b1"))
        .singleElement()
        .satisfies(row -> assertThat(row.string("table_id")).isEqualTo("T2"))
        .satisfies(row -> assertThat(row.string("hold_id")).isEqualTo(third.string("hold_id")));
    assertThat(sql.confirm(r, "b1", first.string("hold_id"), "k1").code())
        .isEqualTo("HOLD_NOT_FOUND");
    // T1 is free again for someone else
    sql.booking(r, "b2", 2, SEVEN_PM);
    assertThat(sql.hold(r, "b2", tables("T1")).code()).isEqualTo("OK");
  }

  @Test
  void H1_aConfirmedBookingMayHoldItsOwnTablesAgainWhileItMoves() {
    String r = bistro();
    sql.booking(r, "b1", 4, SEVEN_PM);
    assertThat(sql.assign(r, "b1", tables("T1", "T2"), "k1").code()).isEqualTo("OK");
    Row move = sql.hold(r, "b1", tables("T2", "T3"));
    assertThat(move.code()).as(move.string("message")).isEqualTo("OK");
    assertThat(move.list("assigned_tables")).containsExactly("T1", "T2");
    Row confirmed = sql.confirm(r, "b1", move.string("hold_id"), "k2");
    assertThat(confirmed.code()).isEqualTo("OK");
    assertThat(confirmed.list("assigned_tables")).containsExactly("T2", "T3");
    assertThat(sql.rowsOf(r, "booking:b1"))
        .extracting(row -> row.string("kind") + ":" + row.string("table_id"))
        .containsExactly("ASSIGNMENT:T2", "ASSIGNMENT:T3");
  }

  @Test
  void H2_P3_2_anExpiredHoldBlocksNobodyEvenBeforeTheSweeper() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.booking(r, "b2", 2, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T1"), "5 minutes", MORNING);
    assertThat(hold.get("hold_expires_at")).isEqualTo(MORNING.plusSeconds(300));
    // one microsecond before expiry the hold still blocks
    Instant justBefore = MORNING.plusSeconds(300).minusNanos(1000);
    assertThat(sql.hold(r, "b2", tables("T1"), "5 minutes", justBefore).code())
        .isEqualTo("CONFLICT");
    // at its expiry it is dead: the next writer deletes it in its own transaction
    Instant expiry = MORNING.plusSeconds(300);
    Row taken = sql.hold(r, "b2", tables("T1"), "5 minutes", expiry);
    assertThat(taken.code()).isEqualTo("OK");
    assertThat(sql.rowsOf(r, "booking:b1")).isEmpty();
    Row late = sql.confirm(r, "b1", hold.string("hold_id"), "k1", expiry);
    assertThat(late.code()).isEqualTo("HOLD_EXPIRED");
    assertThat(sql.release(r, "b1", hold.string("hold_id")).code()).isEqualTo("HOLD_EXPIRED");
  }

  @Test
  void P3_2_confirmComparesExpiryWithTheClockAtItsStatementNotTheTransactionStart()
      throws SQLException {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    // One transaction: a hold living one microsecond, then its confirm. now() (the transaction
    // start) is still before the expiry; the clock at the confirm's statement is past it.
    try (Connection c = sql.dataSource().getConnection()) {
      c.setAutoCommit(false);
      String holdId;
      try (PreparedStatement hold =
          c.prepareStatement(
              "SELECT hold_id, now() < hold_expires_at AS live_by_transaction_start"
                  + " FROM capacity.hold(?, 'b1', ARRAY['T1'], interval '1 microsecond')")) {
        hold.setString(1, r);
        try (ResultSet rs = hold.executeQuery()) {
          assertThat(rs.next()).isTrue();
          holdId = rs.getString(1);
          assertThat(rs.getBoolean(2)).isTrue();
        }
      }
      try (PreparedStatement confirm =
          c.prepareStatement("SELECT code FROM capacity.confirm(?, 'b1', ?, 'k1', 'it')")) {
        confirm.setString(1, r);
        confirm.setString(2, holdId);
        try (ResultSet rs = confirm.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("HOLD_EXPIRED");
        }
      }
      c.rollback();
    }
  }

  @Test
  void sweepDeletesExpiredHoldRowsAndKeepsTheHoldAsATombstone() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.booking(r, "b2", 4, SEVEN_PM);
    Row h1 = sql.hold(r, "b1", tables("T1"), "5 minutes", MORNING);
    assertThat(sql.hold(r, "b2", tables("T4"), "10 minutes", MORNING).code()).isEqualTo("OK");
    assertThat(sql.sweep(r, MORNING.plusSeconds(299))).isZero();
    assertThat(sql.sweep(r, MORNING.plusSeconds(300))).isEqualTo(1);
    assertThat(sql.sweep(r, MORNING.plusSeconds(300))).isZero();
    assertThat(sql.sweep(r, MORNING.plusSeconds(600))).isEqualTo(1);
    assertThat(sql.query("SELECT * FROM capacity.occupancy WHERE restaurant_id = ?", r)).isEmpty();
    assertThat(sql.confirm(r, "b1", h1.string("hold_id"), "k", MORNING.plusSeconds(601)).code())
        .isEqualTo("HOLD_EXPIRED");
    assertThat(sql.sweep("no-such-restaurant", null)).isZero();
  }

  @Test
  void releaseFreesTheTablesAndAReleasedHoldIsNotFound() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T1"));
    Row released = sql.release(r, "b1", hold.string("hold_id"));
    assertThat(released.code()).isEqualTo("OK");
    assertThat(released.list("hold_tables")).containsExactly("T1");
    assertThat(sql.release(r, "b1", hold.string("hold_id")).code()).isEqualTo("HOLD_NOT_FOUND");
    assertThat(sql.release(r, "nobody", "hold-1").code()).isEqualTo("BOOKING_NOT_FOUND");
    assertThat(sql.rowsOf(r, "booking:b1")).isEmpty();
  }

  // --------------------------------------------------------------------- confirm, idempotency

  @Test
  void confirmTurnsTheHoldIntoTheAssignmentAndConfirmsThePendingBooking() {
    String r = bistro();
    sql.booking(r, "b1", 4, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T2", "T1"));
    Row c = sql.confirm(r, "b1", hold.string("hold_id"), "k1");
    assertThat(c.code()).isEqualTo("OK");
    assertThat(c.string("status")).isEqualTo("CONFIRMED");
    assertThat(c.list("assigned_tables")).containsExactly("T1", "T2");
    assertThat(c.get("assigned_start")).isEqualTo(SEVEN_PM);
    assertThat(c.get("assigned_end")).isEqualTo(at(105));
    assertThat(c.get("hold_tables")).isNull();
    assertThat(c.get("repeated")).isEqualTo(false);
    assertThat(sql.rowsOf(r, "booking:b1"))
        .extracting(row -> row.string("kind"))
        .containsExactly("ASSIGNMENT", "ASSIGNMENT");
    assertThat(sql.query("SELECT * FROM capacity.hold WHERE restaurant_id = ?", r)).isEmpty();
    List<Row> history =
        sql.query("SELECT * FROM capacity.booking_history WHERE restaurant_id = ? ORDER BY seq", r);
    assertThat(history)
        .singleElement()
        .satisfies(h -> assertThat(h.string("from_status")).isEqualTo("PENDING"))
        .satisfies(h -> assertThat(h.string("to_status")).isEqualTo("CONFIRMED"))
        .satisfies(h -> assertThat(h.string("actor")).isEqualTo("it"));
  }

  @Test
  void P1_3_aRepeatedConfirmReturnsTheStoredOutcomeAndTheSameKeyForAnotherPlanIsRefused() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.booking(r, "b2", 2, SEVEN_PM);
    Row hold = sql.hold(r, "b1", tables("T1"));
    Row first = sql.confirm(r, "b1", hold.string("hold_id"), "key-1");
    Row again = sql.confirm(r, "b1", hold.string("hold_id"), "key-1");
    assertThat(again.code()).isEqualTo("OK");
    assertThat(again.get("repeated")).isEqualTo(true);
    assertThat(again.list("assigned_tables")).isEqualTo(first.list("assigned_tables"));
    assertThat(again.number("occupancy_version")).isEqualTo(first.number("occupancy_version"));
    Row other = sql.hold(r, "b2", tables("T2"));
    Row reused = sql.confirm(r, "b2", other.string("hold_id"), "key-1");
    assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(reused.string("message")).contains("was used for CONFIRM of booking 'b1'");
    Row assignReused = sql.assign(r, "b2", tables("T2"), "key-1");
    assertThat(assignReused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    // a refusal is not recorded: the key stays usable
    sql.booking(r, "b3", 2, SEVEN_PM);
    assertThat(sql.assign(r, "b3", tables("T1"), "key-3").code()).isEqualTo("CONFLICT");
    assertThat(sql.assign(r, "b3", tables("T7"), "key-3").code()).isEqualTo("OK");
  }

  @Test
  void P1_6_aRepeatAndAnOverlapAreDifferentReasons() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.booking(r, "b2", 2, at(30));
    assertThat(sql.assign(r, "b1", tables("T1"), "k1").code()).isEqualTo("OK");
    Row repeat = sql.assign(r, "b1", tables("T1"), "k1");
    assertThat(repeat.code()).isEqualTo("OK");
    assertThat(repeat.get("repeated")).isEqualTo(true);
    Row overlap = sql.assign(r, "b2", tables("T1"), "k2");
    assertThat(overlap.code()).isEqualTo("CONFLICT");
    assertThat(overlap.string("details")).contains("\"owner\": \"b1\"");
  }

  @Test
  void P1_5_theConflictsOfAWholeUnitAreFoundTogether() {
    String r = bistro();
    sql.booking(r, "x", 2, SEVEN_PM);
    sql.booking(r, "y", 2, SEVEN_PM);
    sql.booking(r, "z", 4, at(30));
    sql.hold(r, "x", tables("T1"));
    sql.assign(r, "y", tables("T2"), "ky");
    Row refused = sql.hold(r, "z", tables("T1", "T2"));
    assertThat(refused.code()).isEqualTo("CONFLICT");
    assertThat(refused.string("details"))
        .contains("\"kind\": \"HOLD\", \"owner\": \"x\"")
        .contains("\"kind\": \"ASSIGNMENT\", \"owner\": \"y\"");
    assertThat(refused.string("message")).contains("held for booking 'x'");
    assertThat(refused.string("message")).contains("assigned to booking 'y'");
  }

  @Test
  void P4_4_cancelledCompletedAndNoShowBookingsGetNoTables() {
    String r = bistro();
    for (String state : List.of("CANCELLED", "NO_SHOW")) {
      String b = "b-" + state;
      sql.booking(r, b, 2, SEVEN_PM);
      Row hold = sql.hold(r, b, tables("T1"));
      assertThat(sql.transition(r, b, state).code()).isEqualTo("OK");
      assertThat(sql.confirm(r, b, hold.string("hold_id"), "k-" + b).code())
          .isEqualTo("BOOKING_NOT_ASSIGNABLE");
      assertThat(sql.hold(r, b, tables("T1")).code()).isEqualTo("BOOKING_NOT_ASSIGNABLE");
      assertThat(sql.assign(r, b, tables("T1"), "a-" + b).code())
          .isEqualTo("BOOKING_NOT_ASSIGNABLE");
      assertThat(sql.rowsOf(r, "booking:" + b)).isEmpty();
    }
    sql.booking(r, "done", 2, SEVEN_PM);
    sql.assign(r, "done", tables("T1"), "k-done");
    sql.transition(r, "done", "SEATED");
    sql.transition(r, "done", "COMPLETED");
    assertThat(sql.hold(r, "done", tables("T1")).code()).isEqualTo("BOOKING_NOT_ASSIGNABLE");
    assertThat(sql.hold(r, "nobody", tables("T1")).code()).isEqualTo("BOOKING_NOT_FOUND");
  }

  // -------------------------------------------------------------------- direct assignment

  @Test
  void P2_8_P3_1_aChangedContextIsRefusedWithWhatChanged() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.booking(r, "b2", 2, SEVEN_PM);
    Row ctx =
        sql.one(
            "SELECT floor_version, policy_version, occupancy_version FROM capacity.restaurant"
                + " WHERE restaurant_id = ?",
            r);
    String floor = ctx.string("floor_version");
    String policy = ctx.string("policy_version");
    long seen = ctx.number("occupancy_version");
    // someone else takes T1 after the decision was made
    assertThat(sql.assign(r, "b2", tables("T1"), "k2").code()).isEqualTo("OK");
    Row stale = sql.assign(r, "b1", tables("T1"), floor, policy, 1, seen, "k1");
    assertThat(stale.code()).isEqualTo("CONTEXT_CHANGED");
    assertThat(stale.string("details"))
        .contains("\"part\": \"OCCUPANCY\"")
        .contains("\"tables\": [\"T1\"]");
    // only the chosen tables' occupancy matters: T7 did not change
    assertThat(sql.assign(r, "b1", tables("T7"), floor, policy, 1, seen, "k1").code())
        .isEqualTo("OK");
    // the booking changed (it is confirmed now): its version moved
    Row booking = sql.assign(r, "b1", tables("T4"), floor, policy, 1, seen + 10, "k3");
    assertThat(booking.code()).isEqualTo("CONTEXT_CHANGED");
    assertThat(booking.string("message")).contains("BOOKING 1 ->");
    assertThat(booking.string("message")).contains("OCCUPANCY");
    Row policyChanged = sql.assign(r, "b1", tables("T4"), floor, "old", 1, seen, "k4");
    assertThat(policyChanged.string("details")).contains("\"part\": \"POLICY\"");
  }

  @Test
  void U1_unassignLeavesNothingThatBlocksALaterReassignment() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    Row assigned = sql.assign(r, "b1", tables("T1"), "k1");
    assertThat(assigned.string("status")).isEqualTo("CONFIRMED");
    Row unassigned = sql.unassign(r, "b1");
    assertThat(unassigned.code()).isEqualTo("OK");
    assertThat(unassigned.string("status")).isEqualTo("PENDING");
    assertThat(unassigned.get("assigned_tables")).isNull();
    assertThat(sql.rowsOf(r, "booking:b1")).isEmpty();
    assertThat(sql.query("SELECT * FROM capacity.idempotency_ledger WHERE restaurant_id = ?", r))
        .isEmpty();
    // the old key no longer returns the old plan: the same command runs again
    Row again = sql.assign(r, "b1", tables("T1"), "k1");
    assertThat(again.code()).isEqualTo("OK");
    assertThat(again.get("repeated")).isEqualTo(false);
    // and after cancelling, another booking takes the same table
    sql.transition(r, "b1", "CANCELLED");
    sql.booking(r, "b2", 2, SEVEN_PM);
    assertThat(sql.assign(r, "b2", tables("T1"), "k2").code()).isEqualTo("OK");
    // unassigning a booking without tables is a no-op success
    sql.booking(r, "b3", 2, SEVEN_PM);
    assertThat(sql.unassign(r, "b3").code()).isEqualTo("OK");
  }

  // -------------------------------------------------------------------------- transitions

  @Test
  void transitionsFollowTheLifeCycleAndRecordWhoWhenAndWhy() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    assertThat(sql.transition(r, "b1", "CONFIRMED").code()).isEqualTo("TRANSITION_NOT_ALLOWED");
    assertThat(sql.transition(r, "b1", "SEATED").code()).isEqualTo("TRANSITION_NOT_ALLOWED");
    assertThat(sql.transition(r, "b1", "PENDING").code()).isEqualTo("OK");
    Row hold = sql.hold(r, "b1", tables("T1"));
    sql.confirm(r, "b1", hold.string("hold_id"), "k1");
    Row moving = sql.hold(r, "b1", tables("T2"));
    assertThat(moving.code()).isEqualTo("OK");
    Row seated = sql.transition(r, "b1", "SEATED");
    assertThat(seated.string("status")).isEqualTo("SEATED");
    assertThat(seated.list("assigned_tables")).containsExactly("T1");
    assertThat(seated.get("hold_id")).isNull();
    assertThat(sql.unassign(r, "b1").code()).isEqualTo("TRANSITION_NOT_ALLOWED");
    assertThat(sql.transition(r, "b1", "CANCELLED").code()).isEqualTo("TRANSITION_NOT_ALLOWED");
    Row done = sql.transition(r, "b1", "COMPLETED");
    assertThat(done.get("assigned_tables")).isNull();
    assertThat(sql.transition(r, "b1", "PENDING").code()).isEqualTo("TRANSITION_NOT_ALLOWED");
    assertThat(sql.transition(r, "nobody", "PENDING").code()).isEqualTo("BOOKING_NOT_FOUND");
    assertThat(
            sql.query(
                "SELECT from_status || '>' || to_status AS move FROM capacity.booking_history"
                    + " WHERE restaurant_id = ? ORDER BY seq",
                r))
        .extracting(row -> row.string("move"))
        .containsExactly("PENDING>CONFIRMED", "CONFIRMED>SEATED", "SEATED>COMPLETED");
  }

  @Test
  void saveBookingKeepsTheStateMachineAndThePlanOfABookingWithTables() {
    String r = bistro();
    assertThat(sql.saveBooking(r, "new", 2, SEVEN_PM, null, null, "CONFIRMED").code())
        .isEqualTo("INVALID_REQUEST");
    Row created = sql.booking(r, "b1", 2, SEVEN_PM);
    assertThat(created.number("booking_version")).isEqualTo(1);
    assertThat(sql.saveBooking(r, "b1", 2, SEVEN_PM, null, null, "CANCELLED").code())
        .isEqualTo("INVALID_REQUEST");
    Row moved = sql.booking(r, "b1", 2, at(15));
    assertThat(moved.number("booking_version")).isEqualTo(2);
    assertThat(sql.booking(r, "b1", 2, at(15)).number("booking_version")).isEqualTo(2);
    sql.hold(r, "b1", tables("T1"));
    assertThat(sql.booking(r, "b1", 2, at(30)).code()).isEqualTo("INVALID_REQUEST");
    assertThat(sql.saveBooking("nowhere", "b1", 2, SEVEN_PM, null, null, "PENDING").code())
        .isEqualTo("INVALID_REQUEST");
    assertThat(sql.saveBooking(r, "bad", 0, SEVEN_PM, null, null, "PENDING").code())
        .isEqualTo("INVALID_REQUEST");
  }

  // -------------------------------------------------------------------------------- blocks

  @Test
  void blocksOccupyTablesAndCannotOverlapAnythingElse() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.assign(r, "b1", tables("T1"), "k1");
    assertThat(sql.addBlock(r, "k", "T1", at(60), at(180)).code()).isEqualTo("CONFLICT");
    Row block = sql.addBlock(r, "k", "T2", at(60), at(180));
    assertThat(block.code()).isEqualTo("OK");
    assertThat(block.string("block_table")).isEqualTo("T2");
    sql.booking(r, "b2", 2, SEVEN_PM);
    Row held = sql.hold(r, "b2", tables("T2"));
    assertThat(held.code()).isEqualTo("CONFLICT");
    assertThat(held.string("message")).contains("blocked by block 'k'");
    // replacing a block by id moves it
    assertThat(sql.addBlock(r, "k", "T4", at(60), at(180)).code()).isEqualTo("OK");
    assertThat(sql.hold(r, "b2", tables("T2")).code()).isEqualTo("OK");
    assertThat(sql.addBlock(r, "k2", "T4", at(120), at(200)).code()).isEqualTo("CONFLICT");
    assertThat(sql.addBlock(r, "k3", "T99", at(60), at(180)).code()).isEqualTo("UNKNOWN_TABLE");
    assertThat(sql.addBlock("nowhere", "k3", "T1", at(60), at(180)).code())
        .isEqualTo("INVALID_REQUEST");
    assertThat(sql.removeBlock(r, "k").string("block_table")).isEqualTo("T4");
    assertThat(sql.removeBlock(r, "k").code()).isEqualTo("INVALID_REQUEST");
  }

  // ----------------------------------------------------------------- constraint, restaurants

  @Test
  void P1_1_P1_2_theExclusionConstraintRefusesOverlapsWhateverPathWrites() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.booking(r, "b2", 2, SEVEN_PM);
    sql.assign(r, "b1", tables("T1"), "k1");
    // a writer that bypasses the functions entirely, with no lock at all
    assertThatThrownBy(
            () ->
                sql.execute(
                    "INSERT INTO capacity.occupancy (restaurant_id, table_id, kind, booking_id,"
                        + " during, starts_at, ends_at, until_at)"
                        + " VALUES (?, 'T1', 'ASSIGNMENT', 'b2',"
                        + " tstzrange('2026-11-20 20:00Z', '2026-11-20 21:00Z'),"
                        + " '2026-11-20 20:00Z', '2026-11-20 21:00Z', '2026-11-20 21:00Z')",
                    r))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23P01"));
  }

  @Test
  void P2_9_aTableMovedToAnotherZoneCannotBeDoubleBooked() {
    String r = bistro();
    sql.booking(r, "main", 4, SEVEN_PM);
    sql.saveBooking(r, "patio", 4, SEVEN_PM, null, "patio", "PENDING");
    assertThat(sql.assign(r, "main", tables("T4"), "k1").code()).isEqualTo("OK");
    String moved =
        SqlFixtures.BISTRO_FLOOR.replace(
            "{\"id\": \"T4\", \"zone\": \"main\", \"capacity\": 4}",
            "{\"id\": \"T4\", \"zone\": \"patio\", \"capacity\": 4}");
    assertThat(
            sql.saveRestaurant(
                    r, SqlFixtures.document("Europe/London", moved, SqlFixtures.BISTRO_POLICY))
                .code())
        .isEqualTo("OK");
    Row refused = sql.assign(r, "patio", tables("T4"), "k2");
    assertThat(refused.code()).isEqualTo("CONFLICT");
  }

  @Test
  void oneRestaurantsIdsCannotTouchAnotherRestaurantsRows() {
    String a = bistro();
    String b = bistro();
    sql.booking(a, "b1", 2, SEVEN_PM);
    sql.booking(b, "b1", 2, SEVEN_PM);
    sql.booking(a, "only-a", 2, SEVEN_PM);
    Row holdA = sql.hold(a, "b1", tables("T1"));
    // the same table at the same time in another restaurant is free
    Row holdB = sql.hold(b, "b1", tables("T1"));
    assertThat(holdB.code()).isEqualTo("OK");
    // a's hold id means nothing in b, a's booking does not exist in b
    assertThat(sql.confirm(b, "b1", holdA.string("hold_id"), "k").code())
        .isEqualTo("HOLD_NOT_FOUND");
    assertThat(sql.release(b, "b1", holdA.string("hold_id")).code()).isEqualTo("HOLD_NOT_FOUND");
    assertThat(sql.hold(b, "only-a", tables("T2")).code()).isEqualTo("BOOKING_NOT_FOUND");
    assertThat(sql.transition(b, "only-a", "CANCELLED").code()).isEqualTo("BOOKING_NOT_FOUND");
    // keys are per restaurant
    assertThat(sql.confirm(a, "b1", holdA.string("hold_id"), "same-key").code()).isEqualTo("OK");
    assertThat(sql.confirm(b, "b1", holdB.string("hold_id"), "same-key").code()).isEqualTo("OK");
    // cancelling in a leaves b alone
    sql.transition(a, "b1", "CANCELLED");
    assertThat(sql.rowsOf(a, "booking:b1")).isEmpty();
    assertThat(sql.rowsOf(b, "booking:b1")).hasSize(1);
    // blocks are per restaurant too
    assertThat(sql.addBlock(a, "k", "T2", SEVEN_PM, at(60)).code()).isEqualTo("OK");
    assertThat(sql.removeBlock(b, "k").code()).isEqualTo("INVALID_REQUEST");
    // every table leads with restaurant_id
    List<Row> columns =
        sql.query(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c"
                + " JOIN information_schema.tables t USING (table_schema, table_name)"
                + " WHERE c.table_schema = 'capacity' AND c.ordinal_position = 1"
                + " AND t.table_type = 'BASE TABLE' AND c.table_name <> ?",
            PostgresSchema.HISTORY_TABLE);
    assertThat(columns).hasSizeGreaterThan(10);
    assertThat(columns)
        .allSatisfy(c -> assertThat(c.string("column_name")).isEqualTo("restaurant_id"));
  }

  @Test
  void aFloorPlanThatDropsAnOccupiedTableIsRefused() {
    String r = bistro();
    sql.booking(r, "b1", 2, SEVEN_PM);
    sql.assign(r, "b1", tables("T1"), "k1");
    String withoutT1 =
        SqlFixtures.BISTRO_FLOOR
            .replace("{\"id\": \"T1\", \"zone\": \"main\", \"capacity\": 2},", "")
            .replace("[\"T1\", \"T2\"], ", "");
    Row refused =
        sql.saveRestaurant(
            r, SqlFixtures.document("Europe/London", withoutT1, SqlFixtures.BISTRO_POLICY));
    assertThat(refused.code()).as(refused.string("message")).isEqualTo("UNKNOWN_TABLE");
    assertThat(refused.string("message")).contains("{T1}");
    sql.unassign(r, "b1");
    assertThat(
            sql.saveRestaurant(
                    r, SqlFixtures.document("Europe/London", withoutT1, SqlFixtures.BISTRO_POLICY))
                .code())
        .isEqualTo("OK");
    assertThat(sql.saveRestaurant(r, SqlFixtures.document("Mars/Base", "{}", "{}")).code())
        .isEqualTo("INVALID_REQUEST");
  }
}
