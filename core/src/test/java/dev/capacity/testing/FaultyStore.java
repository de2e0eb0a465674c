package dev.capacity.testing;

import dev.capacity.AssignRequest;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.Confirmation;
import dev.capacity.ContextVersion;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Outcome;
import dev.capacity.Reason;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.SeatingPolicy;
import dev.capacity.StatusChange;
import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.OccupancySnapshot;
import dev.capacity.spi.TransientStorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A store decorator that fails, times out or refuses on chosen calls, for fault tests: a failure
 * before the call (nothing applied), a timeout after it (applied, reply lost), a hard failure, or a
 * refusal with a chosen reason; chosen by call and booking, a number of times, or at random with a
 * seed. Every call can also be observed by a hook that runs before it. Thread-safe.
 */
public final class FaultyStore implements CapacityStore {
  /** The store's methods. */
  public enum Call {
    /** {@code context}. */
    CONTEXT,
    /** {@code booking}. */
    BOOKING,
    /** {@code bookings}. */
    BOOKINGS,
    /** {@code occupancy}. */
    OCCUPANCY,
    /** {@code contextVersion}. */
    CONTEXT_VERSION,
    /** {@code history}. */
    HISTORY,
    /** {@code saveRestaurant}. */
    SAVE_RESTAURANT,
    /** {@code saveBooking}. */
    SAVE_BOOKING,
    /** {@code hold}. */
    HOLD,
    /** {@code confirm}. */
    CONFIRM,
    /** {@code holdAndConfirm}. */
    HOLD_AND_CONFIRM,
    /** {@code assign}. */
    ASSIGN,
    /** {@code unassign}. */
    UNASSIGN,
    /** {@code releaseHold}. */
    RELEASE,
    /** {@code transition}. */
    TRANSITION,
    /** {@code sweepExpiredHolds}. */
    SWEEP,
    /** {@code addBlock}. */
    ADD_BLOCK,
    /** {@code removeBlock}. */
    REMOVE_BLOCK
  }

  /** What an injected fault does. */
  public enum Failure {
    /** Throws a {@link TransientStorageException} without calling the store. */
    TRANSIENT,
    /** Calls the store, then throws a {@link TransientStorageException} (a lost reply). */
    TIMEOUT_AFTER_APPLYING,
    /** Throws a non-transient {@link CapacityStorageException} without calling the store. */
    HARD,
    /** Calls the store, then throws a non-transient {@link CapacityStorageException}. */
    HARD_AFTER_APPLYING
  }

  private static final class Rule {
    final Call call;
    final @Nullable String booking;
    int remaining;
    final @Nullable Failure failure;
    final @Nullable Reason refusal;

    Rule(
        Call call,
        @Nullable String booking,
        int times,
        @Nullable Failure failure,
        @Nullable Reason refusal) {
      this.call = call;
      this.booking = booking;
      this.remaining = times;
      this.failure = failure;
      this.refusal = refusal;
    }
  }

  private final CapacityStore delegate;
  private final List<Rule> rules = new ArrayList<>();
  private final Map<Call, Integer> calls = new EnumMap<>(Call.class);
  private int injected;
  private @Nullable SplittableRandom random;
  private double probability;
  private Set<Call> randomCalls = EnumSet.noneOf(Call.class);
  private volatile BiConsumer<Call, @Nullable String> hook = (c, b) -> {};

