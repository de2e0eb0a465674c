/** Seeded generators and a shrinker for property tests (published in core's test-jar). */
@NullMarked
package dev.capacity.testkit;

import org.jspecify.annotations.NullMarked;
