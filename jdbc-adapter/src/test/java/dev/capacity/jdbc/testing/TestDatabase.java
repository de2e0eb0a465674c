package dev.capacity.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL database of its own, freshly created for a test class or a test, with a connection
 * pool on it.
 *
 * <p>The database is created with {@code CREATE DATABASE capacity_test_<random>} on the shared
 * server (see {@link PostgresExtension}) and dropped by {@link #close()}, so tests never see each
 * other's tables and may run in any order. {@link PostgresExtension} hands out one per test class;
 * a test that needs a database of its own calls {@link #create()}:
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.create()) {
 *   try (Connection c = db.dataSource().getConnection()) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent use. The {@link #dataSource()} is a HikariCP pool of at
 * most {@value #MAX_POOL_SIZE} connections, meant to be shared by many threads; {@link #close()} is
 * idempotent.
 */
public final class TestDatabase implements AutoCloseable {

  /** The most connections {@link #dataSource()} opens at once. */
  public static final int MAX_POOL_SIZE = 10;

  private static final System.Logger LOG = System.getLogger(TestDatabase.class.getName());

  private final PostgresServer server;
  private final String name;
  private final String jdbcUrl;
  private final HikariDataSource dataSource;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
    this.jdbcUrl = server.urlOf(name);
    HikariConfig config = new HikariConfig();
    config.setPoolName("test-" + name);
    config.setJdbcUrl(jdbcUrl);
    String user = server.user();
    if (user != null) {
      config.setUsername(user);
    }
    String password = server.password();
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    config.setMinimumIdle(0);
    this.dataSource = new HikariDataSource(config);
  }

  /**
   * Creates a fresh, empty database on the shared server; the caller closes it.
   *
   * <p>The first call in a JVM also resolves the server: the one named by {@code CAPACITY_PG_URL},
   * or else an embedded one it starts.
   *
   * @return the new database, open
   * @throws IllegalStateException if no server can be reached or the database cannot be created
   */
  public static TestDatabase create() {
    PostgresServer server = PostgresServer.get();
    String name =
        "capacity_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    try (Connection connection = server.connectAdmin();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create test database "
              + name
              + " on "
              + server.description()
              + ": "
              + e.getMessage()
              + "\nMaybe the user lacks the CREATEDB privilege.",
          e);
    }
    try {
      return new TestDatabase(server, name);
    } catch (RuntimeException e) {
      drop(server, name);
      throw e;
    }
  }

  /**
   * Returns the database's name, {@code capacity_test_} and 16 hex digits.
   *
   * @return the name, a plain SQL identifier
   */
  public String name() {
    return name;
  }

  /**
   * Returns the JDBC URL of this database; it keeps any parameters of {@code CAPACITY_PG_URL}.
   *
   * @return the URL; use {@link #user()} and {@link #password()} with it
   */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * Returns the user to connect as, from {@code CAPACITY_PG_USER}.
   *
   * @return the user, or null if the URL names it or the driver's default applies
   */
  public @Nullable String user() {
    return server.user();
  }

  /**
   * Returns the password to connect with, from {@code CAPACITY_PG_PASSWORD}.
   *
   * @return the password, or null if the URL holds it or none is needed
   */
  public @Nullable String password() {
    return server.password();
  }

  /**
   * Returns a pooled data source on this database; connections are in auto-commit mode.
   *
   * @return the data source, valid until {@link #close()}
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Returns where the server comes from and its version, e.g. {@code PostgreSQL 18.6 from embedded
   * server on port 35123}.
   *
   * @return a description for messages and logs
   */
  public String serverDescription() {
    return server.description();
  }

  /**
   * Closes the pool and drops the database, ending any session still connected to it. Calling it
   * again has no effect. A failed drop is logged, not thrown: the database only costs space on a
   * test server.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      dataSource.close();
      drop(server, name);
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + name + " on " + server.description() + "]";
  }

  private static void drop(PostgresServer server, String name) {
    try (Connection connection = server.connectAdmin();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Cannot drop test database " + name, e);
    }
  }
}
