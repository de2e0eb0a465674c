package dev.capacity.jdbc;

import dev.capacity.jdbc.testing.PostgresExtension;
import dev.capacity.spi.AbstractAutoAssignerContractTest;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The auto-assign runner's contract that the in-memory store meets, run against PostgreSQL: every
 * bundled scenario with 15 workers against 1, faults injected over the real store, deadlines,
 * cancellation, the inline path and the "no plan" cache.
 *
 * <p>The class migrates one schema; each store starts from empty tables (truncated), with the
 * test's clock for expiry. A test that creates a second store no longer uses the first.
 */
@ExtendWith(PostgresExtension.class)
class PostgresAutoAssignerContractIT extends AbstractAutoAssignerContractTest {
  private static DataSource dataSource;

  @BeforeAll
  static void migrate(DataSource ds) {
    PostgresSchema.migrate(ds, "assign");
    dataSource = ds;
  }

  @Override
  protected CapacityStore createStore(TimeSource time) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE assign.restaurant CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return PostgresCapacityStore.builder(dataSource).schema("assign").timeSource(time).build();
  }
}
