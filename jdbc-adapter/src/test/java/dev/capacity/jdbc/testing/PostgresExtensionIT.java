package dev.capacity.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks {@link PostgresExtension} against a real server: the exclusion constraint the adapter's
 * schema relies on, the server version, and database isolation.
 *
 * <p>Without {@code CAPACITY_PG_URL} the server must be the embedded one, whose major version is
 * pinned by the binaries BOM in the parent pom ({@value #EMBEDDED_MAJOR}). With it, set {@code
 * CAPACITY_PG_EXPECT_MAJOR} to check the major version of that server too ({@code .ci/run} does).
 */
@ExtendWith(PostgresExtension.class)
class PostgresExtensionIT {

  /** The major version of the embedded server; follows {@code zonky-binaries.version}. */
  static final int EMBEDDED_MAJOR = 18;

  private static final OffsetDateTime SEVEN_PM =
      OffsetDateTime.of(2026, 11, 22, 19, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void exclusionConstraintRefusesOverlappingBookingsOfATableAndAcceptsAdjacentOnes(
      DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
      statement.execute(
          """
          CREATE TABLE booking (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            restaurant_id bigint NOT NULL,
            table_id bigint NOT NULL,
            during tstzrange NOT NULL,
            EXCLUDE USING gist (restaurant_id WITH =, table_id WITH =, during WITH &&)
          )""");

      insertBooking(connection, 1, 7, SEVEN_PM, SEVEN_PM.plusHours(2));

      assertThatThrownBy(
              () -> insertBooking(connection, 1, 7, SEVEN_PM.plusHours(1), SEVEN_PM.plusHours(3)))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23P01"));
      // [19:00, 21:00) and [21:00, 23:00) touch but do not overlap.
      insertBooking(connection, 1, 7, SEVEN_PM.plusHours(2), SEVEN_PM.plusHours(4));
      // The same hours on another table, or in another restaurant, do not conflict.
      insertBooking(connection, 1, 8, SEVEN_PM, SEVEN_PM.plusHours(2));
      insertBooking(connection, 2, 7, SEVEN_PM, SEVEN_PM.plusHours(2));

      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM booking")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo(4);
      }
    }
  }

  @Test
  void runsOnTheExpectedServer(TestDatabase database) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT current_setting('server_version'),"
                    + " current_setting('server_version_num')::int, current_database()")) {
      assertThat(rows.next()).isTrue();
      String version = rows.getString(1);
      int major = rows.getInt(2) / 10_000;
      System.out.println(
          "PostgresExtensionIT ran on server_version "
              + version
              + ": "
              + database.serverDescription());

      assertThat(rows.getString(3)).isEqualTo(database.name()).startsWith("capacity_test_");
      String expectedMajor = System.getenv("CAPACITY_PG_EXPECT_MAJOR");
      if (expectedMajor != null && !expectedMajor.isBlank()) {
        assertThat(major).isEqualTo(Integer.parseInt(expectedMajor.strip()));
      } else if (System.getenv(PostgresServer.URL_ENV) == null) {
        assertThat(major).isEqualTo(EMBEDDED_MAJOR);
      } else {
        assertThat(major).isGreaterThanOrEqualTo(13);
      }
    }
  }

  @Test
  void createGivesAnEmptyDatabaseOfItsOwnAndCloseDropsIt(TestDatabase classDatabase)
      throws SQLException {
    String name;
    try (TestDatabase database = TestDatabase.create()) {
      name = database.name();
      assertThat(name).isNotEqualTo(classDatabase.name());
      try (Connection connection = database.dataSource().getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " WHERE n.nspname = 'public'")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isZero();
      }
    }
    try (Connection connection = classDatabase.dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isZero();
      }
    }
  }

  private static void insertBooking(
      Connection connection,
      long restaurantId,
      long tableId,
      OffsetDateTime start,
      OffsetDateTime end)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO booking (restaurant_id, table_id, during)"
                + " VALUES (?, ?, tstzrange(?, ?, '[)'))")) {
      statement.setLong(1, restaurantId);
      statement.setLong(2, tableId);
      statement.setObject(3, start);
      statement.setObject(4, end);
      statement.executeUpdate();
    }
  }
}
