package dev.capacity.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.capacity.jdbc.PostgresCapacityStore;
import dev.capacity.jdbc.PostgresSchema;
import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens the store a command names with {@code --store}: {@code memory} (the in-memory store),
 * {@code embedded} (a PostgreSQL server started for the run, in a temporary directory, stopped
 * after it) or a JDBC URL ({@code jdbc:postgresql://host:port/db?user=...&password=...}).
 *
 * <p>A PostgreSQL store works in one schema, migrated first; on a server named by URL the schema
 * must not already hold the scenario's restaurant unless the caller asks to empty it. Its clock is
 * the command's, like the in-memory store's, so hold expiry and the runner's cut-off agree. The
 * connection pool has room for every worker. Thread-safe (stateless).
 */
final class Stores {
  /** The stores this build can open, as named in messages. */
  static final String AVAILABLE = "memory, embedded, jdbc:postgresql://...";

  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Flyway logs each migration step at INFO through java.util.logging; keep it to warnings. */
  private static final java.util.logging.Logger FLYWAY =
      java.util.logging.Logger.getLogger("org.flywaydb");

  private Stores() {}

  /** A store the command opened, closed when the command ends. */
  interface Opened extends AutoCloseable {
    /** The store. */
    CapacityStore store();

    /** What it is, for the summary line. */
    String description();

    /**
     * Empties the store for another round (a new in-memory store; the schema's tables emptied).
     *
     * @return the store to use from now on
     * @throws UnavailableStoreException if it cannot be emptied
     */
    CapacityStore reset() throws UnavailableStoreException;

    @Override
    void close();
  }

  /** The named store cannot be opened; the message says why and what is available. */
  static final class UnavailableStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableStoreException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Opens a store.
   *
   * @param spec the value of {@code --store}
   * @param clock the clock the store judges hold expiry by
   * @param connections the most connections a PostgreSQL pool opens
   * @param schema the PostgreSQL schema
   * @param restaurantId the restaurant the command will load (refused if already in the schema)
   * @param resetSchema whether to empty the schema's tables first
   * @return the opened store
   * @throws UnavailableStoreException if it cannot be opened
   */
  static Opened open(
      String spec,
      TimeSource clock,
      int connections,
      String schema,
      String restaurantId,
      boolean resetSchema)
      throws UnavailableStoreException {
    String s = spec.trim();
    if (s.equalsIgnoreCase("memory")) {
      return new Memory(clock);
    }
    if (!SCHEMA.matcher(schema).matches()) {
      throw new UnavailableStoreException(
          "--schema must be a plain lower-case SQL identifier, got '" + schema + "'", null);
    }
    quietSlf4j();
    if (s.equalsIgnoreCase("embedded")) {
      return embedded(clock, connections, schema);
    }
    if (s.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      HikariDataSource pool;
      try {
        pool = pool(s, connections);
      } catch (RuntimeException e) {
        throw new UnavailableStoreException(
            "cannot connect to " + redact(s) + ": " + e.getMessage(), e);
      }
      try {
        return postgres(pool, clock, schema, restaurantId, resetSchema, redact(s), pool::close);
      } catch (UnavailableStoreException | RuntimeException e) {
        pool.close();
        throw e;
      }
    }
    throw new UnavailableStoreException(
        "unknown store '" + redact(s) + "': use one of " + AVAILABLE, null);
  }

  private static Opened embedded(TimeSource clock, int connections, String schema)
      throws UnavailableStoreException {
    EmbeddedPostgres server;
    try {
      server =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", String.valueOf(Math.max(100, connections + 10)))
              .start();
    } catch (IOException | RuntimeException e) {
      throw new UnavailableStoreException(
          "cannot start the embedded PostgreSQL server: "
              + e.getMessage()
              + "\nMaybe: as root it needs a working `unshare -U`; or pass --store"
              + " jdbc:postgresql://host:port/db?user=...",
          e);
    }
    HikariDataSource pool;
    try {
      pool = pool(server.getJdbcUrl("postgres", "postgres"), connections);
    } catch (RuntimeException e) {
      closeQuietly(server);
      throw new UnavailableStoreException(
          "cannot connect to the embedded PostgreSQL server: " + e.getMessage(), e);
    }
    try {
      return postgres(
          pool,
          clock,
          schema,
          "",
          false,
          "embedded PostgreSQL on port " + server.getPort(),
          () -> {
            pool.close();
            closeQuietly(server);
          });
    } catch (UnavailableStoreException | RuntimeException e) {
      pool.close();
      closeQuietly(server);
      throw e;
    }
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      // Its data directory is temporary; nothing else to do.
    }
  }

  private static HikariDataSource pool(String url, int connections) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("capacity-assign");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(Math.max(2, connections));
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  private static Opened postgres(
      HikariDataSource pool,
      TimeSource clock,
      String schema,
      String restaurantId,
      boolean resetSchema,
      String where,
      Runnable close)
      throws UnavailableStoreException {
    String version;
    try {
      PostgresSchema.migrate(pool, schema);
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement()) {
        if (resetSchema) {
          st.execute("TRUNCATE " + schema + ".restaurant CASCADE");
        }
        try (ResultSet rows = st.executeQuery("SHOW server_version")) {
          rows.next();
          version = rows.getString(1);
        }
      }
    } catch (SQLException | CapacityStorageException e) {
      throw new UnavailableStoreException(
          "cannot use schema '" + schema + "' of " + where + ": " + e.getMessage(), e);
    }
    // calls wait for a connection in the order they came (workers may outnumber connections)
    PostgresCapacityStore store =
        PostgresCapacityStore.builder(pool)
            .schema(schema)
            .timeSource(clock)
            .fairCalls(pool.getMaximumPoolSize(), Duration.ofMillis(pool.getConnectionTimeout()))
            .build();
    if (!restaurantId.isEmpty() && store.context(restaurantId) != null) {
      throw new UnavailableStoreException(
          "schema '"
              + schema
              + "' of "
              + where
              + " already holds restaurant '"
              + restaurantId
              + "'\nMaybe: --schema another_name, or --reset-schema to empty this one first",
          null);
    }
    return new Postgres(
        store, pool, schema, "PostgreSQL " + version + ", " + where + ", schema " + schema, close);
  }

  /** A JDBC URL without its parameters, which may hold a password. */
  static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  /**
   * HikariCP and zonky log through SLF4J, which without a provider would warn on stderr; Flyway
   * logs every step through java.util.logging. Keep both to what matters.
   */
  private static void quietSlf4j() {
    if (FLYWAY.getLevel() == null) {
      FLYWAY.setLevel(java.util.logging.Level.WARNING);
    }
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  /** The in-memory store; a reset makes a new one. */
  private static final class Memory implements Opened {
    private final TimeSource clock;
    private CapacityStore store;

    Memory(TimeSource clock) {
      this.clock = clock;
      this.store = new InMemoryCapacityStore(clock);
    }

    @Override
    public CapacityStore store() {
      return store;
    }

    @Override
    public String description() {
      return "memory";
    }

    @Override
    public CapacityStore reset() {
      store = new InMemoryCapacityStore(clock);
      return store;
    }

    @Override
    public void close() {}
  }

  /** A PostgreSQL store in one schema; a reset empties the schema's tables. */
  private record Postgres(
      CapacityStore store,
      HikariDataSource pool,
      String schema,
      String description,
      Runnable closer)
      implements Opened {
    @Override
    public CapacityStore reset() throws UnavailableStoreException {
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement()) {
        st.execute("TRUNCATE " + schema + ".restaurant CASCADE");
      } catch (SQLException e) {
        throw new UnavailableStoreException("cannot empty schema '" + schema + "': " + e, e);
      }
      return store;
    }

    @Override
    public void close() {
      closer.run();
    }
  }
}
