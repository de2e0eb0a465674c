package dev.capacity.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

  @Test
  void withDatabaseReplacesTheDatabaseAndKeepsHostsAndParameters() {
    assertThat(
            PostgresServer.withDatabase(
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=u&password=p", "capacity_test_1"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/capacity_test_1?user=u&password=p");
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://h1:5432,h2:5433/app", "db"))
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
  }

  @Test
  void withDatabaseAddsADatabaseToAUrlWithoutOne() {
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://localhost", "db"))
        .isEqualTo("jdbc:postgresql://localhost/db");
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://localhost/?ssl=false", "db"))
        .isEqualTo("jdbc:postgresql://localhost/db?ssl=false");
  }

  @Test
  void withDatabaseRejectsOtherUrlFormsWithoutShowingParameters() {
    assertThatThrownBy(() -> PostgresServer.withDatabase("jdbc:postgresql:app?password=s", "db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:app?…")
        .hasMessageNotContaining("password=s")
        .hasMessageContaining("\nMaybe");
  }
}
