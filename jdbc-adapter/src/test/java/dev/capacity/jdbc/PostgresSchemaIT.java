package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.jdbc.SqlClient.Row;
import dev.capacity.jdbc.testing.PostgresExtension;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Migrating the adapter's schema: its own history table, idempotence, repeatable functions. */
@ExtendWith(PostgresExtension.class)
class PostgresSchemaIT {

  @Test
  void migratingTwiceIsANoOpAndUsesItsOwnHistoryTable(DataSource dataSource) {
    assertThat(PostgresSchema.migrate(dataSource, "twice")).isEqualTo(7);
    assertThat(PostgresSchema.migrate(dataSource, "twice")).isZero();
    SqlClient sql = new SqlClient(dataSource);
    List<Row> history =
        sql.query(
            "SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_name LIKE '%schema_history'");
    assertThat(history)
        .extracting(r -> r.string("table_schema") + "." + r.string("table_name"))
        .contains("twice." + PostgresSchema.HISTORY_TABLE)
        .allMatch(name -> name.endsWith("." + PostgresSchema.HISTORY_TABLE));
    assertThat(
            sql.query(
                "SELECT script FROM twice."
                    + PostgresSchema.HISTORY_TABLE
                    + " WHERE script LIKE '%.sql' ORDER BY script"))
        .extracting(r -> r.string("script"))
        .containsExactly(
            "R__functions.sql",
            "V001__baseline.sql",
            "V002__fast_confirm.sql",
            "V003__key_lookups.sql",
            "V004__domains.sql",
            "V005__table_first_exclusion.sql",
            "V006__owner_rule_function.sql");
  }

  @Test
  void aFreshSchemaAndOneWhoseFunctionsWereReappliedAreIdentical(DataSource dataSource)
      throws SQLException {
    SqlClient sql = new SqlClient(dataSource);
    // keep btree_gist out of both schemas, so that they differ in nothing but their name
    sql.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public");
    PostgresSchema.migrate(dataSource, "fresh");
    PostgresSchema.migrate(dataSource, "upgraded");
    // pretend the functions changed since: Flyway re-applies the repeatable migration
    sql.execute(
        "UPDATE upgraded."
            + PostgresSchema.HISTORY_TABLE
            + " SET checksum = checksum + 1 WHERE script = 'R__functions.sql'");
    assertThat(PostgresSchema.migrate(dataSource, "upgraded")).isEqualTo(1);
    assertThat(PostgresSchema.migrate(dataSource, "upgraded")).isZero();
    List<String> fresh = catalog(sql, "fresh");
    assertThat(fresh).hasSizeGreaterThan(100);
    assertThat(catalog(sql, "upgraded")).containsExactlyElementsOf(fresh);
  }

  @Test
  void aSchemaOfVersion1UpgradesToTheFreshSchema(DataSource dataSource) throws SQLException {
    SqlClient sql = new SqlClient(dataSource);
    sql.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public");
    PostgresSchema.migrate(dataSource, "zzvtwo");
    Flyway.configure(PostgresSchema.class.getClassLoader())
        .dataSource(dataSource)
        .schemas("zzvone")
        .defaultSchema("zzvone")
        .createSchemas(true)
        .table(PostgresSchema.HISTORY_TABLE)
        .locations(PostgresSchema.LOCATION)
        .target("1")
        .load()
        .migrate();
    assertThat(catalog(sql, "zzvone")).isNotEqualTo(catalog(sql, "zzvtwo"));
    assertThat(PostgresSchema.migrate(dataSource, "zzvone")).isEqualTo(5);
    assertThat(catalog(sql, "zzvone")).containsExactlyElementsOf(catalog(sql, "zzvtwo"));
  }

  @Test
  void theDefaultSchemaIsCapacity(DataSource dataSource) {
    assertThat(PostgresSchema.migrate(dataSource)).isEqualTo(7);
    assertThat(
            new SqlClient(dataSource)
                .one(
                    "SELECT count(*) AS n FROM information_schema.tables"
                        + " WHERE table_schema = 'capacity' AND table_name = 'occupancy'")
                .number("n"))
        .isEqualTo(1);
  }

  /** Every column, constraint, index, type and function of a schema, with its name removed. */
  private static List<String> catalog(SqlClient sql, String schema) {
    String q =
        """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
               || is_nullable || ' ' || coalesce(column_default, '') || ' '
               || coalesce(generation_expression, '') || ' ' || coalesce(domain_name, '') AS item
          FROM information_schema.columns WHERE table_schema = ?
        UNION ALL
        SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' '
               || pg_get_constraintdef(c.oid)
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ?
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = ?
        UNION ALL
        SELECT 'type ' || t.typname || ' ' || coalesce(
                 (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', '
                                    ORDER BY a.attnum)
                    FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0), '')
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = ? AND t.typtype = 'c'
           AND NOT EXISTS (SELECT 1 FROM pg_class k WHERE k.oid = t.typrelid AND k.relkind <> 'c')
        UNION ALL
        SELECT 'function ' || pg_get_functiondef(p.oid)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = ?
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        ORDER BY 1
        """;
    return sql.query(q, schema, schema, schema, schema, schema).stream()
        .map(r -> String.valueOf(r.string("item")).replace(schema, "<schema>"))
        .sorted()
        .toList();
  }
}
