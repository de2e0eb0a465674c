package dev.capacity.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * {@link PostgresLoad} cannot do what it was asked: a bad option, a server it cannot start or
 * reach, a scenario the store refuses. The message says what and, where it helps, a second line
 * starting with "Maybe" says what to do.
 */
final class LoadException extends Exception {
  private static final long serialVersionUID = 1L;

  LoadException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
