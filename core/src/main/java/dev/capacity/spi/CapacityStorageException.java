package dev.capacity.spi;

/**
 * The storage behind a store failed: the root of the one small unchecked hierarchy adapters throw,
 * so that callers never import {@code java.sql}. A refusal (no capacity, a conflict, a broken rule)
 * is never an exception: it is an {@link dev.capacity.Outcome}.
 *
 * <p>A command that throws may or may not have been applied; repeat it with the same idempotency
 * key, or re-read.
 */
public class CapacityStorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  public CapacityStorageException(
      String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether trying again may succeed.
   *
   * @return false; true for {@link TransientStorageException}
   */
  public boolean retryable() {
    return false;
  }
}
