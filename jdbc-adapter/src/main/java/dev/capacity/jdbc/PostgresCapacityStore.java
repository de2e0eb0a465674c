package dev.capacity.jdbc;

import dev.capacity.AssignRequest;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.Confirmation;
import dev.capacity.ContextVersion;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Outcome;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.SeatingPolicy;
import dev.capacity.StatusChange;
import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.OccupancySnapshot;
import dev.capacity.spi.TimeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CapacityStore} on PostgreSQL: every port of {@code dev.capacity.spi} from a {@link
 * DataSource}, over the tables and functions that {@link PostgresSchema#migrate(DataSource,
 * String)} creates.
 *
 * <p>Each command is one call of the SQL function of the same name (one round trip, one
 * transaction), which checks every seating rule itself and refuses with a code that maps 1:1 to
 * {@link dev.capacity.Reason}; the database's exclusion constraint makes a double booking
 * impossible whatever path writes (see {@code docs/schema.md}). Every statement is parameterised
 * and scoped by restaurant id. Failures of the database itself are thrown as {@link
 * CapacityStorageException}, or its retryable subtype {@link
 * dev.capacity.spi.TransientStorageException} for serialization failures, deadlocks, timeouts and
 * lost connections.
 *
 * <pre>{@code
 * PostgresSchema.migrate(dataSource, "capacity");
 * CapacityStore store = PostgresCapacityStore.create(dataSource);
 * CapacityService service = CapacityService.builder(store).build();
 * }</pre>
 *
 * <p><b>Time.</b> By default a hold's expiry is judged by the database clock ({@code
 * clock_timestamp()}) at the statement that needs it, never by the application's clock nor by the
 * start of the transaction (pitfall P3.2), and histories are stamped by it. {@link
 * Builder#timeSource(TimeSource)} replaces it with an application clock, to be used by tests that
 * move time by hand.
 *
 * <p><b>Connections.</b> Commands run in auto-commit mode; a connection handed out with auto-commit
 * off is committed after each command. The data source should be a pool; when more threads call the
 * store than it has connections, {@link Builder#fairCalls} serves them in the order they came.
 *
 * <p><b>Caches.</b> The store caches each restaurant's floor plan and policy, keyed by their stored
 * versions, so a changed floor plan is read again on next use; and, unless {@link
 * Builder#occupancyCacheWindows(int) turned off}, its last occupancy read of each restaurant's
 * days, which the next read brings up to date by fetching only the tables written since (see {@link
 * #occupancy}). Neither cache is ever trusted by a command: every write checks the rules against
 * the rows themselves.
 *
 * <p>Thread-safe: the store keeps no per-call state, and its caches are concurrent maps.
 */
public final class PostgresCapacityStore implements CapacityStore {
  private final DataSource dataSource;
  private final String schema;
  private final @Nullable TimeSource time;
  private final ConcurrentMap<String, RestaurantRows.Loaded> contexts = new ConcurrentHashMap<>();
  private final @Nullable ConcurrentMap<WindowKey, Cached> occupancies;
  private final int maxCachedWindows;
  private final @Nullable CallQueue queue;

  private PostgresCapacityStore(Builder b) {
    this.dataSource = b.dataSource;
    this.queue = b.queue;
    this.schema = b.schema;
    this.time = b.time;
    this.maxCachedWindows = b.cachedWindows;
    this.occupancies = b.cachedWindows > 0 ? new ConcurrentHashMap<>() : null;
  }

  /**
   * A store on the schema {@value PostgresSchema#DEFAULT_SCHEMA}, judging expiry by the database
   * clock.
   *
   * @param dataSource connections to the database, migrated with {@link PostgresSchema}
   * @return the store
   * @throws NullPointerException if the data source is null
   */
  public static PostgresCapacityStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * A builder for a store with another schema or clock.
   *
   * @param dataSource connections to the database, migrated with {@link PostgresSchema}
   * @return the builder
   * @throws NullPointerException if the data source is null
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Builds a {@link PostgresCapacityStore}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private String schema = PostgresSchema.DEFAULT_SCHEMA;
    private @Nullable TimeSource time;
    private int cachedWindows = DEFAULT_CACHED_WINDOWS;
    private @Nullable CallQueue queue;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the schema the adapter's tables and functions live in.
     *
     * @param name a plain lower-case SQL identifier; default {@value PostgresSchema#DEFAULT_SCHEMA}
     * @return this builder
     * @throws IllegalArgumentException if the name is not a plain lower-case identifier
     */
    public Builder schema(String name) {
      this.schema = PostgresSchema.checkSchemaName(name);
      return this;
    }

    /**
     * Judges expiry, and stamps histories, by an application clock instead of the database's: each
     * command passes {@code time.now()} (to the microsecond, rounded down) to its function. Meant
     * for tests that move time by hand; in production the database clock, read at each statement,
     * is the one clock every application instance agrees on.
     *
     * @param time the clock
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * How many windows (a restaurant's UTC day, or run of days, that quotes read) the occupancy
     * cache keeps: occupancy reads bring the store's last read of the same days up to date instead
     * of reading every row again (see {@link PostgresCapacityStore#occupancy}). Past the bound the
     * cache starts afresh. Entries have no lifetime: every read checks its window against the
     * database and reads what changed. It relies on every write of occupancy going through the
     * adapter's functions, which stamp the tables they touch; a row written around them by hand may
     * stay unseen by quotes until the restaurant is saved again (commits still refuse any overlap:
     * the exclusion constraint sees every row).
     *
     * @param windows at least 0 (0 turns the cache off: every read reads every row); default
     *     {@value PostgresCapacityStore#DEFAULT_CACHED_WINDOWS}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder occupancyCacheWindows(int windows) {
      if (windows < 0) {
        throw new IllegalArgumentException(
            "occupancyCacheWindows must be 0 (off) or more, got " + windows);
      }
      this.cachedWindows = windows;
      return this;
    }

    /**
     * Queues the store's calls in the order they come, letting at most {@code calls} of them use a
     * connection at once. Off by default: each call then asks the data source for a connection
     * directly.
     *
     * <p>Set it to the pool's maximum size when more threads call the store than the pool has
     * connections (an auto-assign run with more workers than connections, a busy request pool).
     * Pools such as HikariCP hand a freed connection to whichever thread asks at that moment, not
     * to the one that waited longest, so under saturation some calls wait far longer than others.
     * With 15 auto-assign workers on 4 connections this queue cut the 95th percentile of the wait
     * for a connection by two fifths to a half, and that of a booking by a fifth to two fifths, at
     * the same throughput ({@code docs/benchmarks.md}). A call made inside another call on the same
     * thread takes no second place. Stores built by this builder afterwards share one queue, as
     * they share the data source.
     *
     * @param calls how many calls may use a connection at once, at least 1; typically the pool's
     *     maximum size
     * @param maxWait how long a call waits for its turn before it fails with a {@link
     *     dev.capacity.spi.TransientStorageException} (the service reports such a failure as {@link
     *     dev.capacity.Reason#STORAGE_UNAVAILABLE}); positive, e.g. the pool's own connection
     *     timeout
     * @return this builder
     * @throws IllegalArgumentException if {@code calls} is below 1 or {@code maxWait} is not
     *     positive
     * @throws NullPointerException if {@code maxWait} is null
     */
    public Builder fairCalls(int calls, Duration maxWait) {
      this.queue = new CallQueue(calls, Objects.requireNonNull(maxWait, "maxWait"));
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the store
     */
    public PostgresCapacityStore build() {
      return new PostgresCapacityStore(this);
    }
  }

  // ------------------------------------------------------------------------------------ plumbing

  /** One step of work on a connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** One step of work on a connection that may find nothing. */
  @FunctionalInterface
  private interface MaybeWork<T> {
    @Nullable T run(Connection c) throws SQLException;
  }

  private <T> @Nullable T inConnectionOrNull(String what, MaybeWork<T> work) {
    Optional<T> found = inConnection(what, c -> Optional.ofNullable(work.run(c)));
    return found.orElse(null);
  }

  private <T> T inConnection(String what, Work<T> work) {
    CallQueue q = queue;
    if (q == null) {
      return onConnection(what, work);
    }
    q.enter(what);
    try {
      return onConnection(what, work);
    } finally {
      q.leave();
    }
  }

  private <T> T onConnection(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      try {
        T result = work.run(c);
        if (!auto) {
          c.commit();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        if (!auto) {
          c.rollback();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw SqlFailures.translate(e, what);
    }
  }

  /** Reads in one read-only repeatable-read transaction, restoring the connection after. */
  private <T> @Nullable T inSnapshot(String what, MaybeWork<T> work) {
    return inConnectionOrNull(
        what,
        c -> {
          boolean auto = c.getAutoCommit();
          int isolation = c.getTransactionIsolation();
          boolean readOnly = c.isReadOnly();
          c.setAutoCommit(false);
          try {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            T result = work.run(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setReadOnly(readOnly);
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(auto);
          }
        });
  }

  /** The instant to pass as {@code p_now}: null (the database clock) unless a clock was set. */
  private @Nullable OffsetDateTime now() {
    TimeSource t = time;
    return t == null ? null : t.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private String fn(String name) {
    return schema + "." + name;
  }

  private static void bind(Connection c, PreparedStatement s, @Nullable Object... args)
      throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      int p = i + 1;
      if (a == null) {
        s.setNull(p, Types.NULL);
      } else if (a instanceof Instant t) {
        s.setObject(p, t.atOffset(ZoneOffset.UTC));
      } else if (a instanceof List<?> l) {
        s.setArray(p, c.createArrayOf("text", l.toArray()));
      } else {
        s.setObject(p, a);
      }
    }
  }

  /** Calls a command function; returns its one result row, mapped. */
  private <T> T call(String what, String sql, Mapper<T> mapper, @Nullable Object... args) {
    return inConnection(
        what,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                throw new SQLException("no result row from " + what, "XX000");
              }
              return mapper.map(rs);
            }
          }
        });
  }

  /** Maps the current row. */
  @FunctionalInterface
  private interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private static String q(String s) {
    return "'" + s + "'";
  }

  // ------------------------------------------------------------------------------------- reading

  @Override
  public @Nullable RestaurantContext context(String restaurantId) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    RestaurantRows.Head head =
        inConnectionOrNull(
            "read restaurant " + q(restaurantId),
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT time_zone, floor_version, policy_version FROM "
                          + fn("restaurant")
                          + " WHERE restaurant_id = ?")) {
                s.setString(1, restaurantId);
                try (ResultSet rs = s.executeQuery()) {
                  return rs.next()
                      ? new RestaurantRows.Head(rs.getString(1), rs.getString(2), rs.getString(3))
                      : null;
                }
              }
            });
    if (head == null) {
      contexts.remove(restaurantId);
      return null;
    }
    RestaurantRows.Loaded loaded = contextFor(restaurantId, head);
    return loaded == null ? null : loaded.context();
  }

  /** The cached context if its stored versions are {@code head}'s, else a fresh read. */
  private RestaurantRows.@Nullable Loaded contextFor(
      String restaurantId, RestaurantRows.Head head) {
    RestaurantRows.Loaded cached = contexts.get(restaurantId);
    if (cached != null && cached.head().equals(head)) {
      return cached;
    }
    RestaurantRows.Loaded loaded =
        inSnapshot(
            "read the floor plan and policy of restaurant " + q(restaurantId),
            c -> RestaurantRows.read(c, schema, restaurantId));
    if (loaded == null) {
      contexts.remove(restaurantId);
    } else {
      contexts.put(restaurantId, loaded);
    }
    return loaded;
  }

  private static final String BOOKING_COLUMNS =
      "b.booking_id, b.party_size, b.starts_at, b.ends_at, b.created_at, b.zone_id, b.status,"
          + " b.version AS booking_version, a.assigned_tables, a.assigned_start, a.assigned_end,"
          + " h.hold_id, h.table_ids AS hold_tables, h.starts_at AS hold_start,"
          + " h.until_at AS hold_until, h.expires_at AS hold_expires_at";

  private String bookingQuery(String where) {
    return "SELECT "
        + BOOKING_COLUMNS
        + " FROM "
        + fn("booking")
        + " b LEFT JOIN LATERAL (SELECT array_agg(o.table_id ORDER BY o.table_id COLLATE \"C\")"
        + " AS assigned_tables, min(o.starts_at) AS assigned_start, min(o.ends_at) AS assigned_end"
        + " FROM "
        + fn("occupancy")
        + " o WHERE o.restaurant_id = b.restaurant_id AND o.booking_id = b.booking_id"
        + " AND o.kind = 'ASSIGNMENT') a ON true LEFT JOIN LATERAL (SELECT * FROM "
        + fn("hold")
        + " x WHERE x.restaurant_id = b.restaurant_id AND x.booking_id = b.booking_id"
        + " AND x.expires_at > coalesce(?::timestamptz, clock_timestamp())) h ON true"
        + " WHERE b.restaurant_id = ? AND "
        + where;
  }

  @Override
  public @Nullable BookingState booking(String restaurantId, String bookingId) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    Objects.requireNonNull(bookingId, "bookingId");
    return inConnectionOrNull(
        "read booking " + q(bookingId) + " of restaurant " + q(restaurantId),
        c -> {
          try (PreparedStatement s = c.prepareStatement(bookingQuery("b.booking_id = ?"))) {
            bind(c, s, now(), restaurantId, bookingId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Results.bookingState(rs) : null;
            }
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>One statement for all the ids.
   */
  @Override
  public Map<String, BookingState> bookings(String restaurantId, Collection<String> bookingIds) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(bookingIds));
    for (String id : ids) {
      Objects.requireNonNull(id, "bookingId");
    }
    if (ids.isEmpty()) {
      return Map.of();
    }
    return inConnection(
        "read " + ids.size() + " bookings of restaurant " + q(restaurantId),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(bookingQuery("b.booking_id = ANY (?::text[])"))) {
            bind(c, s, now(), restaurantId, ids);
            Map<String, BookingState> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                BookingState st = Results.bookingState(rs);
                out.put(st.booking().id(), st);
              }
            }
            return out;
          }
        });
  }

  @Override
  public List<BookingState> bookings(String restaurantId, Instant from, Instant to) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return inConnection(
        "read the bookings of restaurant " + q(restaurantId),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  bookingQuery(
                      "b.starts_at >= ? AND b.starts_at < ?"
                          + " ORDER BY b.starts_at, b.booking_id COLLATE \"C\""))) {
            bind(c, s, now(), restaurantId, from, to);
            List<BookingState> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(Results.bookingState(rs));
              }
            }
            return out;
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>One statement of three range scans: the pending bookings starting in the range, and the ids
   * of those among them with assignment rows or a live hold (the rows of a booking start with it),
   * which are then left out here. No correlated lookups: a query that probed occupancy once per
   * pending booking was planned as a scan of the restaurant's whole occupancy per booking whenever
   * the statistics were stale, as they are right after a day's bookings were loaded (10 ms instead
   * of 0.5 ms on a day of 500 bookings).
   */
  @Override
  public List<Booking> unplacedBookings(String restaurantId, Instant from, Instant to) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    String sql =
        "SELECT true AS pending, b.booking_id, b.party_size, b.starts_at, b.ends_at, b.created_at,"
            + " b.zone_id, b.status FROM "
            + fn("booking")
            + " b WHERE b.restaurant_id = ? AND b.status = 'PENDING'"
            + " AND b.starts_at >= ? AND b.starts_at < ?"
            + " UNION ALL SELECT false, o.booking_id, 0, NULL, NULL, NULL, NULL, NULL FROM "
            + fn("occupancy")
            + " o WHERE o.restaurant_id = ? AND o.kind = 'ASSIGNMENT'"
            + " AND o.starts_at >= ? AND o.starts_at < ?"
            + " UNION ALL SELECT false, h.booking_id, 0, NULL, NULL, NULL, NULL, NULL FROM "
            + fn("hold")
            + " h WHERE h.restaurant_id = ? AND h.starts_at >= ? AND h.starts_at < ?"
            + " AND h.expires_at > coalesce(?::timestamptz, clock_timestamp())";
    return inConnection(
        "read the unplaced bookings of restaurant " + q(restaurantId),
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(
                c,
                s,
                restaurantId,
                from,
                to,
                restaurantId,
                from,
                to,
                restaurantId,
                from,
                to,
                now());
            List<Booking> pending = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                if (rs.getBoolean(1)) {
                  pending.add(Results.booking(rs));
                } else {
                  placed.add(rs.getString(2));
                }
              }
            }
            pending.removeIf(b -> placed.contains(b.id()));
            pending.sort(Comparator.comparing(Booking::start).thenComparing(Booking::id));
            return pending;
          }
        });
  }

  /**
   * One read of the occupancy rows with the versions they belong to. For a read of the changes
   * since an earlier one, {@code changed} names the tables written since (stamped with a later
   * occupancy version) and {@code entries} are the entries, whole, of every owner with a row on one
   * of them; for a full read, {@code changed} is null.
   */
  private record RawSnapshot(
      RestaurantRows.Head head,
      Instant born,
      long revision,
      long version,
      Instant readAt,
      @Nullable List<String> changed,
      List<OccupancyEntry> entries) {}

  /**
   * The last read of a window of a restaurant's occupancy: what {@link #occupancy} brings up to
   * date with the changes since, instead of reading every row again.
   *
   * @param head the floor plan and policy versions it was read with
   * @param born when the restaurant's row was created: a restaurant deleted and saved again under
   *     the same id starts its versions afresh, and is told apart by this
   * @param revision the restaurant's context revision then (every save of it counts)
   * @param version the occupancy version it shows
   * @param readAt the instant its live holds were judged by
   * @param occupancy the entries of the window (more where an entry reaches beyond it)
   */
  private record Cached(
      RestaurantRows.Head head,
      Instant born,
      long revision,
      long version,
      Instant readAt,
      Occupancy occupancy) {

    /** Whether this read is of the same restaurant, floor plan and policy as {@code other}. */
    boolean sameContext(Cached other) {
      return born.equals(other.born) && revision == other.revision && head.equals(other.head);
    }
  }

  /** A restaurant's window of occupancy as cached: whole UTC days. */
  private record WindowKey(String restaurantId, Instant from, Instant to) {}

  /**
   * The occupancy cache's default bound: a store serving a hundred restaurants, each quoting a few
   * days at once, stays within it.
   */
  public static final int DEFAULT_CACHED_WINDOWS = 256;

  /**
   * {@inheritDoc}
   *
   * <p>With the occupancy cache (the default, see {@link Builder#occupancyCacheWindows(int)}) the
   * store keeps its last read of the whole UTC days the range falls in, and the next read of them
   * fetches only the changes since: the tables whose occupancy version stamp is newer (every write
   * stamps the tables it touches, in the transaction that takes the restaurant's counter), and the
   * entries of the owners with rows on them. Holds that have expired by the read's clock since are
   * left out. Anything else makes it a full read, which then replaces the cached one: a floor plan,
   * policy or context saved, the restaurant deleted and saved again (told apart by its row's
   * creation time), a counter or clock that went back. The snapshot may hold more entries than the
   * range, which the port allows; its version and entries are those a full read in the same
   * statement would give.
   */
  @Override
  public OccupancySnapshot occupancy(String restaurantId, Instant from, Instant to) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Instant clockNow = time == null ? null : time.now();
    ConcurrentMap<WindowKey, Cached> cache = occupancies;
    if (cache == null) {
      Cached c = fullRead(restaurantId, from, to);
      return new OccupancySnapshot(
          c.occupancy(), c.version(), clockNow != null ? clockNow : c.readAt());
    }
    WindowKey key = new WindowKey(restaurantId, dayFloor(from), dayCeiling(to));
    Cached c = cache.get(key);
    Cached next = c == null ? null : changedSince(key, c);
    if (next == null) {
      next = fullRead(restaurantId, key.from(), key.to());
    }
    if (cache.size() >= maxCachedWindows && !cache.containsKey(key)) {
      cache.clear(); // a bound, not an eviction policy: a store serves a few restaurants' days
    }
    Cached kept = next;
    // keep the later read of the same restaurant and context; any other, the read just made
    cache.merge(
        key,
        next,
        (old, fresh) -> !fresh.sameContext(old) || fresh.version() >= old.version() ? fresh : old);
    return new OccupancySnapshot(
        kept.occupancy(), kept.version(), clockNow != null ? clockNow : kept.readAt());
  }

  /** How many windows the occupancy cache holds now (0 when it is off). */
  int cachedWindows() {
    ConcurrentMap<WindowKey, Cached> cache = occupancies;
    return cache == null ? 0 : cache.size();
  }

  private static Instant dayFloor(Instant t) {
    return t.truncatedTo(ChronoUnit.DAYS);
  }

  private static Instant dayCeiling(Instant t) {
    Instant d = t.truncatedTo(ChronoUnit.DAYS);
    return d.equals(t) ? d : d.plus(1, ChronoUnit.DAYS);
  }

  /** Reads every entry of the range afresh. */
  private Cached fullRead(String restaurantId, Instant from, Instant to) {
    for (int attempt = 0; ; attempt++) {
      RawSnapshot raw = readOccupancy(restaurantId, from, to, null);
      RestaurantRows.Loaded loaded = contextFor(restaurantId, raw.head());
      if (loaded == null) {
        throw unknownRestaurant(restaurantId);
      }
      if (!loaded.head().equals(raw.head())) {
        if (attempt < 5) {
          continue; // the floor plan or policy changed between the two reads
        }
        throw new CapacityStorageException(
            "the floor plan of restaurant " + q(restaurantId) + " keeps changing while read", null);
      }
      RestaurantContext ctx = loaded.context();
      Occupancy occupancy =
          Occupancy.empty(ctx.floor(), ctx.policy(), ctx.restaurant().timeZone())
              .withAll(raw.entries());
      return new Cached(
          raw.head(), raw.born(), raw.revision(), raw.version(), raw.readAt(), occupancy);
    }
  }

  /**
   * The cached window brought up to date by reading only what changed since, or null when only a
   * full read will do.
   */
  private @Nullable Cached changedSince(WindowKey key, Cached c) {
    RawSnapshot raw = readOccupancy(key.restaurantId(), key.from(), key.to(), c.version());
    List<String> changed = raw.changed();
    if (changed == null
        || !raw.head().equals(c.head())
        || !raw.born().equals(c.born())
        || raw.revision() != c.revision()
        || raw.version() < c.version()
        || raw.readAt().isBefore(c.readAt())) {
      return null;
    }
    Instant readAt = raw.readAt();
    Occupancy occ;
    try {
      occ =
          c.occupancy()
              .replacing(
                  e -> touches(e, changed) || expiredBy(e, readAt), // rows gone or to read again
                  raw.entries());
    } catch (IllegalArgumentException unknownTable) {
      return null; // a table the cached floor plan lacks: the plan changed under the read
    }
    return new Cached(c.head(), c.born(), c.revision(), raw.version(), raw.readAt(), occ);
  }

  private static boolean expiredBy(OccupancyEntry e, Instant t) {
    Instant expires = e.expiresAt();
    return e.kind() == OccupancyKind.HOLD && expires != null && !expires.isAfter(t);
  }

  /** Whether an entry has a row on one of the tables (a few ids, compared by equals). */
  private static boolean touches(OccupancyEntry e, List<String> tables) {
    if (tables.isEmpty()) {
      return false;
    }
    for (String t : e.tables()) {
      for (int k = 0; k < tables.size(); k++) {
        if (tables.get(k).equals(t)) {
          return true;
        }
      }
    }
    return false;
  }

  private static IllegalArgumentException unknownRestaurant(String restaurantId) {
    return new IllegalArgumentException(
        "unknown restaurant '" + restaurantId + "'\nMaybe: save it first with saveRestaurant");
  }

  /**
   * Reads the rows in one statement, grouped per owner; the group keys compare byte-wise ({@code
   * COLLATE "C"}), which sorts several times faster than the database's linguistic collation. With
   * {@code since}, only the entries of owners with a row on a table stamped with a later occupancy
   * version, and those tables.
   */
  private RawSnapshot readOccupancy(
      String restaurantId, Instant from, Instant to, @Nullable Long since) {
    String window = "tstzrange(?::timestamptz, ?::timestamptz, '[)')";
    String sql =
        "WITH n AS (SELECT coalesce(?::timestamptz, clock_timestamp()) AS t)"
            + (since == null
                ? ""
                : ", ch AS MATERIALIZED (SELECT table_id FROM "
                    + fn("dining_table")
                    + " WHERE restaurant_id = ? AND occupancy_version > ?)"
                    // the owners with a row on a changed table, each table looked up in the
                    // exclusion constraint's index (its columns compare byte-wise, hence COLLATE
                    // "C"; OFFSET 0 keeps the lookup per table), then all their rows by primary key
                    + ", ow AS MATERIALIZED (SELECT DISTINCT y.owner_key, y.kind FROM ch"
                    + " CROSS JOIN LATERAL (SELECT x.owner_key, x.kind FROM "
                    + fn("occupancy")
                    + " x WHERE x.restaurant_id COLLATE \"C\" = ?"
                    + " AND x.table_id COLLATE \"C\" = ch.table_id AND x.during && "
                    + window
                    + " OFFSET 0) y)")
            + " SELECT r.time_zone, r.floor_version, r.policy_version, r.occupancy_version,"
            + " r.context_revision, r.created_at AS born, n.t AS read_at, "
            + (since == null ? "NULL::text[]" : "ARRAY(SELECT table_id FROM ch)")
            + " AS changed, e.kind, e.owner, e.tables, e.starts_at, e.until_at,"
            + " e.party_size, e.expires_at"
            + " FROM "
            + fn("restaurant")
            + " r CROSS JOIN n LEFT JOIN LATERAL (SELECT o.kind COLLATE \"C\" AS kind,"
            + " coalesce(o.booking_id, o.block_id) COLLATE \"C\" AS owner,"
            + " array_agg(o.table_id ORDER BY o.table_id COLLATE \"C\") AS tables,"
            + " min(o.starts_at) AS starts_at, min(o.until_at) AS until_at,"
            + " max(o.party_size) AS party_size, max(o.expires_at) AS expires_at FROM "
            + (since == null
                ? fn("occupancy") + " o WHERE o.restaurant_id = r.restaurant_id"
                : "ow JOIN "
                    + fn("occupancy")
                    + " o ON o.restaurant_id = r.restaurant_id AND o.owner_key = ow.owner_key"
                    + " AND o.kind = ow.kind WHERE true")
            + " AND o.during && "
            + window
            + " AND (o.kind <> 'HOLD' OR o.expires_at > n.t)"
            + " GROUP BY 1, 2) e ON true"
            + " WHERE r.restaurant_id = ?";
    return inConnection(
        "read the occupancy of restaurant " + q(restaurantId),
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            if (since == null) {
              bind(c, s, now(), from, to, restaurantId);
            } else {
              bind(
                  c, s, now(), restaurantId, since, restaurantId, from, to, from, to, restaurantId);
            }
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                throw unknownRestaurant(restaurantId);
              }
              RestaurantRows.Head head =
                  new RestaurantRows.Head(rs.getString(1), rs.getString(2), rs.getString(3));
              long version = rs.getLong(4);
              long revision = rs.getLong(5);
              Instant born = Results.instant(rs, "born");
              Instant readAt = Results.instant(rs, "read_at");
              List<String> changed = Results.stringsOrNull(rs, "changed");
              List<OccupancyEntry> entries = new ArrayList<>();
              do {
                String kind = rs.getString("kind");
                if (kind != null) {
                  entries.add(
                      new OccupancyEntry(
                          OccupancyKind.valueOf(kind),
                          rs.getString("owner"),
                          Results.strings(rs, "tables"),
                          Results.instant(rs, "starts_at"),
                          Results.instant(rs, "until_at"),
                          rs.getInt("party_size"),
                          Results.instantOrNull(rs, "expires_at")));
                }
              } while (rs.next());
              return new RawSnapshot(head, born, revision, version, readAt, changed, entries);
            }
          }
        });
  }

  @Override
  public @Nullable ContextVersion contextVersion(String restaurantId, String bookingId) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    Objects.requireNonNull(bookingId, "bookingId");
    return inConnectionOrNull(
        "read the context version of booking " + q(bookingId),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT r.floor_version, r.policy_version, b.version, r.occupancy_version FROM "
                      + fn("restaurant")
                      + " r JOIN "
                      + fn("booking")
                      + " b ON b.restaurant_id = r.restaurant_id"
                      + " WHERE r.restaurant_id = ? AND b.booking_id = ?")) {
            bind(c, s, restaurantId, bookingId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next()
                  ? new ContextVersion(
                      rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))
                  : null;
            }
          }
        });
  }

  @Override
  public List<StatusChange> history(String restaurantId, String bookingId) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    Objects.requireNonNull(bookingId, "bookingId");
    return inConnection(
        "read the history of booking " + q(bookingId),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT booking_id, from_status, to_status, changed_at, actor, why FROM "
                      + fn("booking_history")
                      + " WHERE restaurant_id = ? AND booking_id = ? ORDER BY seq")) {
            bind(c, s, restaurantId, bookingId);
            List<StatusChange> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StatusChange(
                        rs.getString(1),
                        BookingStatus.valueOf(rs.getString(2)),
                        BookingStatus.valueOf(rs.getString(3)),
                        Results.instant(rs, "changed_at"),
                        rs.getString(5),
                        rs.getString(6)));
              }
            }
            return out;
          }
        });
  }

  // ------------------------------------------------------------------------------------- writing

  @Override
  public Outcome<RestaurantContext> saveRestaurant(
      Restaurant restaurant, FloorPlan floor, SeatingPolicy policy) {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(policy, "policy");
    RestaurantContext ctx = new RestaurantContext(restaurant, floor, policy);
    String document = RestaurantRows.document(restaurant, floor, policy);
    Outcome<RestaurantContext> out =
        call(
            "save restaurant " + q(restaurant.id()),
            "SELECT * FROM " + fn("save_restaurant") + "(?::text, ?::jsonb, ?::timestamptz)",
            rs -> Results.outcome(rs, () -> ctx),
            restaurant.id(),
            document,
            now());
    if (out.isSuccess()) {
      contexts.put(
          restaurant.id(),
          new RestaurantRows.Loaded(
              ctx,
              new RestaurantRows.Head(
                  restaurant.timeZone().getId(), floor.version(), policy.version())));
    }
    return out;
  }

  @Override
  public Outcome<BookingState> saveBooking(String restaurantId, Booking booking) {
    Objects.requireNonNull(booking, "booking");
    return call(
        "save booking " + q(booking.id()) + " of restaurant " + q(restaurantId),
        "SELECT * FROM "
            + fn("save_booking")
            + "(?::text, ?::text, ?::integer, ?::timestamptz, ?::timestamptz, ?::timestamptz,"
            + " ?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.bookingState(rs)),
        restaurantId,
        booking.id(),
        booking.partySize(),
        booking.start(),
        booking.end(),
        booking.createdAt(),
        booking.zone(),
        booking.status().name(),
        now());
  }

  @Override
  @SuppressWarnings("NullAway") // tables and ttl may be null from unchecked callers: refused (P4.1)
  public Outcome<Hold> hold(
      String restaurantId, String bookingId, List<String> tables, Duration ttl) {
    Long micros = null;
    if (ttl != null) {
      long nanos = ttl.toNanos();
      micros = nanos <= 0 ? 0 : (nanos + 999) / 1000;
    }
    return call(
        "hold tables for booking " + q(bookingId) + " of restaurant " + q(restaurantId),
        "SELECT * FROM "
            + fn("hold")
            + "(?::text, ?::text, ?::text[], ?::bigint * interval '1 microsecond',"
            + " ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.hold(rs)),
        restaurantId,
        bookingId,
        tables,
        micros,
        now());
  }

  @Override
  public Outcome<Confirmation> confirm(
      String restaurantId, String bookingId, String holdId, String idempotencyKey, String actor) {
    return call(
        "confirm hold " + q(String.valueOf(holdId)) + " of booking " + q(bookingId),
        "SELECT * FROM "
            + fn("confirm")
            + "(?::text, ?::text, ?::text, ?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.confirmation(rs)),
        restaurantId,
        bookingId,
        holdId,
        idempotencyKey,
        actor,
        now());
  }

  @Override
  public Outcome<Confirmation> holdAndConfirm(
      String restaurantId,
      String bookingId,
      List<String> tables,
      String idempotencyKey,
      String actor) {
    return call(
        "hold and confirm tables for booking " + q(bookingId) + " of restaurant " + q(restaurantId),
        "SELECT * FROM "
            + fn("hold_and_confirm")
            + "(?::text, ?::text, ?::text[], ?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.confirmation(rs)),
        restaurantId,
        bookingId,
        tables,
        idempotencyKey,
        actor,
        now());
  }

  @Override
  public Outcome<Confirmation> assign(String restaurantId, AssignRequest request) {
    Objects.requireNonNull(request, "request");
    ContextVersion cv = request.context();
    return call(
        "assign tables to booking " + q(request.booking()) + " of restaurant " + q(restaurantId),
        "SELECT * FROM "
            + fn("assign")
            + "(?::text, ?::text, ?::text[], ?::text, ?::text, ?::bigint, ?::bigint, ?::text,"
            + " ?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.confirmation(rs)),
        restaurantId,
        request.booking(),
        request.tables(),
        cv.floorVersion(),
        cv.policyVersion(),
        cv.bookingVersion(),
        cv.occupancyVersion(),
        request.idempotencyKey(),
        request.actor(),
        request.note(),
        now());
  }

  @Override
  public Outcome<BookingState> unassign(
      String restaurantId, String bookingId, String actor, String why) {
    return call(
        "unassign booking " + q(bookingId) + " of restaurant " + q(restaurantId),
        "SELECT * FROM " + fn("unassign") + "(?::text, ?::text, ?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.bookingState(rs)),
        restaurantId,
        bookingId,
        actor,
        why,
        now());
  }

  @Override
  public Outcome<Hold> releaseHold(String restaurantId, String bookingId, String holdId) {
    return call(
        "release hold " + q(String.valueOf(holdId)) + " of booking " + q(bookingId),
        "SELECT * FROM " + fn("release_hold") + "(?::text, ?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.hold(rs)),
        restaurantId,
        bookingId,
        holdId,
        now());
  }

  @Override
  public Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why) {
    Objects.requireNonNull(to, "to");
    return call(
        "move booking " + q(bookingId) + " to " + to,
        "SELECT * FROM "
            + fn("transition")
            + "(?::text, ?::text, ?::text, ?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.bookingState(rs)),
        restaurantId,
        bookingId,
        to.name(),
        actor,
        why,
        now());
  }

  @Override
  public int sweepExpiredHolds(String restaurantId) {
    return call(
        "sweep the expired holds of restaurant " + q(restaurantId),
        "SELECT " + fn("sweep_expired_holds") + "(?::text, ?::timestamptz)",
        rs -> rs.getInt(1),
        restaurantId,
        now());
  }

  @Override
  public Outcome<Block> addBlock(String restaurantId, Block block) {
    Objects.requireNonNull(block, "block");
    return call(
        "add block " + q(block.id()) + " to restaurant " + q(restaurantId),
        "SELECT * FROM "
            + fn("add_block")
            + "(?::text, ?::text, ?::text, ?::timestamptz, ?::timestamptz, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> block),
        restaurantId,
        block.id(),
        block.table(),
        block.start(),
        block.end(),
        now());
  }

  @Override
  public Outcome<Block> removeBlock(String restaurantId, String blockId) {
    return call(
        "remove block " + q(String.valueOf(blockId)) + " of restaurant " + q(restaurantId),
        "SELECT * FROM " + fn("remove_block") + "(?::text, ?::text, ?::timestamptz)",
        rs -> Results.outcome(rs, () -> Results.block(rs)),
        restaurantId,
        blockId,
        now());
  }

  @Override
  public String toString() {
    return "PostgresCapacityStore[schema="
        + schema
        + ", clock="
        + (time == null ? "database" : time)
        + (queue == null ? "" : ", " + queue)
        + "]";
  }
}
