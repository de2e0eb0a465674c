/** The PostgreSQL adapter: schema, functions and the store that implements the ports. */
@NullMarked
package dev.capacity.jdbc;

import org.jspecify.annotations.NullMarked;
