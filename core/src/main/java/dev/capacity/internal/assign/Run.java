package dev.capacity.internal.assign;

import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignReport;
import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssignRun;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.Reason;
import dev.capacity.SeatingPolicy;
import dev.capacity.internal.service.DefaultCapacityService;
import dev.capacity.spi.AssignRunEvent;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.Sleeper;
import dev.capacity.spi.TelemetrySink;
import dev.capacity.spi.TimeSource;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * One run in progress.
 *
 * <p>Implementation note: the pending bookings are sorted once; {@code workers} worker loops take
 * them from a {@link Dispatcher} in priority order (so at most {@code workers} are in progress),
 * and the last worker to leave builds the report. Cancelling counts down a latch that the workers
 * check before each step (and that the system sleeper's backoff waits on) and makes the dispatcher
 * hand out the rest to be reported skipped, so a run stops within one store call per worker.
 *
 * <p>Thread-safe.
 */
final class Run implements AutoAssignRun {
  private static final System.Logger LOG = System.getLogger(Run.class.getName());
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final String restaurant;
  private final SeatingPolicy policy;
  private final List<AutoAssignResult> known;
  private final List<BookingState> pending;
  private final AutoAssignOptions options;
  private final BookingWork work;
  private final @Nullable RunView view;
  private final TimeSource time;
  private final TelemetrySink telemetry;
  private final Instant startedAt;
  private final long t0;
  private final int workers;
  private final CountDownLatch cancelSignal = new CountDownLatch(1);
  private final Control control;
  private final Dispatcher dispatcher;
  private final AtomicInteger completed;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicReferenceArray<AutoAssignResult> results;
  private final CompletableFuture<AutoAssignReport> report = new CompletableFuture<>();
  private volatile @Nullable ExecutorService own;

  Run(
      String restaurant,
      SeatingPolicy policy,
      ZoneId zone,
      List<AutoAssignResult> known,
      List<BookingState> pending,
      AutoAssignOptions options,
      BookingWork work,
      CapacityStore store,
      TimeSource time,
      Sleeper sleeper,
      TelemetrySink telemetry) {
    this.restaurant = restaurant;
    this.policy = policy;
    this.known = List.copyOf(known);
    this.pending = List.copyOf(pending);
    this.options = options;
    this.time = time;
    this.telemetry = telemetry;
    this.startedAt = time.now();
    this.t0 = time.nanoTime();
    this.workers = Math.max(1, Math.min(options.workers(), this.pending.size()));
    var deadline = options.deadline();
    this.control =
        new Control(
            time,
            sleeper,
            deadline == null ? 0 : t0 + deadline.toNanos(),
            deadline != null,
            cancelSignal);
    this.completed = new AtomicInteger(this.known.size());
    List<Booking> bookings = this.pending.stream().map(BookingState::booking).toList();
    // The run quotes through a view that shows its own claims when the service is ours over the
    // same store; another service (a host's own) is used as it is, in the hand-out order.
    DefaultCapacityService ours =
        work.service() instanceof DefaultCapacityService d && d.store() == store ? d : null;
    this.dispatcher =
        new Dispatcher(bookings, policy, zone, options.strictPriority(), ours != null);
    if (ours != null) {
      // A booking's first read of itself is the run's own read of it when each plan is held and
      // confirmed in one step (the store checks the state again under the booking's lock; a
      // two-step attempt would also trust the hold it shows, so it reads afresh).
      RunView v =
          new RunView(
              store,
              restaurant,
              policy,
              zone,
              bookings,
              dispatcher,
              options.oneStep() ? this.pending : null);
      this.view = v;
      this.work = work.using(ours.over(v), v);
    } else {
      this.view = null;
      this.work = work;
    }
    this.results = new AtomicReferenceArray<>(this.pending.size());
  }

  /** Starts the workers (or, with nothing pending, ends the run at once). */
  void launch() {
    for (AutoAssignResult r : known) {
      notifyListener(r);
    }
    if (pending.isEmpty()) {
      finish();
      return;
    }
    Executor executor = options.executor();
    if (executor == null) {
      ExecutorService pool = Executors.newFixedThreadPool(workers, threads());
      own = pool;
      executor = pool;
    }
    active.set(workers + 1); // one token for this launcher, released below
    int accepted = 0;
    for (int i = 0; i < workers; i++) {
      try {
        executor.execute(this::work);
        accepted++;
      } catch (RejectedExecutionException e) {
        LOG.log(System.Logger.Level.WARNING, "the executor refused an auto-assign worker", e);
        active.decrementAndGet();
      }
    }
    if (accepted == 0) {
      active.incrementAndGet();
      work();
    }
    if (active.decrementAndGet() == 0) {
      finish();
    }
  }

  private ThreadFactory threads() {
    int run = RUNS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "capacity-auto-assign-" + run + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One worker: takes bookings in priority order until none is left. */
  private void work() {
    try {
      for (int i = dispatcher.take(); i >= 0; i = dispatcher.take()) {
        BookingState st = pending.get(i);
        AutoAssignResult r;
        try {
          if (control.stopped()) {
            r = work.skipped(restaurant, st.booking(), Reason.DEADLINE_EXCEEDED);
          } else {
            int k = i;
            RunView v = view;
            // Through the view a booking is marked decided when it claims its plan, before the
            // hold's round trip; without it, once its hold is made.
            Runnable onHeld = v != null ? () -> {} : () -> dispatcher.held(k);
            if (v != null) {
              v.enter(k);
            }
            try {
              r =
                  work.assign(
                      restaurant,
                      policy.cache(),
                      st.booking(),
                      control,
                      options,
                      false,
                      onHeld,
                      null);
            } finally {
              if (v != null) {
                v.leave();
              }
            }
          }
          if (r.reason() == Reason.DEADLINE_EXCEEDED) {
            stopped.set(true);
          }
          results.set(i, r);
        } finally {
          if (control.stopped()) {
            dispatcher.stop();
          }
          dispatcher.finish(i);
        }
        completed.incrementAndGet();
        notifyListener(r);
      }
    } finally {
      if (active.decrementAndGet() == 0) {
        finish();
      }
    }
  }

  private void notifyListener(AutoAssignResult r) {
    try {
      options.listener().accept(r);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "auto-assign listener failed on " + r, e);
    }
  }

  private void finish() {
    try {
      List<AutoAssignResult> all = new ArrayList<>(known.size() + pending.size());
      all.addAll(known);
      for (int i = 0; i < pending.size(); i++) {
        AutoAssignResult r = results.get(i);
        if (r == null) {
          // Only when a worker died outside the per-booking guard: still report the booking.
          r = work.skipped(restaurant, pending.get(i).booking(), Reason.DEADLINE_EXCEEDED);
          stopped.set(true);
        }
        all.add(r);
      }
      long nanos = Math.max(0, time.nanoTime() - t0);
      Reason stoppedBy = stopped.get() ? Reason.DEADLINE_EXCEEDED : null;
      AutoAssignReport rep =
          new AutoAssignReport(restaurant, all, startedAt, nanos, workers, stoppedBy);
      BookingWork.emit(
          telemetry,
          new AssignRunEvent(
              restaurant,
              rep.bookings(),
              rep.assigned(),
              rep.covers(),
              coversAssigned(rep),
              rep.attempts(),
              rep.conflictsRetried(),
              workers,
              policy.version(),
              policy.lookahead().mode(),
              stoppedBy,
              nanos,
              time.now()));
      report.complete(rep);
    } catch (RuntimeException e) {
      report.completeExceptionally(e);
      throw e;
    } finally {
      ExecutorService pool = own;
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  private static int coversAssigned(AutoAssignReport rep) {
    int n = 0;
    for (AutoAssignResult r : rep.results()) {
      if (r.status() == AutoAssignResult.Status.ASSIGNED) {
        n += r.partySize();
      }
    }
    return n;
  }

  @Override
  public int total() {
    return known.size() + pending.size();
  }

  @Override
  public int completed() {
    return completed.get();
  }

  @Override
  public boolean cancel() {
    if (report.isDone() || cancelSignal.getCount() == 0) {
      return false;
    }
    cancelSignal.countDown();
    dispatcher.stop();
    return true;
  }

  @Override
  public boolean isDone() {
    return report.isDone();
  }

  @Override
  public AutoAssignReport await() throws InterruptedException {
    try {
      return report.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the auto-assign run failed", e.getCause());
    }
  }

  /** Waits for the report without being interruptible; restores the interrupt flag after. */
  AutoAssignReport awaitUninterruptibly() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public CompletionStage<AutoAssignReport> completion() {
    return report.minimalCompletionStage();
  }

  @Override
  public String toString() {
    return "AutoAssignRun[" + restaurant + ", " + completed() + "/" + total() + "]";
  }
}
