package dev.capacity;

import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TelemetrySink;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a booking backend calls to seat bookings: quote, hold, confirm, assign manually, release,
 * cancel, move bookings between states, and search availability. It reads and writes through a
 * {@link CapacityStore} (whose commands enforce every rule themselves) and plans with a {@link
 * Planner}; storage failures surface as {@link dev.capacity.spi.CapacityStorageException}.
 *
 * <p>Build one with {@link #builder(CapacityStore)}. Implementations are thread-safe; one instance
 * serves any number of restaurants and threads.
 *
 * <pre>{@code
 * CapacityService service = CapacityService.builder(store).build();
 * Outcome<HeldPlan> held = service.quoteAndHold("bistro", "b1");
 * if (held.isSuccess()) {
 *   Hold hold = held.orElseThrow().hold();
 *   Outcome<Confirmation> done = service.confirm("bistro", "b1", hold.id(), "req-42", "web");
 * }
 * }</pre>
 */
public interface CapacityService {

  /**
   * A builder over a store, with the system clock, {@code Planner.create(time)} and no telemetry as
   * defaults.
   *
   * @param store the store
   * @return a new builder
   * @throws NullPointerException if the store is null
   */
  static Builder builder(CapacityStore store) {
    return new Builder(store);
  }

  /**
   * Quotes a stored booking: the planner against the store's occupancy (its own hold and assignment
   * ignored) and the known, not yet assigned bookings.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the ranked plans, or a refusal ({@link Reason#BOOKING_NOT_FOUND} and {@link
   *     Reason#BOOKING_NOT_ASSIGNABLE} besides the planner's reasons)
   * @throws IllegalArgumentException if the restaurant is unknown
   */
  Quote quote(String restaurantId, String bookingId);

  /**
   * Quotes a booking that need not be stored (e.g. a request not yet accepted).
   *
   * @param restaurantId the restaurant id
   * @param booking the booking
   * @return the ranked plans or the planner's refusal
   * @throws IllegalArgumentException if the restaurant is unknown
   */
  Quote quote(String restaurantId, Booking booking);

  /**
   * Quotes a stored booking and holds the first of its ranked plans that can still be held, for the
   * policy's hold TTL. A plan taken meanwhile by another writer is skipped; anything this call
   * created is released when it fails.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the hold with its plan, or a refusal: the quote's reason, or {@link Reason#CONFLICT}
   *     when every plan was taken meanwhile, or the store's reason for the booking
   * @throws IllegalArgumentException if the restaurant is unknown
   */
  Outcome<HeldPlan> quoteAndHold(String restaurantId, String bookingId);

  /**
   * As {@link #quoteAndHold(String, String)}, with a given hold TTL.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param ttl how long the hold lives, positive
   * @return the hold with its plan, or a refusal
   * @throws IllegalArgumentException if the restaurant is unknown
   */
  Outcome<HeldPlan> quoteAndHold(String restaurantId, String bookingId, Duration ttl);

  /**
   * Holds given tables for a booking for the policy's hold TTL, replacing its previous hold.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param tables the table ids
   * @return the hold, or the store's refusal
   */
  Outcome<Hold> hold(String restaurantId, String bookingId, List<String> tables);

  /**
   * Confirms a hold (see {@link dev.capacity.spi.CapacityWriter#confirm}).
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param holdId the hold's id
   * @param idempotencyKey the caller's key; repeating the confirm with it returns the same outcome
   * @param actor who confirms
   * @return the confirmation, or the store's refusal
   */
  Outcome<Confirmation> confirm(
      String restaurantId, String bookingId, String holdId, String idempotencyKey, String actor);

  /**
   * The context version a manual decision about a booking is based on: pass it back in {@link
   * AssignRequest#context()}.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the versions, or null when the restaurant or booking is unknown
   */
  @Nullable ContextVersion context(String restaurantId, String bookingId);

  /**
   * Assigns chosen tables (a manual choice), validated by the same rules as every other path. A
   * plan that satisfies the rules is never refused for scarcity (pitfall P2.6).
   *
   * @param restaurantId the restaurant id
   * @param request the booking, tables, context version, key and actor
   * @return the store's outcome, with each rule's verdict on the chosen tables
   */
  ManualAssignment assign(String restaurantId, AssignRequest request);

  /**
   * Releases a hold.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param holdId the hold's id
   * @return the released hold, or the store's refusal
   */
  Outcome<Hold> release(String restaurantId, String bookingId, String holdId);

  /**
   * Removes a booking's tables and hold; a confirmed booking goes back to pending.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param actor who
   * @param why why
   * @return the booking after the change, or the store's refusal
   */
  Outcome<BookingState> unassign(String restaurantId, String bookingId, String actor, String why);

  /**
   * Cancels a booking, freeing its tables and hold.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param actor who
   * @param why why
   * @return the booking after the change, or the store's refusal
   */
  Outcome<BookingState> cancel(String restaurantId, String bookingId, String actor, String why);

  /**
   * Moves a booking to another state ({@code PENDING -> CONFIRMED -> SEATED -> COMPLETED}, {@code
   * CANCELLED}, {@code NO_SHOW}; see {@link BookingStatus#next()}), recording who, when and why.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param to the new state
   * @param actor who
   * @param why why
   * @return the booking after the change, or the store's refusal
   */
  Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why);

  /**
   * A stored booking.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the booking with its version, tables and live hold, or null when unknown
   */
  @Nullable BookingState booking(String restaurantId, String bookingId);

  /**
   * A booking's state history, oldest first.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @return the changes
   */
  List<StatusChange> history(String restaurantId, String bookingId);

  /**
   * Every start time (one per slot, inside service periods) at which a party can be seated now,
   * with the plan it would get. One occupancy snapshot serves the whole search.
   *
   * @param request the party, and the date or range to search
   * @return the available starts
   * @throws IllegalArgumentException if the restaurant is unknown
   */
  Availability availability(AvailabilityRequest request);

  /** Builds a {@link CapacityService}. Not thread-safe. */
  final class Builder {
    private final CapacityStore store;
    private @Nullable Planner planner;
    private TimeSource time = TimeSource.system();
    private TelemetrySink telemetry = TelemetrySink.noop();
    private int maxPlans = 10;

    private Builder(CapacityStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Sets the planner. Default: {@link Planner#create(TimeSource)} on this builder's time source.
     *
     * @param planner the planner
     * @return this builder
     */
    public Builder planner(Planner planner) {
      this.planner = Objects.requireNonNull(planner, "planner");
      return this;
    }

    /**
     * Sets the time source that measures durations and stamps telemetry. Default: the system.
     * Expiry is judged by the store's own clock.
     *
     * @param time the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Sets the telemetry sink. Default: {@link TelemetrySink#noop()}.
     *
     * @param telemetry the sink
     * @return this builder
     */
    public Builder telemetry(TelemetrySink telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
      return this;
    }

    /**
     * Sets how many ranked plans a quote asks for (and quote-and-hold may try). Default 10.
     *
     * @param maxPlans at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPlans(int maxPlans) {
      if (maxPlans < 1) {
        throw new IllegalArgumentException("maxPlans must be at least 1, got " + maxPlans);
      }
      this.maxPlans = maxPlans;
      return this;
    }

    // For AutoAssigner.Builder, which keeps its store, planner, time source and telemetry in the
    // builder of its default service, so that they are validated and defaulted in one place.

    CapacityStore store() {
      return store;
    }

    @Nullable Planner plannerOrNull() {
      return planner;
    }

    TimeSource time() {
      return time;
    }

    TelemetrySink telemetrySink() {
      return telemetry;
    }

    /**
     * Builds the service.
     *
     * @return the service
     */
    public CapacityService build() {
      Planner p = planner != null ? planner : Planner.create(time);
      return new dev.capacity.internal.service.DefaultCapacityService(
          store, p, time, telemetry, maxPlans);
    }
  }
}
