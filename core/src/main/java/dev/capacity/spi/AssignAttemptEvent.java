package dev.capacity.spi;

import dev.capacity.Reason;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of one attempt of the auto-assign runner for one booking finished: a quote-and-hold or a
 * confirm. Ids, counts, reasons and durations only.
 *
 * @param restaurant the restaurant id
 * @param booking the booking id
 * @param attempt the attempt's number, from 1
 * @param step which step
 * @param refusal why the step did not succeed (the store's or planner's reason, {@link
 *     Reason#STORAGE_UNAVAILABLE} or {@link Reason#STORAGE_FAILED} for a thrown storage failure),
 *     or null when it succeeded
 * @param plansTried plans the step tried to hold (0 for a confirm or a refused quote)
 * @param unitsExamined units the quote's search examined (0 when unknown: a refused quote reports
 *     them in its {@link QuoteEvent})
 * @param searchComplete whether the quote's search covered its whole space (true when unknown)
 * @param durationNanos time the step took
 * @param backoffNanos how long the runner will wait before the next attempt (0 when it will not try
 *     again)
 * @param at when
 */
public record AssignAttemptEvent(
    String restaurant,
    String booking,
    int attempt,
    Step step,
    @Nullable Reason refusal,
    int plansTried,
    long unitsExamined,
    boolean searchComplete,
    long durationNanos,
    long backoffNanos,
    Instant at)
    implements TelemetryEvent {

  /** The steps of an attempt. */
  public enum Step {
    /** Quote the booking and hold the first ranked plan that can be held. */
    QUOTE_AND_HOLD,
    /** Confirm the hold. */
    CONFIRM,
    /**
     * Quote the booking and hold and confirm the first ranked plan that can be, one store command
     * per plan tried ({@link dev.capacity.AutoAssignOptions#oneStep()}).
     */
    QUOTE_AND_CONFIRM
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   */
  public AssignAttemptEvent {
    Objects.requireNonNull(restaurant, "restaurant");
    Objects.requireNonNull(booking, "booking");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(at, "at");
  }
}
