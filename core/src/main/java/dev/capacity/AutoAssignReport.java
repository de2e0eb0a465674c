package dev.capacity;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * What an auto-assign run did: one result per selected booking (each booking exactly once, in the
 * order the run took them up: bookings named in a list that were not pending first, then the
 * pending ones in priority order), with totals and rates.
 *
 * <p>Immutable and thread-safe.
 *
 * @param restaurant the restaurant id
 * @param results one result per booking
 * @param startedAt when the run started, by the runner's time source
 * @param nanos how long the run took, by the runner's time source
 * @param workers the run's concurrency
 * @param stoppedBy {@link Reason#DEADLINE_EXCEEDED} when a deadline or cancellation stopped the
 *     work on at least one booking (those bookings carry that reason), else null
 */
public record AutoAssignReport(
    String restaurant,
    List<AutoAssignResult> results,
    Instant startedAt,
    long nanos,
    int workers,
    @Nullable Reason stoppedBy) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if a booking is reported twice, or a count is negative
   */
  public AutoAssignReport {
    Checks.id(restaurant, "restaurant id");
    results = List.copyOf(results);
    Checks.unique(results.stream().map(AutoAssignResult::booking).toList(), "booking in report");
    Objects.requireNonNull(startedAt, "startedAt");
    Checks.nonNegative(nanos, "nanos");
    Checks.nonNegative(workers, "workers");
  }

  /**
   * How many bookings were reported.
   *
   * @return the number of results
   */
  public int bookings() {
    return results.size();
  }

  /**
   * How many bookings ended with a status.
   *
   * @param status the status
   * @return the count
   */
  public int count(AutoAssignResult.Status status) {
    return sum(r -> r.status() == status ? 1 : 0);
  }

  /**
   * How many bookings the run assigned.
   *
   * @return the count of {@link AutoAssignResult.Status#ASSIGNED}
   */
  public int assigned() {
    return count(AutoAssignResult.Status.ASSIGNED);
  }

  /**
   * Guests of every booking reported.
   *
   * @return the sum of party sizes
   */
  public int covers() {
    return sum(AutoAssignResult::partySize);
  }

  /**
   * Guests of the bookings seated after the run (assigned by it, or already).
   *
   * @return the sum of their party sizes
   */
  public int coversSeated() {
    return sum(r -> r.seated() ? r.partySize() : 0);
  }

  /**
   * Attempts made over all bookings.
   *
   * @return the sum of attempts
   */
  public int attempts() {
    return sum(AutoAssignResult::attempts);
  }

  /**
   * Attempts refused with {@link Reason#CONFLICT} that were tried again, over all bookings.
   *
   * @return the sum
   */
  public int conflictsRetried() {
    return sum(AutoAssignResult::conflictsRetried);
  }

  /**
   * The bookings not seated, counted by reason.
   *
   * @return reason to count, in the enum's order
   */
  public Map<Reason, Integer> reasons() {
    Map<Reason, Integer> out = new EnumMap<>(Reason.class);
    for (AutoAssignResult r : results) {
      Reason reason = r.reason();
      if (reason != null) {
        out.merge(reason, 1, Integer::sum);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The share of the reported bookings that are seated after the run.
   *
   * @return seated bookings divided by bookings, 0 when none was reported
   */
  public double seatedRate() {
    if (results.isEmpty()) {
      return 0;
    }
    return (double) sum(r -> r.seated() ? 1 : 0) / results.size();
  }

  /**
   * The share of the reported guests that are seated after the run.
   *
   * @return seated covers divided by covers, 0 when there are none
   */
  public double coverRate() {
    int covers = covers();
    return covers == 0 ? 0 : (double) coversSeated() / covers;
  }

  /**
   * Throughput: bookings reported per second of the run.
   *
   * @return bookings divided by the run's duration in seconds, 0 for a run that took no time
   */
  public double bookingsPerSecond() {
    return nanos == 0 ? 0 : results.size() / (nanos / 1e9);
  }

  /**
   * A percentile of the time spent per attempted booking (bookings with at least one attempt), by
   * the nearest-rank method.
   *
   * @param percentile from 0 (exclusive) to 100 (inclusive), such as 95
   * @return the time in milliseconds, 0 when no booking was attempted
   * @throws IllegalArgumentException if the percentile is out of range
   */
  public double millisPercentile(double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
    long[] times =
        results.stream().filter(r -> r.attempts() > 0).mapToLong(AutoAssignResult::nanos).toArray();
    if (times.length == 0) {
      return 0;
    }
    Arrays.sort(times);
    int rank = (int) Math.ceil(percentile / 100.0 * times.length);
    return times[Math.max(0, rank - 1)] / 1e6;
  }

  /**
   * The result for a booking.
   *
   * @param bookingId the booking id
   * @return its result, or null when it was not reported
   */
  public @Nullable AutoAssignResult result(String bookingId) {
    for (AutoAssignResult r : results) {
      if (r.booking().equals(bookingId)) {
        return r;
      }
    }
    return null;
  }

  /**
   * A one-line summary, e.g. {@code bistro: 29 bookings, 23 seated (62/121 covers) in 0.41 s: 70.7
   * bookings/s, p95 12.5 ms, 2 conflicts retried}.
   *
   * @return the summary
   */
  public String summary() {
    int seated = sum(r -> r.seated() ? 1 : 0);
    return String.format(
        java.util.Locale.ROOT,
        "%s: %d bookings, %d seated (%d/%d covers) in %.2f s with %d workers: %.1f bookings/s,"
            + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d conflicts retried%s",
        restaurant,
        results.size(),
        seated,
        coversSeated(),
        covers(),
        nanos / 1e9,
        workers,
        bookingsPerSecond(),
        millisPercentile(50),
        millisPercentile(95),
        millisPercentile(99),
        conflictsRetried(),
        stoppedBy == null ? "" : ", stopped: " + stoppedBy);
  }

  private int sum(ToIntFunction<AutoAssignResult> f) {
    int n = 0;
    for (AutoAssignResult r : results) {
      n += f.applyAsInt(r);
    }
    return n;
  }
}
