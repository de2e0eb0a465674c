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
 * <p>The document records are plain carriers of what a file says: their components are nullable (a
 * null stands for a field absent from the file; the mapper applies the format's defaults or reports
 * it missing), and their lists are kept as given, not copied, so treat them as read-only. {@link
 * dev.capacity.format.ScenarioMapper} is stateless and thread-safe, and everything it returns is
 * built fresh; the model values it returns are immutable.
 */
@NullMarked
package dev.capacity.format;

import org.jspecify.annotations.NullMarked;
