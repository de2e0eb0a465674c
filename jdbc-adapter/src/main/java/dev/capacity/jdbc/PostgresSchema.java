package dev.capacity.jdbc;

import dev.capacity.spi.CapacityStorageException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the adapter's tables and functions in a PostgreSQL schema of their own.
 *
 * <p>The SQL lives in this jar under {@value #LOCATION} ({@code V001__baseline.sql} for tables,
 * {@code R__functions.sql} for functions) and is applied by Flyway with its own history table,
 * {@value #HISTORY_TABLE}, in the given schema; so a host application's Flyway, which looks in
 * {@code db/migration} and keeps {@code flyway_schema_history}, never picks these files up by
 * accident. Migrating an up-to-date schema does nothing. A host that prefers to run the files with
 * its own Flyway can point a second Flyway instance at {@value #LOCATION} with the same history
 * table name.
 *
 * <pre>{@code
 * PostgresSchema.migrate(dataSource, "capacity");
 * }</pre>
 *
 * <p>The user needs the right to create the schema (or own it) and, on first run, the {@code
 * btree_gist} extension (a trusted extension: a database owner may create it). Flyway holds two
 * connections of the data source at once (one for its lock, one for the migration): with a pool of
 * one connection, {@code migrate} waits for the pool's timeout and fails, so give it a data source
 * that allows two.
 *
 * <p>Thread-safety: stateless. Concurrent migrations of one schema are serialised by Flyway's lock
 * in the database.
 */
public final class PostgresSchema {

  /** Where the SQL files are, as a Flyway location. */
  public static final String LOCATION = "classpath:dev/capacity/jdbc/postgres";

  /** The name of the adapter's Flyway history table, created in the adapter's schema. */
  public static final String HISTORY_TABLE = "capacity_schema_history";

  /** The schema {@link #migrate(DataSource)} uses. */
  public static final String DEFAULT_SCHEMA = "capacity";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private PostgresSchema() {}

  /**
   * Creates or upgrades the adapter's schema {@value #DEFAULT_SCHEMA}.
   *
   * @param dataSource connections to the database
   * @return how many migrations were applied (0 when the schema was up to date)
   * @throws CapacityStorageException if the migration fails; the message carries the database's
   *     reason
   */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, DEFAULT_SCHEMA);
  }

  /**
   * Creates or upgrades the adapter's tables and functions in a schema, creating the schema if
   * needed.
   *
   * @param dataSource connections to the database
   * @param schemaName the schema: a plain lower-case SQL identifier such as {@code capacity}
   * @return how many migrations were applied (0 when the schema was up to date)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the schema name is not a plain lower-case identifier
   * @throws CapacityStorageException if the migration fails; the message carries the database's
   *     reason
   */
  public static int migrate(DataSource dataSource, String schemaName) {
    Objects.requireNonNull(dataSource, "dataSource");
    checkSchemaName(schemaName);
    Flyway flyway =
        Flyway.configure(PostgresSchema.class.getClassLoader())
            .dataSource(dataSource)
            .schemas(schemaName)
            .defaultSchema(schemaName)
            .createSchemas(true)
            .table(HISTORY_TABLE)
            .locations(LOCATION)
            .load();
    try {
      MigrateResult result = flyway.migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new CapacityStorageException(
          "Cannot migrate the capacity schema '"
              + schemaName
              + "': "
              + e.getMessage()
              + "\nMaybe the user may not create schemas or the btree_gist extension.",
          e);
    }
  }

  /**
   * Checks that a schema name is a plain lower-case SQL identifier, which needs no quoting.
   *
   * @param schemaName the name
   * @return the name
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it is not a plain lower-case identifier
   */
  static String checkSchemaName(String schemaName) {
    Objects.requireNonNull(schemaName, "schemaName");
    if (!IDENTIFIER.matcher(schemaName).matches()) {
      throw new IllegalArgumentException(
          "schemaName must be a plain lower-case SQL identifier, got '"
              + schemaName
              + "'\nMaybe: use a name such as capacity");
    }
    return schemaName;
  }
}
