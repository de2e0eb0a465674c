package dev.capacity;

import java.util.concurrent.CompletionStage;

/**
 * A run of the auto-assign runner in progress, as returned by {@link AutoAssigner#start}: progress,
 * cancellation and the report when it ends.
 *
 * <p>Thread-safe.
 */
public interface AutoAssignRun {
  /**
   * How many bookings the run reports in all.
   *
   * @return the number of selected bookings
   */
  int total();

  /**
   * How many bookings have a result so far.
   *
   * @return from 0 to {@link #total()}
   */
  int completed();

  /**
   * Stops the run promptly: no booking is taken up any more, bookings in progress stop before their
   * next step and release the holds they made, and the bookings not taken up are reported skipped
   * with {@link Reason#DEADLINE_EXCEEDED}. A store call already under way finishes first.
   *
   * @return true if this call stopped the run, false if it had ended or was stopped already
   */
  boolean cancel();

  /**
   * Whether the run has ended (its report is ready).
   *
   * @return true once every booking has a result and the workers are done
   */
  boolean isDone();

  /**
   * Waits for the report.
   *
   * @return the report
   * @throws InterruptedException if the waiting thread is interrupted (the run goes on)
   */
  AutoAssignReport await() throws InterruptedException;

  /**
   * The report, when it is ready.
   *
   * @return a stage completed with the report (never exceptionally: failures are in the results)
   */
  CompletionStage<AutoAssignReport> completion();
}
