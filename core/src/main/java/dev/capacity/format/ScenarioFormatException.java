package dev.capacity.format;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A scenario or result document that cannot be read: a missing or invalid field, an unknown id, a
 * repeated id, a wrong {@code format} string, an unparsable time. The message starts with the field
 * path in the document (for example {@code tables[3].capacity: must be positive, got -2}).
 *
 * <p>Immutable and thread-safe (as far as its cause is).
 */
public final class ScenarioFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The path of the field at fault. */
  private final String path;

  /** What is wrong with it. */
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param path the field path, such as {@code bookings[4].start}; empty for the whole document
   * @param problem what is wrong, naming the value
   * @throws NullPointerException if an argument is null
   */
  public ScenarioFormatException(String path, String problem) {
    this(path, problem, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param path the field path, such as {@code bookings[4].start}; empty for the whole document
   * @param problem what is wrong, naming the value
   * @param cause the underlying error, or null
   * @throws NullPointerException if {@code path} or {@code problem} is null
   */
  public ScenarioFormatException(String path, String problem, @Nullable Throwable cause) {
    super(
        Objects.requireNonNull(path, "path").isEmpty()
            ? Objects.requireNonNull(problem, "problem")
            : path + ": " + Objects.requireNonNull(problem, "problem"),
        cause);
    this.path = path;
    this.problem = problem;
  }

  /**
   * The path of the field at fault, in the document's terms ({@code tables[3].capacity}).
   *
   * @return the path; empty when the error concerns the whole document
   */
  public String path() {
    return path;
  }

  /**
   * What is wrong with the field, naming the value.
   *
   * @return the problem, without the path
   */
  public String problem() {
    return problem;
  }
}
