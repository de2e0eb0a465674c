package dev.capacity.internal.assign;

import dev.capacity.Booking;
import dev.capacity.LookaheadMode;
import dev.capacity.Pacing;
import dev.capacity.SeatingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands the bookings of a run to its workers in priority order.
 *
 * <p>Implementation note: with {@code strict} set, a booking is handed out only when no booking
 * before it in priority order that it competes with is still unfinished (not started, or in
 * progress). Two bookings compete when their reaches overlap: the blocked range {@code [start, end
 * + buffer)} widened by a slot, and backwards by the pacing window, which covers every table and
 * pacing window either could take; with lookahead on, the reaches are further widened by the
 * longest reach of the run, because a quote also weighs the free plans of the known bookings
 * overlapping its window. Bookings that do not compete cannot change which plans each other can
 * take (at most how a tie between equally good plans is broken), so workers run them at once;
 * bookings that compete are decided one after the other in priority order, as one worker would. A
 * booking stops holding back the ones after it as soon as its plan is held ({@link #held}): a hold
 * occupies the tables and leaves the unplaced bookings just as the confirm after it does, so the
 * next quote sees the same state either way (only a confirm that then fails, rare, lets the
 * booking's retry race the ones started meanwhile). The lowest unstarted booking is always eligible
 * once the bookings before it are finished, so the run always progresses. The scan for an eligible
 * booking looks at most {@value #SCAN} unstarted bookings ahead. Without {@code strict}, each
 * worker takes the next booking at once.
 *
 * <p>Workers waiting for their turn at the quote each wait on a condition of their own, signalled
 * when a hold or finish lets that booking go, so a change wakes only the workers it concerns.
 *
 * <p>Thread-safe: every method runs under one lock.
 */
final class Dispatcher {
  /** How many unstarted bookings a scan looks at. */
  static final int SCAN = 512;

  private final int n;
  private final boolean strict;
  private final boolean gated;
  private final long[] from;
  private final long[] to;
  private final long margin;
  private final boolean[] started;
  private final boolean[] finished;
  private final boolean[] held;
  private final List<Integer> inProgress = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** A booking waiting for its turn ({@link #awaitTurn}), woken on its own condition. */
  private record Waiter(int k, Condition wake) {}

  private final List<Waiter> waiters = new ArrayList<>();
  private int firstUnstarted;
  private boolean stopping;

  /** Counts the changes that can make a booking eligible: starts, holds, finishes, stop. */
  private long changes;

  /** The value of {@link #changes} at which a scan last found no eligible booking, or -1. */
  private long noneEligibleAt = -1;

  /**
   * Creates the dispatcher.
   *
   * @param bookings the bookings in priority order
   * @param policy the policy (slot, pacing, lookahead: how far a booking reaches)
   * @param zone the restaurant's time zone
   * @param strict whether competing bookings are decided in priority order
   * @param gated whether that order is kept at the quote ({@link #awaitTurn}) rather than at the
   *     hand-out; only with {@code strict}
   */
  Dispatcher(
      List<Booking> bookings, SeatingPolicy policy, ZoneId zone, boolean strict, boolean gated) {
    this.n = bookings.size();
    this.strict = strict;
    this.gated = strict && gated;
    this.from = new long[n];
    this.to = new long[n];
    this.started = new boolean[n];
    this.finished = new boolean[n];
    this.held = new boolean[n];
    Pacing pacing = policy.pacing();
    Duration slot = Duration.ofMinutes(policy.slotMinutes());
    Duration back =
        Duration.ofMinutes(
            Math.max(policy.slotMinutes(), pacing == null ? 0 : pacing.windowMinutes()));
    long longest = 0;
    for (int i = 0; i < n; i++) {
      Booking b = bookings.get(i);
      Instant until;
      try {
        until = policy.window(b, zone).blockedUntil();
      } catch (IllegalArgumentException outsideServiceOrNoTurnTime) {
        until = b.start().plus(slot);
      }
      from[i] = b.start().minus(back).toEpochMilli();
      to[i] = until.plus(slot).toEpochMilli();
      longest = Math.max(longest, to[i] - from[i]);
    }
    // With lookahead, a quote also looks at the free plans of known bookings whose windows overlap
    // its own: two bookings then compete when a third window could touch both.
    this.margin = policy.lookahead().mode() == LookaheadMode.OFF ? 0 : longest;
  }

  /**
   * The next booking to work on, waiting while every candidate competes with an unfinished booking
   * before it.
   *
   * @return its index, or -1 when every booking has been handed out; after {@link #stop()}, the
   *     lowest unstarted booking at once (to be reported skipped)
   */
  int take() {
    lock.lock();
    try {
      while (true) {
        if (firstUnstarted >= n) {
          return -1;
        }
        int k = stopping || !strict || gated ? firstUnstarted : eligible();
        if (k >= 0) {
          start(k);
          return k;
        }
        awaitChange();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits, under the lock, for the next change; an interrupt stops the run. */
  private void awaitChange() {
    try {
      changed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /**
   * With {@code gated}, waits until no booking before this one that it competes with is undecided
   * (neither held nor finished); returns at once otherwise, or once the run stops.
   *
   * @param k the booking, handed out by {@link #take}
   */
  void awaitTurn(int k) {
    if (!gated) {
      return;
    }
    lock.lock();
    try {
      if (stopping || !competesInProgress(k)) {
        return;
      }
      Waiter w = new Waiter(k, lock.newCondition());
      waiters.add(w);
      try {
        while (!stopping && competesInProgress(k)) {
          try {
            w.wake().await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
          }
        }
      } finally {
        waiters.remove(w);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wakes the bookings waiting for their turn whose turn has come (or all, once stopping), and only
   * those: waking every worker at each change cost more CPU than the quotes did.
   */
  private void wakeWaiters() {
    for (Waiter w : waiters) {
      if (stopping || !competesInProgress(w.k())) {
        w.wake().signal();
      }
    }
  }

  /**
   * Marks a booking held: its plan's tables are reserved and every later quote sees them taken,
   * exactly as after its confirm, so competing bookings after it may start while it confirms.
   */
  void held(int k) {
    lock.lock();
    try {
      if (!held[k]) {
        held[k] = true;
        changes++;
        changed.signalAll();
        wakeWaiters();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Marks a booking finished. */
  void finish(int k) {
    lock.lock();
    try {
      finished[k] = true;
      inProgress.remove(Integer.valueOf(k));
      changes++;
      changed.signalAll();
      wakeWaiters();
    } finally {
      lock.unlock();
    }
  }

  /** From now on hands out every remaining booking at once, so it is reported skipped. */
  void stop() {
    lock.lock();
    try {
      stopping = true;
      changes++;
      changed.signalAll();
      wakeWaiters();
    } finally {
      lock.unlock();
    }
  }

  private void start(int k) {
    started[k] = true;
    changes++;
    inProgress.add(k);
    while (firstUnstarted < n && started[firstUnstarted]) {
      firstUnstarted++;
    }
  }

  /** The first unstarted booking that competes with no unfinished booking before it, or -1. */
  private int eligible() {
    if (noneEligibleAt == changes) {
      return -1; // nothing changed since a scan found none: the workers woken together scan once
    }
    List<Integer> skipped = new ArrayList<>();
    for (int k = firstUnstarted, scanned = 0; k < n && scanned < SCAN; k++) {
      if (started[k]) {
        continue;
      }
      scanned++;
      if (!competes(k, skipped) && !competesInProgress(k)) {
        return k;
      }
      skipped.add(k);
    }
    noneEligibleAt = changes;
    return -1;
  }

  private boolean competesInProgress(int k) {
    for (int j : inProgress) {
      if (j < k && !finished[j] && !held[j] && overlap(j, k)) {
        return true;
      }
    }
    return false;
  }

  private boolean competes(int k, List<Integer> before) {
    for (int j : before) {
      if (overlap(j, k)) {
        return true;
      }
    }
    return false;
  }

  private boolean overlap(int a, int b) {
    return from[a] - margin < to[b] && from[b] - margin < to[a];
  }
}
