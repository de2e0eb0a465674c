package dev.capacity.spi;

import org.jspecify.annotations.Nullable;

/**
 * A storage failure that trying again may cure: a serialization failure or deadlock with another
 * writer, a lost connection, a timeout. Callers map it to {@link
 * dev.capacity.Reason#STORAGE_UNAVAILABLE}.
 */
public class TransientStorageException extends CapacityStorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  public TransientStorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether trying again may succeed.
   *
   * @return true
   */
  @Override
  public boolean retryable() {
    return true;
  }
}
