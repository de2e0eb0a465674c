package dev.capacity.benchmarks;

import dev.capacity.AutoAssignResult;
import dev.capacity.Booking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Booking requests arriving at a fixed rate: the day's bookings in the order guests made them
 * ({@link Booking#createdAt()}, then id), the i-th due {@code i / rate} seconds after the start,
 * each handled by the caller's request (in {@link PostgresLoad}: save the booking, then seat it
 * with {@link dev.capacity.AutoAssigner#assignNow}, the inline path of a booking request) on one of
 * a fixed number of request threads.
 *
 * <p>An open loop: arrivals do not wait for earlier requests to finish, so a request that finds
 * every thread busy waits for one, and its latency is counted from the moment it was due, not from
 * when a thread took it up (a load generator that counted from the take-up would hide the queue:
 * the "coordinated omission" of closed-loop tools). Against a closed loop, where every worker
 * always has a booking in hand and the mean time per booking is the workers divided by the
 * throughput (Little's law), this shows what a guest waits at a given load.
 *
 * <p>A thread waits for a request's due time with {@link LockSupport#parkNanos}, which may wake a
 * little late on a loaded machine; such oversleep counts towards the request's latency, as a late
 * start would for a real request.
 *
 * <p>Not thread-safe: one run at a time; it starts and joins threads of its own.
 */
final class PacedRequests {
  private PacedRequests() {}

  /**
   * What one paced run measured.
   *
   * @param results each request's result, in arrival order
   * @param latencyNanos each request's time from when it was due until its result, in arrival order
   * @param lateNanos each request's wait from when it was due until a thread took it up
   * @param wallNanos from the first arrival until the last result
   */
  record Outcome(
      List<AutoAssignResult> results, long[] latencyNanos, long[] lateNanos, long wallNanos) {

    /** Results with {@link AutoAssignResult.Status#ASSIGNED}. */
    int confirmed() {
      return (int)
          results.stream().filter(r -> r.status() == AutoAssignResult.Status.ASSIGNED).count();
    }
  }

  /**
   * The bookings in arrival order: by {@link Booking#createdAt()}, then id.
   *
   * @param bookings the day's bookings
   * @return a new list in arrival order
   */
  static List<Booking> arrivalOrder(List<Booking> bookings) {
    List<Booking> sorted = new ArrayList<>(bookings);
    sorted.sort(Comparator.comparing(Booking::createdAt).thenComparing(Booking::id));
    return sorted;
  }

  /**
   * Sends the requests and waits for all of them.
   *
   * @param request handles one booking's request and returns its result; called from the request
   *     threads, so it must be thread-safe
   * @param arrivals the bookings in the order they arrive
   * @param rate requests per second, positive
   * @param threads request threads, positive
   * @return what was measured
   * @throws IllegalArgumentException if the rate or the threads are not positive
   * @throws IllegalStateException if a request threw (the first such failure attached), after every
   *     other request was still sent on time
   */
  static Outcome run(
      Function<Booking, AutoAssignResult> request,
      List<Booking> arrivals,
      double rate,
      int threads) {
    Objects.requireNonNull(request, "request");
    if (!(rate > 0) || threads < 1) {
      throw new IllegalArgumentException(
          "rate and threads must be positive, got " + rate + " and " + threads);
    }
    int n = arrivals.size();
    AtomicReferenceArray<AutoAssignResult> results = new AtomicReferenceArray<>(n);
    long[] latency = new long[n];
    long[] late = new long[n];
    long[] done = new long[n];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    double gap = 1e9 / rate;
    // a little lead, so that the first arrivals do not fall due while the threads start
    long t0 = System.nanoTime() + 20_000_000L;
    Runnable loop =
        () -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            long due = t0 + Math.round(i * gap);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
              LockSupport.parkNanos(wait);
            }
            long taken = System.nanoTime();
            try {
              results.set(i, request.apply(arrivals.get(i)));
            } catch (RuntimeException | Error e) {
              // the run fails, but this thread goes on with the requests after it, so the others
              // keep their timing
              failure.compareAndSet(null, e);
            }
            long end = System.nanoTime();
            latency[i] = end - due;
            late[i] = taken - due;
            done[i] = end;
          }
        };
    List<Thread> started = new ArrayList<>(threads);
    for (int k = 0; k < threads; k++) {
      Thread t = new Thread(loop, "paced-request-" + (k + 1));
      t.setDaemon(true);
      t.start();
      started.add(t);
    }
    boolean interrupted = false;
    for (Thread t : started) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f != null) {
      throw new IllegalStateException("a request thread failed: " + f, f);
    }
    List<AutoAssignResult> list = new ArrayList<>(n);
    long last = t0;
    for (int i = 0; i < n; i++) {
      list.add(Objects.requireNonNull(results.get(i)));
      last = Math.max(last, done[i]);
    }
    return new Outcome(List.copyOf(list), latency, late, Math.max(0, last - t0));
  }
}
