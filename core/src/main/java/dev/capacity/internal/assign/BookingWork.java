package dev.capacity.internal.assign;

import dev.capacity.Assignment;
import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssignResult.Status;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.CacheSettings;
import dev.capacity.CapacityService;
import dev.capacity.Confirmation;
import dev.capacity.ContextVersion;
import dev.capacity.HeldPlan;
import dev.capacity.Hold;
import dev.capacity.Outcome;
import dev.capacity.Quote;
import dev.capacity.Reason;
import dev.capacity.RestaurantContext;
import dev.capacity.SearchDiagnostics;
import dev.capacity.internal.service.DefaultCapacityService;
import dev.capacity.internal.service.DefaultCapacityService.ConfirmedPlan;
import dev.capacity.spi.AssignAttemptEvent;
import dev.capacity.spi.AssignAttemptEvent.Step;
import dev.capacity.spi.AssignBookingEvent;
import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TelemetryEvent;
import dev.capacity.spi.TelemetrySink;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The attempts for one booking: quote and hold, confirm; retry by reason; release on failure.
 *
 * <p>Implementation note: a hold made by an attempt is remembered until it is confirmed or
 * released, and a {@code finally} releases it whatever ends the work (a refusal, a storage failure,
 * a stop, an unexpected exception), retrying a transient release failure a few times. A confirm
 * whose outcome a storage failure hid is repeated with the same idempotency key (the store then
 * returns the stored confirmation if the first one was applied); when the work ends with such a
 * confirm still unresolved, the booking is read back to tell whether it was applied. A booking is
 * worked on by at most one call of this runner at a time (in this JVM).
 *
 * <p>Thread-safe: the per-booking state lives on the calling thread's stack.
 */
final class BookingWork {
  private static final System.Logger LOG = System.getLogger(BookingWork.class.getName());

  /** How often a release that failed transiently is tried again (without waiting). */
  private static final int RELEASE_TRIES = 3;

  private final CapacityStore store;
  private final CapacityService service;
  private final TimeSource time;
  private final TelemetrySink telemetry;
  private final NoPlanCache noPlan;
  private final ConcurrentMap<String, Object> inFlight;
  private final @Nullable RunView view;

  BookingWork(
      CapacityStore store,
      CapacityService service,
      TimeSource time,
      TelemetrySink telemetry,
      NoPlanCache noPlan) {
    this(store, service, time, telemetry, noPlan, new ConcurrentHashMap<>(), null);
  }

  private BookingWork(
      CapacityStore store,
      CapacityService service,
      TimeSource time,
      TelemetrySink telemetry,
      NoPlanCache noPlan,
      ConcurrentMap<String, Object> inFlight,
      @Nullable RunView view) {
    this.store = store;
    this.service = service;
    this.time = time;
    this.telemetry = telemetry;
    this.noPlan = noPlan;
    this.inFlight = inFlight;
    this.view = view;
  }

  /**
   * This work quoting, holding, confirming and releasing through another service (a run's view of
   * the store), sharing the "no plan" cache and the set of bookings in progress.
   *
   * @param other the service
   * @return the work
   */
  BookingWork using(CapacityService other) {
    return new BookingWork(store, other, time, telemetry, noPlan, inFlight, null);
  }

  /**
   * This work quoting through a service over a run's view, which also tells what a one-step quote
   * was based on (so the "no plan" cache needs no version read before each attempt).
   *
   * @param other the service over the view
   * @param over the view
   * @return the work
   */
  BookingWork using(CapacityService other, RunView over) {
    return new BookingWork(store, other, time, telemetry, noPlan, inFlight, over);
  }

  /**
   * The service this work quotes, holds, confirms and releases through.
   *
   * @return the service
   */
  CapacityService service() {
    return service;
  }

  /** The mutable state of the work on one booking. */
  /**
   * The restaurant's context and a booking's state, as read by the caller just before it hands the
   * booking over.
   *
   * @param context the context
   * @param state the booking's state
   */
  record Prefetched(RestaurantContext context, BookingState state) {

    /** Whether these were read at the floor plan, policy and booking versions of {@code v}. */
    boolean isAt(ContextVersion v) {
      return context.floor().version().equals(v.floorVersion())
          && context.policy().version().equals(v.policyVersion())
          && state.version() == v.bookingVersion();
    }
  }

  private static final class State {
    final String restaurant;
    final Booking booking;
    final long t0;
    int attempts;
    int conflictsRetried;

    /** A hold this work made that is neither confirmed nor released. */
    @Nullable Hold liveHold;

