package dev.capacity.jdbc;

import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.TransientStorageException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Turns JDBC failures into the {@code spi} storage exceptions, so that callers never import {@code
 * java.sql}: {@link TransientStorageException} when trying again may help (chosen by SQLState),
 * {@link CapacityStorageException} otherwise. Refusals are never exceptions: they come back from
 * the SQL functions as result codes.
 *
 * <p>Stateless and thread-safe.
 */
final class SqlFailures {
  /**
   * SQLStates after which the same command may succeed: serialization failure, deadlock, lock not
   * available, statement timeout or cancel, too many connections, the server shutting down or
   * starting up, and every connection exception (class 08).
   */
  static final Set<String> TRANSIENT =
      Set.of("40001", "40P01", "55P03", "57014", "53300", "57P01", "57P02", "57P03");

  private SqlFailures() {}

  /**
   * Whether a SQLState names a failure that trying again may cure.
   *
   * @param sqlState the state, possibly null
   * @return true for the states of {@link #TRANSIENT} and class 08 (connection exceptions)
   */
  static boolean isTransient(@org.jspecify.annotations.Nullable String sqlState) {
    return sqlState != null && (TRANSIENT.contains(sqlState) || sqlState.startsWith("08"));
  }

  /**
   * Translates a failure of a store operation.
   *
   * @param e the failure
   * @param what what the store was doing, e.g. {@code "hold for booking 'b1' in restaurant 'r'"}
   * @return the exception to throw
   */
  static CapacityStorageException translate(SQLException e, String what) {
    String state = e.getSQLState();
    String message =
        "PostgreSQL failed to " + what + " (SQLSTATE " + state + "): " + e.getMessage();
    if (isTransient(state)
        || e instanceof SQLTransientException
        || e instanceof SQLRecoverableException) {
      return new TransientStorageException(message, e);
    }
    return new CapacityStorageException(message, e);
  }
}
