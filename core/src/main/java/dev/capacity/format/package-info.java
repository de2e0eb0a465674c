/**
 * The {@code capacity-scenario/1} and {@code capacity-result/1} file formats: JSON documents as
 * records ({@link dev.capacity.format.ScenarioDocument}, {@link
 * dev.capacity.format.ResultDocument}) and their conversion to and from the model ({@link
 * dev.capacity.format.ScenarioMapper}).
 *
 * <p>The records carry Jackson annotations only; parsing JSON text is left to the caller's {@code
 * ObjectMapper} (core does not depend on jackson-databind). Conversion errors are {@link
 * dev.capacity.format.ScenarioFormatException}s that name the field path and the value.
 *
 * <p>Every type in this package is immutable and thread-safe. Document components are nullable: a
 * null stands for a field absent from the file, and the mapper applies the format's defaults.
 */
@NullMarked
package dev.capacity.format;

import org.jspecify.annotations.NullMarked;
