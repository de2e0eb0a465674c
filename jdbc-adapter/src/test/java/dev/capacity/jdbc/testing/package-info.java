/**
 * Test support for the PostgreSQL adapter, published in the module's test-jar: {@link
 * dev.capacity.jdbc.testing.PostgresExtension} gives tests a database of their own on a shared
 * server (the one named by {@code CAPACITY_PG_URL}, or an embedded one).
 */
@NullMarked
package dev.capacity.jdbc.testing;

import org.jspecify.annotations.NullMarked;
