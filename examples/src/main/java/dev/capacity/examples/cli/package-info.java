/** The {@code capacity} command-line program. */
@NullMarked
package dev.capacity.examples.cli;

import org.jspecify.annotations.NullMarked;
