package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.TransientStorageException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

  @Test
  void serializationDeadlockTimeoutAndConnectionFailuresAreRetryable() {
    for (String state : new String[] {"40001", "40P01", "55P03", "57014", "08006", "08001"}) {
      CapacityStorageException e =
          SqlFailures.translate(new SQLException("boom", state), "hold tables");
      assertThat(e).as(state).isInstanceOf(TransientStorageException.class);
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("hold tables").contains(state).contains("boom");
    }
    assertThat(SqlFailures.translate(new SQLTransientConnectionException("pool empty"), "read"))
        .isInstanceOf(TransientStorageException.class);
  }

  @Test
  void otherFailuresAreNotRetryable() {
    for (String state : new String[] {"42501", "42883", "23505", "XX000"}) {
      CapacityStorageException e = SqlFailures.translate(new SQLException("no", state), "read");
      assertThat(e).as(state).isNotInstanceOf(TransientStorageException.class);
      assertThat(e.retryable()).isFalse();
    }
    assertThat(SqlFailures.translate(new SQLException("no state"), "read").retryable()).isFalse();
  }
}
