package dev.capacity.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Calls the adapter's SQL functions the way a direct SQL user would: plain parameterised statements
 * in auto-commit mode, one per call. Test support for the function ITs.
 *
 * <p>Thread-safe: every call takes its own connection from the pool.
 */
final class SqlClient {
  /** The schema the ITs migrate into. */
  static final String SCHEMA = "capacity";

  private final DataSource dataSource;

  SqlClient(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** One result row, by column name; arrays become {@code List<String>}. */
  record Row(Map<String, @Nullable Object> values) {
    @Nullable Object get(String column) {
      if (!values.containsKey(column)) {
        throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
      }
      return values.get(column);
    }

    String code() {
      return String.valueOf(get("code"));
    }

    @Nullable String string(String column) {
      Object v = get(column);
      return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    @Nullable List<String> list(String column) {
      return (List<String>) get(column);
    }

    long number(String column) {
      return ((Number) java.util.Objects.requireNonNull(get(column), column)).longValue();
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  /** Runs a query and returns its rows. */
  List<Row> query(String sql, @Nullable Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(c, s, args);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, @Nullable Object> m = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            if (v instanceof Array a) {
              v = Arrays.asList((Object[]) a.getArray()).stream().map(String::valueOf).toList();
            } else if (v instanceof OffsetDateTime t) {
              v = t.toInstant();
            } else if (v instanceof java.sql.Timestamp t) {
              v = t.toInstant();
            } else if (v != null && v.getClass().getSimpleName().equals("PGobject")) {
              v = v.toString();
            }
            m.put(md.getColumnLabel(i), v);
          }
          rows.add(new Row(m));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getSQLState() + ": " + e.getMessage(), e);
    }
  }

  /** Runs a query that returns exactly one row. */
  Row one(String sql, @Nullable Object... args) {
    List<Row> rows = query(sql, args);
    if (rows.size() != 1) {
      throw new IllegalStateException("expected one row, got " + rows.size() + " from " + sql);
    }
    return rows.get(0);
  }

  /** Runs a statement; returns the update count. */
  int execute(String sql, @Nullable Object... args) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(c, s, args);
      s.execute();
      return s.getUpdateCount();
    }
  }

  private static void bind(Connection c, PreparedStatement s, @Nullable Object... args)
      throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        s.setObject(i + 1, t.atOffset(ZoneOffset.UTC));
      } else if (a instanceof List<?> l) {
        s.setArray(i + 1, c.createArrayOf("text", l.toArray()));
      } else if (a instanceof String[] l) {
        s.setArray(i + 1, c.createArrayOf("text", l));
      } else if (a == null) {
        s.setNull(i + 1, java.sql.Types.NULL);
      } else {
        s.setObject(i + 1, a);
      }
    }
  }

  // ---------------------------------------------------------------------------- the commands

  Row saveRestaurant(String restaurantId, String document) {
    return one("SELECT * FROM capacity.save_restaurant(?, ?::jsonb)", restaurantId, document);
  }

  Row saveBooking(
      String restaurantId,
      String bookingId,
      int party,
      Instant start,
      @Nullable Instant end,
      @Nullable String zone,
      String status) {
    return one(
        "SELECT * FROM capacity.save_booking(?, ?, ?, ?, ?, ?, ?, ?)",
        restaurantId,
        bookingId,
        party,
        start,
        end,
        Instant.parse("2026-11-10T12:00:00Z"),
        zone,
        status);
  }

  Row booking(String restaurantId, String bookingId, int party, Instant start) {
    return saveBooking(restaurantId, bookingId, party, start, null, null, "PENDING");
  }

  Row hold(String restaurantId, String bookingId, List<String> tables) {
    return hold(restaurantId, bookingId, tables, "5 minutes", null);
  }

  Row hold(
      String restaurantId,
      String bookingId,
      @Nullable List<String> tables,
      String ttl,
      @Nullable Instant now) {
    return one(
        "SELECT * FROM capacity.hold(?, ?, ?, ?::interval, ?)",
        restaurantId,
        bookingId,
        tables,
        ttl,
        now);
  }

  Row confirm(String restaurantId, String bookingId, @Nullable String holdId, String key) {
    return confirm(restaurantId, bookingId, holdId, key, null);
  }

  Row confirm(
      String restaurantId,
      String bookingId,
      @Nullable String holdId,
      String key,
      @Nullable Instant now) {
    return one(
        "SELECT * FROM capacity.confirm(?, ?, ?, ?, 'it', ?)",
        restaurantId,
        bookingId,
        holdId,
        key,
        now);
  }

  /** Assigns directly on the current context (read first). */
  Row holdAndConfirm(String restaurantId, String bookingId, List<String> tables, String key) {
    return one(
        "SELECT * FROM capacity.hold_and_confirm(?, ?, ?, ?, 'it', NULL)",
        restaurantId,
        bookingId,
        tables,
        key);
  }

  Row assign(String restaurantId, String bookingId, List<String> tables, String key) {
    Row ctx =
        one(
            "SELECT r.floor_version, r.policy_version, b.version, r.occupancy_version"
                + " FROM capacity.restaurant r JOIN capacity.booking b USING (restaurant_id)"
                + " WHERE r.restaurant_id = ? AND b.booking_id = ?",
            restaurantId,
            bookingId);
    return assign(
        restaurantId,
        bookingId,
        tables,
        ctx.string("floor_version"),
        ctx.string("policy_version"),
        ctx.number("version"),
        ctx.number("occupancy_version"),
        key);
  }

  Row assign(
      String restaurantId,
      String bookingId,
      List<String> tables,
      @Nullable String floorVersion,
      @Nullable String policyVersion,
      long bookingVersion,
      long occupancyVersion,
      String key) {
    return one(
        "SELECT * FROM capacity.assign(?, ?, ?, ?, ?, ?, ?, ?, 'it', '', NULL)",
        restaurantId,
        bookingId,
        tables,
        floorVersion,
        policyVersion,
        bookingVersion,
        occupancyVersion,
        key);
  }

  Row transition(String restaurantId, String bookingId, String to) {
    return one(
        "SELECT * FROM capacity.transition(?, ?, ?, 'it', 'test')", restaurantId, bookingId, to);
  }

  Row unassign(String restaurantId, String bookingId) {
    return one("SELECT * FROM capacity.unassign(?, ?, 'it', 'test')", restaurantId, bookingId);
  }

  Row release(String restaurantId, String bookingId, @Nullable String holdId) {
    return one("SELECT * FROM capacity.release_hold(?, ?, ?)", restaurantId, bookingId, holdId);
  }

  Row addBlock(String restaurantId, String blockId, String table, Instant start, Instant end) {
    return one(
        "SELECT * FROM capacity.add_block(?, ?, ?, ?, ?)",
        restaurantId,
        blockId,
        table,
        start,
        end);
  }

  Row removeBlock(String restaurantId, String blockId) {
    return one("SELECT * FROM capacity.remove_block(?, ?)", restaurantId, blockId);
  }

  long sweep(String restaurantId, @Nullable Instant now) {
    return one("SELECT capacity.sweep_expired_holds(?, ?) AS n", restaurantId, now).number("n");
  }

  // ------------------------------------------------------------------------- independent checks

  /**
   * Pairs of occupancy rows of different owners that overlap on one table, live holds only, found
   * by a query that does not use the adapter's functions: must always be empty.
   */
  List<Row> overlaps(@Nullable Instant now) {
    return query(
        "SELECT a.restaurant_id, a.table_id, a.owner_key AS a_owner, b.owner_key AS b_owner"
            + " FROM capacity.occupancy a JOIN capacity.occupancy b"
            + "   ON a.restaurant_id = b.restaurant_id AND a.table_id = b.table_id"
            + "  AND a.owner_key < b.owner_key AND a.during && b.during"
            + " WHERE (a.kind <> 'HOLD' OR a.expires_at > coalesce(?, clock_timestamp()))"
            + "   AND (b.kind <> 'HOLD' OR b.expires_at > coalesce(?, clock_timestamp()))",
        now,
        now);
  }

  /** Live hold rows of a restaurant. */
  List<Row> liveHoldRows(String restaurantId, @Nullable Instant now) {
    return query(
        "SELECT * FROM capacity.occupancy WHERE restaurant_id = ? AND kind = 'HOLD'"
            + " AND expires_at > coalesce(?, clock_timestamp())",
        restaurantId,
        now);
  }

  /** Occupancy rows of one owner key ('booking:b1', 'block:k1'). */
  List<Row> rowsOf(String restaurantId, String ownerKey) {
    return query(
        "SELECT * FROM capacity.occupancy WHERE restaurant_id = ? AND owner_key = ?"
            + " ORDER BY kind, table_id",
        restaurantId,
        ownerKey);
  }
}
