package dev.capacity.jdbc;

import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.TransientStorageException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets at most a fixed number of a store's calls use a connection at once, and serves the calls
 * waiting for one in the order they came ({@link PostgresCapacityStore.Builder#fairCalls}).
 *
 * <p>Implementation note: a fair {@link Semaphore}, whose timed acquire honours the queue. A call
 * made by a thread that already holds a slot (a call inside a call) takes no second slot, so a
 * thread can never wait for itself.
 *
 * <p>Thread-safe.
 */
final class CallQueue {
  private final int calls;
  private final Duration maxWait;
  private final Semaphore slots;
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  /**
   * Creates the queue.
   *
   * @param calls how many calls may hold a slot at once, at least 1
   * @param maxWait how long a call waits for a slot, positive
   * @throws IllegalArgumentException if either is out of range
   */
  CallQueue(int calls, Duration maxWait) {
    if (calls < 1) {
      throw new IllegalArgumentException("fairCalls needs at least 1 call at once, got " + calls);
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("fairCalls needs a positive maximum wait, got " + maxWait);
    }
    this.calls = calls;
    this.maxWait = maxWait;
    this.slots = new Semaphore(calls, true);
  }

  /**
   * Waits for a slot, in arrival order; every return must be followed by one {@link #leave()}.
   *
   * @param what the call, for messages
   * @throws TransientStorageException if no slot came free within the maximum wait
   * @throws CapacityStorageException if the thread was interrupted while waiting (its interrupt
   *     status is kept)
   */
  void enter(String what) {
    int[] d = depth.get();
    if (d[0] > 0) {
      d[0]++;
      return;
    }
    boolean got;
    try {
      got = slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CapacityStorageException(
          "interrupted while waiting for a connection to " + what, e);
    }
    if (!got) {
      throw new TransientStorageException(
          "no connection came free within "
              + maxWait.toMillis()
              + " ms (at most "
              + calls
              + " calls at once) to "
              + what,
          null);
    }
    d[0] = 1;
  }

  /** Gives back the slot taken by the matching {@link #enter}. */
  void leave() {
    int[] d = depth.get();
    if (--d[0] == 0) {
      depth.remove();
      slots.release();
    }
  }

  /**
   * How many calls are waiting for a slot (an estimate, for tests and monitoring).
   *
   * @return the number of waiting threads
   */
  int waiting() {
    return slots.getQueueLength();
  }

  @Override
  public String toString() {
    return "fairCalls=" + calls + " within " + maxWait;
  }
}
