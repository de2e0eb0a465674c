package dev.capacity;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The typed result of an atomic command: a {@link Success} carrying the value the command produced,
 * or a {@link Refused} carrying the {@link Refusal} (reason, message, details). A command that is
 * refused has written nothing. A booking that cannot be seated is an outcome, never an exception;
 * only failures of the storage itself are thrown (see {@code dev.capacity.spi}).
 *
 * <p>Immutable and thread-safe when the value is.
 *
 * @param <T> the type of the value on success
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Refused {

  /**
   * A successful outcome.
   *
   * @param value the value
   * @param <T> the value's type
   * @return the outcome
   * @throws NullPointerException if the value is null
   */
  static <T> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  /**
   * A refusal.
   *
   * @param refusal why the command was refused
   * @param <T> the type a success would have carried
   * @return the outcome
   * @throws NullPointerException if the refusal is null
   */
  static <T> Outcome<T> refused(Refusal refusal) {
    return new Refused<>(refusal);
  }

  /**
   * A refusal with a reason and a message and no further details.
   *
   * @param reason the reason
   * @param message what was refused and why, naming the values
   * @param <T> the type a success would have carried
   * @return the outcome
   * @throws NullPointerException if an argument is null
   */
  static <T> Outcome<T> refused(Reason reason, String message) {
    return new Refused<>(Refusal.of(reason, message));
  }

  /**
   * Whether the command succeeded.
   *
   * @return true for a {@link Success}
   */
  boolean isSuccess();

  /**
   * The value of a success.
   *
   * @return the value, or null when refused
   */
  @Nullable T valueOrNull();

  /**
   * The refusal of a refused command.
   *
   * @return the refusal, or null on success
   */
  @Nullable Refusal refusalOrNull();

  /**
   * The reason of a refusal.
   *
   * @return the reason, or null on success
   */
  default @Nullable Reason reason() {
    Refusal r = refusalOrNull();
    return r == null ? null : r.reason();
  }

  /**
   * The value of a success, or an exception for a refusal.
   *
   * @return the value
   * @throws IllegalStateException if the command was refused; the message carries the refusal
   */
  T orElseThrow();

  /**
   * Transforms the value of a success; a refusal is passed on unchanged.
   *
   * @param f the transformation
   * @param <U> the new value type
   * @return the transformed outcome
   */
  <U> Outcome<U> map(Function<? super T, ? extends U> f);

  /**
   * A successful command.
   *
   * @param value what the command produced
   * @param <T> the value's type
   */
  record Success<T>(T value) implements Outcome<T> {
    /**
     * Validates the value.
     *
     * @throws NullPointerException if the value is null
     */
    public Success {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isSuccess() {
      return true;
    }

    @Override
    public T valueOrNull() {
      return value;
    }

    @Override
    public @Nullable Refusal refusalOrNull() {
      return null;
    }

    @Override
    public T orElseThrow() {
      return value;
    }

    @Override
    public <U> Outcome<U> map(Function<? super T, ? extends U> f) {
      return new Success<>(f.apply(value));
    }
  }

  /**
   * A refused command: nothing was written.
   *
   * @param refusal why
   * @param <T> the type a success would have carried
   */
  record Refused<T>(Refusal refusal) implements Outcome<T> {
    /**
     * Validates the refusal.
     *
     * @throws NullPointerException if the refusal is null
     */
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
    }

    @Override
    public boolean isSuccess() {
      return false;
    }

    @Override
    public @Nullable T valueOrNull() {
      return null;
    }

    @Override
    public Refusal refusalOrNull() {
      return refusal;
    }

    @Override
    public T orElseThrow() {
      throw new IllegalStateException("refused: " + refusal);
    }

    @Override
    public <U> Outcome<U> map(Function<? super T, ? extends U> f) {
      return new Refused<>(refusal);
    }
  }
}
