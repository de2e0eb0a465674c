package dev.capacity.spi;

import dev.capacity.Reason;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command of the commit path finished.
 *
 * @param restaurant the restaurant id
 * @param booking the booking id, or null for commands not about one booking
 * @param command which command
 * @param refusal why it was refused, or null when it succeeded
 * @param durationNanos time taken
 * @param at when
 */
public record CommandEvent(
    String restaurant,
    @Nullable String booking,
    Command command,
    @Nullable Reason refusal,
    long durationNanos,
    Instant at)
    implements TelemetryEvent {

  /** The commands. */
  public enum Command {
    /** Quote and hold the first plan that can be held. */
    QUOTE_AND_HOLD,
    /** Hold given tables. */
    HOLD,
    /** Confirm a hold. */
    CONFIRM,
    /** Assign tables directly. */
    ASSIGN,
    /** Remove a booking's tables. */
    UNASSIGN,
    /** Release a hold. */
    RELEASE,
    /** Move a booking to another state. */
    TRANSITION,
    /** Delete expired holds. */
    SWEEP,
    /** Quote, then hold and confirm the first plan that can be, in one step per plan. */
    QUOTE_AND_CONFIRM
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   */
  public CommandEvent {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(at, "at");
  }
}
