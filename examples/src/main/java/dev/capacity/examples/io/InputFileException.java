package dev.capacity.examples.io;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A file that cannot be used as input: missing or unreadable, not JSON, JSON of the wrong shape, or
 * a document the model refuses. The message starts with the file name, then the reason (with the
 * field path when there is one), e.g. {@code scenario.json: tables[3].capacity: must be positive,
 * got -2}.
 *
 * <p>Immutable and thread-safe (as far as its cause is).
 */
public final class InputFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The file at fault, as given. */
  private final String file;

  /** Why it cannot be used. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param file the file at fault
   * @param reason why it cannot be used
   * @param cause the underlying error, or null
   */
  public InputFileException(Path file, String reason, @Nullable Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file.toString();
    this.reason = reason;
  }

  /**
   * The file at fault, as given by the caller.
   *
   * @return the path as text
   */
  public String file() {
    return file;
  }

  /**
   * Why the file cannot be used, without the file name.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
