package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSchemaTest {

  @Test
  void schemaNamesArePlainLowerCaseIdentifiers() {
    assertThat(PostgresSchema.checkSchemaName("capacity")).isEqualTo("capacity");
    assertThat(PostgresSchema.checkSchemaName("_cap_2")).isEqualTo("_cap_2");
    for (String bad : new String[] {"", "Capacity", "2cap", "cap-x", "cap; drop", "a\"b"}) {
      assertThatThrownBy(() -> PostgresSchema.checkSchemaName(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\nMaybe");
    }
    assertThatThrownBy(() -> PostgresSchema.checkSchemaName("x".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSqlFilesAreInTheNamespacedLocation() {
    assertThat(PostgresSchema.class.getResource("/dev/capacity/jdbc/postgres/V001__baseline.sql"))
        .isNotNull();
    assertThat(PostgresSchema.class.getResource("/dev/capacity/jdbc/postgres/R__functions.sql"))
        .isNotNull();
    assertThat(PostgresSchema.class.getResource("/db/migration")).isNull();
  }
}
