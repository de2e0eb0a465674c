package dev.capacity.jdbc;

import dev.capacity.jdbc.testing.PostgresExtension;
import dev.capacity.spi.AbstractCapacityStoreContractTest;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store contract that the in-memory adapter meets, run against PostgreSQL: the embedded server,
 * or the one named by {@code CAPACITY_PG_URL} (CI runs it on a second major version).
 *
 * <p>The class migrates one schema; each test starts from empty tables (truncated) and a store
 * whose expiry clock is the test's own.
 */
@ExtendWith(PostgresExtension.class)
class PostgresCapacityStoreContractIT extends AbstractCapacityStoreContractTest {
  private static DataSource dataSource;

  @BeforeAll
  static void migrate(DataSource ds) {
    PostgresSchema.migrate(ds, "contract");
    dataSource = ds;
  }

  @Override
  protected CapacityStore createStore(TimeSource time) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE contract.restaurant CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return PostgresCapacityStore.builder(dataSource).schema("contract").timeSource(time).build();
  }
}
