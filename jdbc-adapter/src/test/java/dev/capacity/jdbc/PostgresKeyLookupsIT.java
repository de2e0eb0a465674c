package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.jdbc.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commands' lookups by key are planned as lookups by that key even when the statistics describe
 * empty tables, which is what {@code ANALYZE} leaves before a day's first writes. Every index leads
 * with {@code restaurant_id}, so each could serve a walk through a restaurant's rows; with nothing
 * to tell them apart the planner took the wrong one, and every command's ledger lookup filtered all
 * of the restaurant's ledger entries (found with callgrind: a third of the instructions of a
 * hold-and-confirm on a seated day). The plans are read as the functions get them: generic, with
 * sequential scans off.
 */
@ExtendWith(PostgresExtension.class)
class PostgresKeyLookupsIT {
  private static final String SCHEMA = "keylookups";

  @BeforeAll
  static void migrateAndAnalyseTheEmptyTables(DataSource dataSource) throws SQLException {
    PostgresSchema.migrate(dataSource, SCHEMA);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("idempotency_ledger", "occupancy", "booking")) {
        s.execute("ANALYZE " + SCHEMA + "." + table);
      }
    }
  }

  @Test
  void theLedgerIsReadByItsKey(DataSource dataSource) throws SQLException {
    assertThat(
            plan(
                dataSource,
                "SELECT * FROM idempotency_ledger WHERE restaurant_id = $1 AND idempotency_key = $2",
                "'r', 'k'"))
        .contains("idempotency_ledger_pk")
        .doesNotContain("Filter");
  }

  @Test
  void aBookingsLedgerEntriesAreFoundByTheBookingIndex(DataSource dataSource) throws SQLException {
    assertThat(
            plan(
                dataSource,
                "SELECT * FROM idempotency_ledger WHERE restaurant_id = $1 AND booking_id = $2",
                "'r', 'b'"))
        .contains("idempotency_ledger_booking_idx")
        .doesNotContain("Filter");
  }

  @Test
  void aBookingsOccupancyIsReadByTheBookingIndexAndABlocksByTheBlockIndex(DataSource dataSource)
      throws SQLException {
    assertThat(
            plan(
                dataSource,
                "SELECT table_id FROM occupancy WHERE restaurant_id = $1 AND booking_id = $2",
                "'r', 'b'"))
        .contains("occupancy_booking_idx")
        .doesNotContain("Filter");
    assertThat(
            plan(
                dataSource,
                "SELECT table_id FROM occupancy WHERE restaurant_id = $1 AND block_id = $2",
                "'r', 'x'"))
        .contains("occupancy_block_idx")
        .doesNotContain("Filter");
  }

  /** The generic plan of a query with text parameters, as the command functions plan it. */
  private static String plan(DataSource dataSource, String query, String arguments)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET search_path = " + SCHEMA);
      s.execute("SET enable_seqscan = off");
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE q(text, text) AS " + query);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("EXPLAIN (COSTS OFF) EXECUTE q(" + arguments + ")")) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      } finally {
        s.execute("DEALLOCATE q");
        s.execute("RESET ALL");
      }
      return String.join("\n", lines);
    }
  }
}
