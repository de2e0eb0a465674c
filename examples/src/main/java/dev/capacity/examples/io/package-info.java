/**
 * Reading and writing {@code capacity-scenario/1} and {@code capacity-result/1} files with Jackson:
 * the one {@code ObjectMapper} set-up the {@code capacity} commands share.
 */
@NullMarked
package dev.capacity.examples.io;

import org.jspecify.annotations.NullMarked;
