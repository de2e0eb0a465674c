/** The planner's implementation: unit catalogs, search, scoring, lookahead. Not exported. */
@NullMarked
package dev.capacity.internal.planner;

import org.jspecify.annotations.NullMarked;
