package dev.capacity;

import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.Sleeper;
import dev.capacity.spi.TelemetrySink;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Seats pending bookings automatically through a {@link CapacityService}: a background run over a
 * day, a service or a list, with bounded concurrency in priority order, and an inline path for one
 * booking within a time budget.
 *
 * <p>For each booking: quote and hold the best plan that can be held, then confirm it. A refusal
 * whose {@link Reason#retryable() reason is retryable} (a conflict with another writer, an expired
 * hold, a transient storage failure) re-reads the occupancy and tries again after a jittered
 * backoff, within a bounded number of attempts; any other reason stops at once (pitfall P3.3). A
 * hold is always released when its confirmation fails (P3.4), and a booking's own hold never blocks
 * it (H1). Nothing is attempted once the booking starts within the cut-off. A deadline or a
 * cancellation stops the work promptly and leaves no live hold. Reasons come from one closed enum,
 * never from message text.
 *
 * <p>"No plan" answers are remembered, keyed by the booking's, floor plan's, policy's and
 * occupancy's versions, so a later run skips a booking that cannot fit until something changes; a
 * write changes the occupancy version, so such an answer is never used after one. Each attempt,
 * each booking's summary and each run's summary go to the {@link TelemetrySink}, with ids only.
 *
 * <p>Build one with {@link #builder(CapacityStore)}. Implementations are thread-safe; one instance
 * serves any number of restaurants, runs and inline calls at once.
 *
 * <pre>{@code
 * AutoAssigner assigner = AutoAssigner.builder(store).build();
 * AutoAssignReport report =
 *     assigner.run("bistro", BookingSelection.day(LocalDate.of(2026, 11, 20)),
 *         AutoAssignOptions.defaults());
 * AutoAssignResult now = assigner.assignNow("bistro", "b42", Duration.ofMillis(300));
 * }</pre>
 */
public interface AutoAssigner {
  /**
   * A builder over a store, with the system clock, real sleeping, no telemetry and a service built
   * over the same store, planner, clock and sink as defaults.
   *
   * @param store the store to read bookings from and to write through
   * @return a new builder
   * @throws NullPointerException if the store is null
   */
  static Builder builder(CapacityStore store) {
    return new Builder(store);
  }

  /**
   * Runs over a selection of bookings and waits for the report. Interrupting the waiting thread
   * cancels the run (see {@link AutoAssignRun#cancel()}); the report of the stopped run is then
   * returned with the thread's interrupt flag set.
   *
   * @param restaurantId the restaurant id
   * @param selection which bookings
   * @param options how
   * @return the report: every selected booking exactly once
   * @throws IllegalArgumentException if the restaurant is unknown, or the selection names a service
   *     period the policy does not have
   * @throws dev.capacity.spi.CapacityStorageException if reading the selection fails
   */
  AutoAssignReport run(String restaurantId, BookingSelection selection, AutoAssignOptions options);

  /**
   * Runs over a selection with this assigner's default options.
   *
   * @param restaurantId the restaurant id
   * @param selection which bookings
   * @return the report
   * @throws IllegalArgumentException if the restaurant is unknown, or the selection names a service
   *     period the policy does not have
   * @throws dev.capacity.spi.CapacityStorageException if reading the selection fails
   */
  AutoAssignReport run(String restaurantId, BookingSelection selection);

  /**
   * Starts a run over a selection of bookings and returns at once.
   *
   * @param restaurantId the restaurant id
   * @param selection which bookings
   * @param options how
   * @return the run in progress
   * @throws IllegalArgumentException if the restaurant is unknown, or the selection names a service
   *     period the policy does not have
   * @throws dev.capacity.spi.CapacityStorageException if reading the selection fails
   */
  AutoAssignRun start(String restaurantId, BookingSelection selection, AutoAssignOptions options);

  /**
   * Seats one stored booking now, in the calling thread, within a time budget: the inline path of a
   * booking request. Same steps, retries and guarantees as a run (no hold is left live); the budget
   * is checked before each step and no backoff waits past it. The budget cannot cut a store call
   * short. A "no plan" answer is remembered for later runs. The default options' attempts, backoff,
   * cut-off, hold TTL and actor apply. Interrupting the thread stops it like a deadline.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param budget how long it may take, positive
   * @return the booking's result: {@link AutoAssignResult.Status#ASSIGNED}, {@code
   *     ALREADY_ASSIGNED}, or not assigned with a reason ({@link Reason#DEADLINE_EXCEEDED} when the
   *     budget ran out)
   * @throws IllegalArgumentException if the restaurant is unknown or the budget is not positive
   */
  AutoAssignResult assignNow(String restaurantId, String bookingId, Duration budget);

  /** Builds an {@link AutoAssigner}. Not thread-safe. */
  final class Builder {
    /**
     * The default service's builder; it also holds (and validates) the store, planner, time source
     * and telemetry this builder shares with that service, set or not.
     */
    private final CapacityService.Builder defaultService;

    private @Nullable CapacityService service;
    private Sleeper sleeper = Sleeper.system();
    private AutoAssignOptions defaults = AutoAssignOptions.defaults();

    private Builder(CapacityStore store) {
      this.defaultService = CapacityService.builder(store);
    }

    /**
     * Sets the service the runner quotes, holds, confirms and releases through. It must work on the
     * same store. Default: {@code CapacityService.builder(store)} with this builder's planner, time
     * source and telemetry.
     *
     * @param service the service
     * @return this builder
     */
    public Builder service(CapacityService service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /**
     * Sets the planner of the default service. Default: {@link Planner#create(TimeSource)} on this
     * builder's time source.
     *
     * @param planner the planner
     * @return this builder
     */
    public Builder planner(Planner planner) {
      defaultService.planner(planner);
      return this;
    }

    /**
     * Sets the time source: its clock decides cut-offs and stamps events, its ticker measures
     * deadlines, budgets, durations and the "no plan" cache's lifetime. Default: the system.
     *
     * @param time the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      defaultService.timeSource(time);
      return this;
    }

    /**
     * Sets the telemetry sink (also the default service's). Default: {@link TelemetrySink#noop()}.
     *
     * @param telemetry the sink
     * @return this builder
     */
    public Builder telemetry(TelemetrySink telemetry) {
      defaultService.telemetry(telemetry);
      return this;
    }

    /**
     * Sets how the runner waits between attempts. Default: {@link Sleeper#system()}, which a
     * cancellation also wakes. Tests pass one that advances their clock.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the options of {@link AutoAssigner#run(String, BookingSelection)} and {@link
     * AutoAssigner#assignNow}. Default: {@link AutoAssignOptions#defaults()}.
     *
     * @param options the options
     * @return this builder
     */
    public Builder defaults(AutoAssignOptions options) {
      this.defaults = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the assigner.
     *
     * @return the assigner
     * @throws IllegalStateException if both a service and a planner were set
     */
    public AutoAssigner build() {
      if (service != null && defaultService.plannerOrNull() != null) {
        throw new IllegalStateException(
            "both a service and a planner were set; the planner would be ignored"
                + "\nMaybe: set the planner on the service's builder");
      }
      CapacityService s = service;
      if (s == null) {
        s = defaultService.build();
      }
      return new dev.capacity.internal.assign.DefaultAutoAssigner(
          defaultService.store(),
          s,
          defaultService.time(),
          defaultService.telemetrySink(),
          sleeper,
          defaults);
    }
  }
}