    /** A hold whose confirm threw: repeat the confirm with the same key before anything else. */
    @Nullable Hold unresolvedConfirm;

    /**
     * Whether the last quote-and-hold threw: it may have left a hold the service could not undo.
     */
    boolean holdUnknown;

    /**
     * Whether a one-step quote-and-confirm threw: it may have been applied. Read the booking back
     * before anything else.
     */
    boolean placeUnknown;

    /** The idempotency key of this work's one-step confirms, made at the first. */
    @Nullable String oneStepKey;

    /**
     * The restaurant's context and the booking as the caller read them just before (the inline
     * path), for the first one-step attempt to use instead of reading them again; null after it.
     */
    @Nullable Prefetched prefetched;

    State(String restaurant, Booking booking, long t0) {
      this.restaurant = restaurant;
      this.booking = booking;
      this.t0 = t0;
    }
  }

  /**
   * Works on one pending booking until it is assigned, refused for good, out of attempts, or
   * stopped.
   *
   * @param restaurantId the restaurant
   * @param cache the restaurant policy's cache settings
   * @param booking the booking (pending, without tables, when it was selected)
   * @param control when to stop and how to wait
   * @param options attempts, backoff, cut-off, TTL, actor
   * @param inline whether this is {@code assignNow}
   * @param onHeld run after each successful quote-and-hold, before its confirm: from then on the
   *     booking's tables are reserved, and every later quote sees them taken
   * @param prefetched the context and the booking's state the caller has just read, used by the
   *     first one-step attempt instead of reading them again (the store checks the state again
   *     under the booking's lock), or null
   * @return the result; never throws for a storage failure
   */
  AutoAssignResult assign(
      String restaurantId,
      CacheSettings cache,
      Booking booking,
      Control control,
      AutoAssignOptions options,
      boolean inline,
      Runnable onHeld,
      @Nullable Prefetched prefetched) {
    State s = new State(restaurantId, booking, time.nanoTime());
    s.prefetched = prefetched;
    String key = restaurantId + '\u0000' + booking.id();
    Object token = new Object();
    if (inFlight.putIfAbsent(key, token) != null) {
      return finish(s, Status.SKIPPED, Reason.CONFLICT, null, inline);
    }
    try {
      return attempts(s, cache, control, options, inline, onHeld);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "auto-assign of booking '" + booking.id() + "' failed unexpectedly",
          e);
      Assignment applied = settle(s);
      return applied != null
          ? finish(s, Status.ASSIGNED, null, applied, inline)
          : finish(s, Status.NOT_ASSIGNED, Reason.STORAGE_FAILED, null, inline);
    } finally {
      Hold h = s.liveHold;
      if (h != null) {
        release(s, h);
      } else if (s.holdUnknown) {
        releaseLeftover(s);
      }
      inFlight.remove(key, token);
    }
  }

  /**
   * The result of a booking that is not attempted (the run stopped before it), with its summary
   * event.
   */
  AutoAssignResult skipped(String restaurantId, Booking booking, Reason reason) {
    return finish(
        new State(restaurantId, booking, time.nanoTime()), Status.SKIPPED, reason, null, false);
  }

  /**
   * The result of a booking that is not pending (unknown, already assigned, or in an end state),
   * with its summary event.
   *
   * @param state the booking as read, or null when unknown
   */
  AutoAssignResult notPending(
      String restaurantId, String bookingId, @Nullable BookingState state, boolean inline) {
    if (state == null) {
      return unknown(restaurantId, bookingId, Reason.BOOKING_NOT_FOUND, inline);
    }
    State s = new State(restaurantId, state.booking(), time.nanoTime());
    Assignment a = state.assignment();
    if (a != null) {
      return finish(s, Status.ALREADY_ASSIGNED, null, a, inline);
    }
    return finish(s, Status.NOT_ASSIGNED, Reason.BOOKING_NOT_ASSIGNABLE, null, inline);
  }

  /**
   * The result of a booking that could not be read (party size 0), with its summary event.
   *
   * @param reason {@link Reason#BOOKING_NOT_FOUND} or a storage reason
   */
  AutoAssignResult unknown(String restaurantId, String bookingId, Reason reason, boolean inline) {
    Instant now = time.now();
    Booking ghost = new Booking(bookingId, 1, now, null, now, null, BookingStatus.CANCELLED);
    State s = new State(restaurantId, ghost, time.nanoTime());
    return finish(s, 0, Status.NOT_ASSIGNED, reason, null, inline);
  }

  private AutoAssignResult attempts(
      State s,
      CacheSettings cache,
      Control control,
      AutoAssignOptions o,
      boolean inline,
      Runnable onHeld) {
    String r = s.restaurant;
    String b = s.booking.id();
    Backoff backoff = new Backoff(o, b);
    Duration ttl = o.holdTtl();
    Reason last = Reason.DEADLINE_EXCEEDED;
    for (int attempt = 1; attempt <= o.maxAttempts(); attempt++) {
      if (control.stopped()) {
        return stopped(s, Reason.DEADLINE_EXCEEDED, inline);
      }
      if (!time.now().plus(o.cutoff()).isBefore(s.booking.start())) {
        return stopped(s, Reason.PAST_CUTOFF, inline);
      }
      if (attempt == 1 && o.skipKnownNoPlan()) {
        Reason known = noPlan.lookup(r, cache, b, () -> versions(r, b));
        if (known != null) {
          return finish(s, Status.SKIPPED, known, null, inline);
        }
      }
      s.attempts = attempt;
      DefaultCapacityService direct =
          o.oneStep() && service instanceof DefaultCapacityService d ? d : null;
      if (direct != null) {
        Assignment applied = settle(s);
        if (applied != null) {
          return finish(s, Status.ASSIGNED, null, applied, inline);
        }
        RunView basis = view;
        // through a run's view the quote's basis is known after it; else read the versions first
        ContextVersion before = basis == null && NoPlanCache.enabled(cache) ? versions(r, b) : null;
        Prefetched first = s.prefetched;
        s.prefetched = null;
        if (first != null && before != null && !first.isAt(before)) {
          // saved between the caller's read and the versions: the quote's basis is unknown
          before = null;
        }
        long t = time.nanoTime();
        Outcome<ConfirmedPlan> placed;
        try {
          placed =
              first != null
                  ? direct.quoteAndConfirm(first.context(), first.state(), oneStepKey(s), o.actor())
                  : direct.quoteAndConfirm(r, b, oneStepKey(s), o.actor());
        } catch (CapacityStorageException e) {
          s.placeUnknown = true;
          placed = Outcome.refused(storageReason(e, b), "storage failure: " + e.getMessage());
        }
        ConfirmedPlan cp = placed.valueOrNull();
        if (cp != null) {
          s.placeUnknown = false;
          emitAttempt(s, attempt, Step.QUOTE_AND_CONFIRM, null, cp.plansTried(), cp.quote(), t, 0);
          return finish(s, Status.ASSIGNED, null, cp.confirmation().assignment(), inline);
        }
        Reason reason = Objects.requireNonNull(placed.reason());
        long wait = backoffNanos(attempt, reason, o, backoff);
        emitAttempt(s, attempt, Step.QUOTE_AND_CONFIRM, reason, 0, null, t, wait);
        last = reason;
        if (!reason.retryable()) {
          if (!s.placeUnknown) {
            remember(r, cache, b, basis == null ? before : basis.basis(), reason);
          }
          return stopped(s, reason, inline);
        }
        if (attempt < o.maxAttempts()) {
          countConflict(s, reason);
          if (!control.pause(wait)) {
            return stopped(s, Reason.DEADLINE_EXCEEDED, inline);
          }
        }
        continue;
      }
      Hold hold = s.unresolvedConfirm;
      if (hold == null) {
        ContextVersion before = NoPlanCache.enabled(cache) ? versions(r, b) : null;
        long t = time.nanoTime();
        Outcome<HeldPlan> held;
        try {
          held = ttl == null ? service.quoteAndHold(r, b) : service.quoteAndHold(r, b, ttl);
        } catch (CapacityStorageException e) {
          s.holdUnknown = true;
          Reason reason = storageReason(e, b);
          long wait = backoffNanos(attempt, reason, o, backoff);
          emitAttempt(s, attempt, Step.QUOTE_AND_HOLD, reason, 0, null, t, wait);
          last = reason;
          if (!reason.retryable()) {
            return finish(s, Status.NOT_ASSIGNED, reason, null, inline);
          }
          if (attempt < o.maxAttempts() && !control.pause(wait)) {
            return stopped(s, Reason.DEADLINE_EXCEEDED, inline);
          }
          continue;
        }
        HeldPlan hp = held.valueOrNull();
        if (hp == null) {
          Reason reason = Objects.requireNonNull(held.reason());
          long wait = backoffNanos(attempt, reason, o, backoff);
          emitAttempt(s, attempt, Step.QUOTE_AND_HOLD, reason, 0, null, t, wait);
          last = reason;
          if (!reason.retryable()) {
            remember(r, cache, b, before, reason);
            return finish(s, Status.NOT_ASSIGNED, reason, null, inline);
          }
          if (attempt < o.maxAttempts()) {
            countConflict(s, reason);
            if (!control.pause(wait)) {
              return stopped(s, Reason.DEADLINE_EXCEEDED, inline);
            }
          }
          continue;
        }
        hold = hp.hold();
        s.liveHold = hold;
        s.holdUnknown = false; // the new hold replaced any the booking had
        emitAttempt(s, attempt, Step.QUOTE_AND_HOLD, null, hp.plansTried(), hp.quote(), t, 0);
        onHeld.run();
        if (control.stopped()) {
          return stopped(s, Reason.DEADLINE_EXCEEDED, inline);
        }
      }
      s.unresolvedConfirm = null;
      long t = time.nanoTime();
      Outcome<Confirmation> confirmed;
      try {
        confirmed = service.confirm(r, b, hold.id(), idempotencyKey(b, hold), o.actor());
      } catch (CapacityStorageException e) {
        // The confirm may or may not have been applied: repeat it with the same key.
        s.unresolvedConfirm = hold;
        Reason reason = storageReason(e, b);
        long wait = backoffNanos(attempt, reason, o, backoff);
        emitAttempt(s, attempt, Step.CONFIRM, reason, 0, null, t, wait);
        last = reason;
        if (!reason.retryable()) {
          return stopped(s, reason, inline);
        }
        if (attempt < o.maxAttempts() && !control.pause(wait)) {
          return stopped(s, Reason.DEADLINE_EXCEEDED, inline);
        }
        continue;
      }
      Confirmation c = confirmed.valueOrNull();
      if (c != null) {
        s.liveHold = null;
        emitAttempt(s, attempt, Step.CONFIRM, null, 0, null, t, 0);
        return finish(s, Status.ASSIGNED, null, c.assignment(), inline);
      }
      Reason reason = Objects.requireNonNull(confirmed.reason());
      long wait = backoffNanos(attempt, reason, o, backoff);
      emitAttempt(s, attempt, Step.CONFIRM, reason, 0, null, t, wait);
      last = reason;
      // A hold is always released when its confirmation fails (P3.4).
      release(s, hold);
      if (!reason.retryable()) {
        return finish(s, Status.NOT_ASSIGNED, reason, null, inline);
      }
      if (attempt < o.maxAttempts()) {
        countConflict(s, reason);
        if (!control.pause(wait)) {
          return stopped(s, Reason.DEADLINE_EXCEEDED, inline);
        }
      }
    }
    return stopped(s, last, inline);
  }

  /** Ends the work without an assignment of its own, unless an unresolved confirm was applied. */
  private AutoAssignResult stopped(State s, Reason reason, boolean inline) {
    Assignment applied = settle(s);
    if (applied != null) {
      return finish(s, Status.ASSIGNED, null, applied, inline);
    }
    return finish(s, s.attempts == 0 ? Status.SKIPPED : Status.NOT_ASSIGNED, reason, null, inline);
  }

  /**
   * When a confirm's outcome is unknown, reads the booking back: its assignment if the confirm was
   * applied (the hold is then no longer live), else null.
   */
  private @Nullable Assignment settle(State s) {
    Hold h = s.unresolvedConfirm;
    if (h == null && !s.placeUnknown) {
      return null;
    }
    try {
      BookingState now = store.booking(s.restaurant, s.booking.id());
      Assignment a = now == null ? null : now.assignment();
      // the booking had no tables when selected: any assignment now is the one-step confirm's
      if (a != null && (h == null || a.tables().equals(h.tables()))) {
        s.liveHold = null;
        s.unresolvedConfirm = null;
        s.placeUnknown = false;
        return a;
      }
      s.placeUnknown = false;
    } catch (CapacityStorageException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot read back booking '" + s.booking.id() + "' after a failed confirm",
          e);
    }
    return null;
  }

  private void countConflict(State s, Reason reason) {
    if (reason == Reason.CONFLICT) {
      s.conflictsRetried++;
    }
  }

  /** How long to wait after a failed attempt: 0 when it will not be tried again. */
  private static long backoffNanos(
      int attempt, Reason reason, AutoAssignOptions o, Backoff backoff) {
    return reason.retryable() && attempt < o.maxAttempts() ? backoff.delayNanos(attempt) : 0;
  }

  private static Reason storageReason(CapacityStorageException e, String bookingId) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "storage failure while assigning booking '" + bookingId + "': " + e);
    return e.retryable() ? Reason.STORAGE_UNAVAILABLE : Reason.STORAGE_FAILED;
  }

  /** The key of a booking's one-step confirms: one per work, kept across its attempts. */
  private static String oneStepKey(State s) {
    String k = s.oneStepKey;
    if (k == null) {
      k = "auto-assign:" + s.booking.id() + ":" + java.util.UUID.randomUUID();
      s.oneStepKey = k;
    }
    return k;
  }

  static String idempotencyKey(String bookingId, Hold hold) {
    return "auto-assign:" + bookingId + ":" + hold.id();
  }

  private @Nullable ContextVersion versions(String restaurantId, String bookingId) {
    try {
      return store.contextVersion(restaurantId, bookingId);
    } catch (CapacityStorageException e) {
      return null;
    }
  }

  /**
   * Remembers a "no plan" answer if the versions read before the attempt are still current after it
   * (so the answer belongs to them).
   */
  private void remember(
      String restaurantId,
      CacheSettings cache,
      String bookingId,
      @Nullable ContextVersion before,
      Reason reason) {
    if (before == null || !NoPlanCache.CACHEABLE.contains(reason)) {
      return;
    }
    ContextVersion after = versions(restaurantId, bookingId);
    if (before.equals(after)) {
      noPlan.record(restaurantId, cache, bookingId, before, reason);
    }
  }

  /**
   * After a quote-and-hold that threw, reads the booking back and releases the hold it may have
   * left (the service releases what it created, but that can fail too).
   */
  private void releaseLeftover(State s) {
    try {
      BookingState now = store.booking(s.restaurant, s.booking.id());
      if (now != null && now.hold() != null && now.assignment() == null) {
        release(s, Objects.requireNonNull(now.hold()));
      }
    } catch (CapacityStorageException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot read back booking '" + s.booking.id() + "' to release a hold it may have",
          e);
    }
  }

  /** Releases a hold this work made; a transient failure is tried again a few times. */
  private void release(State s, Hold hold) {
    for (int i = 1; i <= RELEASE_TRIES; i++) {
      try {
        // Success, or HOLD_NOT_FOUND / HOLD_EXPIRED: either way the hold is no longer live.
        service.release(s.restaurant, s.booking.id(), hold.id());
        s.liveHold = null;
        return;
      } catch (CapacityStorageException e) {
        if (!e.retryable() || i == RELEASE_TRIES) {
          LOG.log(
              System.Logger.Level.WARNING,
              "cannot release hold '"
                  + hold.id()
                  + "' of booking '"
                  + s.booking.id()
                  + "'; it expires at "
                  + hold.expiresAt(),
              e);
          return;
        }
      }
    }
  }

  private AutoAssignResult finish(
      State s,
      Status status,
      @Nullable Reason reason,
      @Nullable Assignment assignment,
      boolean inline) {
    return finish(s, s.booking.partySize(), status, reason, assignment, inline);
  }

  private AutoAssignResult finish(
      State s,
      int partySize,
      Status status,
      @Nullable Reason reason,
      @Nullable Assignment assignment,
      boolean inline) {
    long nanos = Math.max(0, time.nanoTime() - s.t0);
    AutoAssignResult result =
        new AutoAssignResult(
            s.booking.id(),
            partySize,
            status,
            reason,
            s.attempts,
            s.conflictsRetried,
            nanos,
            assignment);
    emit(
        telemetry,
        new AssignBookingEvent(
            s.restaurant,
            s.booking.id(),
            partySize,
            status,
            reason,
            s.attempts,
            s.conflictsRetried,
            inline,
            nanos,
            time.now()));
    return result;
  }

  private void emitAttempt(
      State s,
      int attempt,
      Step step,
      @Nullable Reason refusal,
      int plansTried,
      @Nullable Quote quote,
      long t0,
      long backoffNanos) {
    SearchDiagnostics d = quote == null ? null : quote.diagnostics();
    emit(
        telemetry,
        new AssignAttemptEvent(
            s.restaurant,
            s.booking.id(),
            attempt,
            step,
            refusal,
            plansTried,
            d == null ? 0 : d.unitsExamined(),
            d == null || d.complete(),
            time.nanoTime() - t0,
            backoffNanos,
            time.now()));
  }

  static void emit(TelemetrySink telemetry, TelemetryEvent event) {
    try {
      telemetry.record(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "telemetry sink failed on " + event, e);
    }
  }
}