  /**
   * Wraps a store.
   *
   * @param delegate the real store
   */
  public FaultyStore(CapacityStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Fails the next calls of a kind (for one booking, or any).
   *
   * @param call which method
   * @param booking the booking id, or null for any
   * @param times how many calls
   * @param failure what happens
   * @return this store
   */
  public synchronized FaultyStore fail(
      Call call, @Nullable String booking, int times, Failure failure) {
    rules.add(new Rule(call, booking, times, failure, null));
    return this;
  }

  /**
   * Refuses the next commands of a kind (for one booking, or any) with a reason, without calling
   * the store.
   *
   * @param call a command that returns an outcome
   * @param booking the booking id, or null for any
   * @param times how many calls
   * @param reason the reason
   * @return this store
   */
  public synchronized FaultyStore refuse(
      Call call, @Nullable String booking, int times, Reason reason) {
    rules.add(new Rule(call, booking, times, null, reason));
    return this;
  }

  /**
   * Fails calls of the given kinds at random, transiently (half before the call, half after it).
   *
   * @param p the probability of a failure per call
   * @param seed the seed
   * @param kinds which methods
   * @return this store
   */
  public synchronized FaultyStore failRandomly(double p, long seed, Set<Call> kinds) {
    this.random = new SplittableRandom(seed);
    this.probability = p;
    this.randomCalls = EnumSet.copyOf(kinds);
    return this;
  }

  /** Stops every injected fault. */
  public synchronized void heal() {
    rules.clear();
    random = null;
  }

  /**
   * Runs a hook before every call (with the call and its booking id, if any).
   *
   * @param hook the hook
   * @return this store
   */
  public FaultyStore onCall(BiConsumer<Call, @Nullable String> hook) {
    this.hook = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /**
   * How many calls of a kind were made.
   *
   * @param call the kind
   * @return the count
   */
  public synchronized int calls(Call call) {
    return calls.getOrDefault(call, 0);
  }

  /**
   * How many faults were injected.
   *
   * @return the count
   */
  public synchronized int injected() {
    return injected;
  }

  /** The fault for this call, if any; counts the call. */
  private synchronized @Nullable Rule take(Call call, @Nullable String booking) {
    calls.merge(call, 1, Integer::sum);
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule r = it.next();
      if (r.failure != null && r.call == call && (r.booking == null || r.booking.equals(booking))) {
        if (--r.remaining <= 0) {
          it.remove();
        }
        injected++;
        return r;
      }
    }
    SplittableRandom rnd = random;
    if (rnd != null && randomCalls.contains(call) && rnd.nextDouble() < probability) {
      injected++;
      Failure f = rnd.nextBoolean() ? Failure.TRANSIENT : Failure.TIMEOUT_AFTER_APPLYING;
      return new Rule(call, booking, 1, f, null);
    }
    return null;
  }

  private <T> T call(Call call, @Nullable String booking, Supplier<T> body) {
    hook.accept(call, booking);
    return apply(call, booking, body);
  }

  private <T> T apply(Call call, @Nullable String booking, Supplier<T> body) {
    Rule r = take(call, booking);
    if (r == null) {
      return body.get();
    }
    Failure f = r.failure;
    if (f == null) {
      throw new IllegalStateException("a refusal rule on a call that returns no outcome: " + call);
    }
    String what = "injected " + f + " on " + call + (booking == null ? "" : " of " + booking);
    switch (f) {
      case TRANSIENT -> throw new TransientStorageException(what, null);
      case HARD -> throw new CapacityStorageException(what, null);
      case TIMEOUT_AFTER_APPLYING -> {
        T unused = body.get();
        throw new TransientStorageException(what + " (applied: " + unused + ")", null);
      }
      case HARD_AFTER_APPLYING -> {
        T unused = body.get();
        throw new CapacityStorageException(what + " (applied: " + unused + ")", null);
      }
    }
    throw new AssertionError(f);
  }

  private <T> Outcome<T> command(Call call, @Nullable String booking, Supplier<Outcome<T>> body) {
    hook.accept(call, booking);
    Rule r = peekRefusal(call, booking);
    if (r != null) {
      Reason reason = Objects.requireNonNull(r.refusal);
      return Outcome.refused(reason, "injected " + reason + " on " + call + " of " + booking);
    }
    return apply(call, booking, body);
  }

  private synchronized @Nullable Rule peekRefusal(Call call, @Nullable String booking) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule r = it.next();
      if (r.refusal != null && r.call == call && (r.booking == null || r.booking.equals(booking))) {
        if (--r.remaining <= 0) {
          it.remove();
        }
        calls.merge(call, 1, Integer::sum);
        injected++;
        return r;
      }
    }
    return null;
  }

  // --------------------------------------------------------------------------------- reading

  @Override
  public @Nullable RestaurantContext context(String restaurantId) {
    return nullable(Call.CONTEXT, null, () -> delegate.context(restaurantId));
  }

  @Override
  public @Nullable BookingState booking(String restaurantId, String bookingId) {
    return nullable(Call.BOOKING, bookingId, () -> delegate.booking(restaurantId, bookingId));
  }

  @Override
  public List<BookingState> bookings(String restaurantId, Instant from, Instant to) {
    return call(Call.BOOKINGS, null, () -> delegate.bookings(restaurantId, from, to));
  }

  @Override
  public OccupancySnapshot occupancy(String restaurantId, Instant from, Instant to) {
    return call(Call.OCCUPANCY, null, () -> delegate.occupancy(restaurantId, from, to));
  }

  @Override
  public @Nullable ContextVersion contextVersion(String restaurantId, String bookingId) {
    return nullable(
        Call.CONTEXT_VERSION, bookingId, () -> delegate.contextVersion(restaurantId, bookingId));
  }

  @Override
  public List<StatusChange> history(String restaurantId, String bookingId) {
    return call(Call.HISTORY, bookingId, () -> delegate.history(restaurantId, bookingId));
  }

  /** A call whose result may be null (wrapped so the generic helper sees a value). */
  private <T> @Nullable T nullable(
      Call call, @Nullable String booking, Supplier<@Nullable T> body) {
    Object[] box = new Object[1];
    call(
        call,
        booking,
        () -> {
          box[0] = body.get();
          return Boolean.TRUE;
        });
    @SuppressWarnings("unchecked")
    T value = (T) box[0];
    return value;
  }

  // --------------------------------------------------------------------------------- writing

  @Override
  public Outcome<RestaurantContext> saveRestaurant(
      Restaurant restaurant, FloorPlan floor, SeatingPolicy policy) {
    return command(
        Call.SAVE_RESTAURANT, null, () -> delegate.saveRestaurant(restaurant, floor, policy));
  }

  @Override
  public Outcome<BookingState> saveBooking(String restaurantId, Booking booking) {
    return command(
        Call.SAVE_BOOKING, booking.id(), () -> delegate.saveBooking(restaurantId, booking));
  }

  @Override
  public Outcome<Hold> hold(
      String restaurantId, String bookingId, List<String> tables, Duration ttl) {
    return command(Call.HOLD, bookingId, () -> delegate.hold(restaurantId, bookingId, tables, ttl));
  }

  @Override
  public Outcome<Confirmation> confirm(
      String restaurantId, String bookingId, String holdId, String idempotencyKey, String actor) {
    return command(
        Call.CONFIRM,
        bookingId,
        () -> delegate.confirm(restaurantId, bookingId, holdId, idempotencyKey, actor));
  }

  @Override
  public Outcome<Confirmation> holdAndConfirm(
      String restaurantId,
      String bookingId,
      List<String> tables,
      String idempotencyKey,
      String actor) {
    return command(
        Call.HOLD_AND_CONFIRM,
        bookingId,
        () -> delegate.holdAndConfirm(restaurantId, bookingId, tables, idempotencyKey, actor));
  }

  @Override
  public Outcome<Confirmation> assign(String restaurantId, AssignRequest request) {
    return command(Call.ASSIGN, request.booking(), () -> delegate.assign(restaurantId, request));
  }

  @Override
  public Outcome<BookingState> unassign(
      String restaurantId, String bookingId, String actor, String why) {
    return command(
        Call.UNASSIGN, bookingId, () -> delegate.unassign(restaurantId, bookingId, actor, why));
  }

  @Override
  public Outcome<Hold> releaseHold(String restaurantId, String bookingId, String holdId) {
    return command(
        Call.RELEASE, bookingId, () -> delegate.releaseHold(restaurantId, bookingId, holdId));
  }

  @Override
  public Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why) {
    return command(
        Call.TRANSITION,
        bookingId,
        () -> delegate.transition(restaurantId, bookingId, to, actor, why));
  }

  @Override
  public int sweepExpiredHolds(String restaurantId) {
    return call(Call.SWEEP, null, () -> delegate.sweepExpiredHolds(restaurantId));
  }

  @Override
  public Outcome<Block> addBlock(String restaurantId, Block block) {
    return command(Call.ADD_BLOCK, null, () -> delegate.addBlock(restaurantId, block));
  }

  @Override
  public Outcome<Block> removeBlock(String restaurantId, String blockId) {
    return command(Call.REMOVE_BLOCK, null, () -> delegate.removeBlock(restaurantId, blockId));
  }

  @Override
  public String toString() {
    return "FaultyStore[" + delegate + "]";
  }
}
