package dev.capacity.spi;

import dev.capacity.AssignRequest;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.Confirmation;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Outcome;
import dev.capacity.Reason;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.SeatingPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The writing port of a store: atomic commands, each all-or-nothing, each returning a typed {@link
 * Outcome}. A refused command writes nothing.
 *
 * <p>Every command that places a plan enforces every seating rule itself, whatever the caller
 * checked (pitfalls P1.7, P4.7, P2.1, P2.3, P4.6): rules 1-5 of the plan ({@link
 * dev.capacity.PlanRules}), the start inside a service period (P2.4), active tables, no overlap
 * with blocks, assignments and live holds of other bookings, and pacing. A booking's own hold and
 * assignment never block it (P3.4, H1). A hold is expired once {@code now >= expiresAt} by the
 * store's clock at the moment of the check, and an expired hold blocks nobody even before a sweep
 * (H2, P3.2). Table lists that are null, empty, or hold a null or repeated id are refused with
 * {@link Reason#INVALID_REQUEST} (P4.1). Occupancy ranges are rounded outwards to whole slots.
 *
 * <p>Refusal reasons per command are listed in {@code docs/guarantees.md}. Implementations are
 * thread-safe. Every method may throw {@link CapacityStorageException} when the storage itself
 * fails ({@link TransientStorageException} when trying again may help); a command that throws may
 * or may not have been applied.
 */
public interface CapacityWriter {
  /**
   * Creates or replaces a restaurant with its floor plan and policy. The occupancy is kept; a floor
   * plan that drops a table still occupied is refused with {@link Reason#UNKNOWN_TABLE}.
   *
   * @param restaurant the restaurant
   * @param floor its floor plan
   * @param policy its policy
   * @return the saved context
   */
  Outcome<RestaurantContext> saveRestaurant(
      Restaurant restaurant, FloorPlan floor, SeatingPolicy policy);

  /**
   * Creates a booking, or updates the details of one. A new booking must not be {@code CONFIRMED}
   * or {@code SEATED} (tables come only through {@link #confirm} and {@link #assign}); an update
   * must keep the status (use {@link #transition}) and must not change the party, times or zone of
   * a booking that has tables or a hold. Refused with {@link Reason#INVALID_REQUEST} otherwise, or
   * for an unknown restaurant.
   *
   * @param restaurantId the restaurant id
   * @param booking the booking
   * @return the saved booking
   */
  Outcome<BookingState> saveBooking(String restaurantId, Booking booking);

  /**
   * Holds tables for a booking until {@code now + ttl}. A booking's previous hold is replaced in
   * the same step, so it has at most one live hold (pitfall P3.4).
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param tables the plan's table ids
   * @param ttl how long the hold lives, positive
   * @return the hold, or a refusal: {@code INVALID_REQUEST}, {@code BOOKING_NOT_FOUND}, {@code
   *     BOOKING_NOT_ASSIGNABLE}, {@code UNKNOWN_TABLE}, {@code TABLE_INACTIVE}, {@code
   *     RULE_BROKEN}, {@code OUTSIDE_SERVICE}, {@code NO_TURN_TIME}, {@code CONFLICT}, {@code
   *     PACING_FULL}
   */
  Outcome<Hold> hold(String restaurantId, String bookingId, List<String> tables, Duration ttl);

  /**
   * Confirms a live hold: under the booking's lock, checks the booking's state (P4.4) and every
   * rule again (P4.6), turns the hold into the booking's assignment (replacing an earlier one),
   * moves a pending booking to {@code CONFIRMED} and records the outcome under the idempotency key.
   * The same key with the same booking and hold returns the stored confirmation; the same key with
   * anything else is refused with {@link Reason#IDEMPOTENCY_KEY_REUSED} (P1.3, P1.6). Refusals are
   * not recorded: repeating a refused confirm runs it again.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param holdId the hold's id
   * @param idempotencyKey the caller's key, non-blank
   * @param actor who confirms (recorded in the history)
   * @return the confirmation, or a refusal: {@code INVALID_REQUEST}, {@code
   *     IDEMPOTENCY_KEY_REUSED}, {@code BOOKING_NOT_FOUND}, {@code BOOKING_NOT_ASSIGNABLE}, {@code
   *     HOLD_NOT_FOUND}, {@code HOLD_EXPIRED}, and the rule reasons of {@link #hold}
   */
  Outcome<Confirmation> confirm(
      String restaurantId, String bookingId, String holdId, String idempotencyKey, String actor);

  /**
   * Holds and confirms a plan in one step, for callers that decide and commit at once (the
   * auto-assigner): what {@link #hold} followed at once by {@link #confirm} does, checking the same
   * rules and refusing for the same reasons, without a hold in between. Replaces the booking's hold
   * and earlier assignment, moves a pending booking to {@code CONFIRMED} and records the outcome
   * under the idempotency key: the same key with the same booking and tables returns the stored
   * confirmation, with anything else it is refused with {@link Reason#IDEMPOTENCY_KEY_REUSED}.
   * Unlike {@link #assign} it compares no context version: the store's own checks decide.
   *
   * <p>The default runs {@link #hold} with a one-minute TTL, then {@link #confirm}, and releases
   * the hold when the confirm is refused: two commands, so another writer can see the hold in
   * between, and not idempotent (repeating it holds again and the key is refused as reused). The
   * built-in stores override it with one atomic command that is.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param tables the plan's table ids
   * @param idempotencyKey the caller's key, non-blank
   * @param actor who confirms (recorded in the history)
   * @return the confirmation (its {@link Confirmation#holdId()} is null from the built-in stores),
   *     or a refusal: those of {@link #hold} and {@link #confirm} except the hold reasons
   */
  default Outcome<Confirmation> holdAndConfirm(
      String restaurantId,
      String bookingId,
      List<String> tables,
      String idempotencyKey,
      String actor) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return Outcome.refused(
          Reason.INVALID_REQUEST,
          "the confirm of booking '" + bookingId + "' needs a non-blank idempotency key");
    }
    Outcome<Hold> held = hold(restaurantId, bookingId, tables, Duration.ofMinutes(1));
    Hold hold = held.valueOrNull();
    if (hold == null) {
      return Outcome.refused(java.util.Objects.requireNonNull(held.refusalOrNull()));
    }
    Outcome<Confirmation> out = confirm(restaurantId, bookingId, hold.id(), idempotencyKey, actor);
    if (out.valueOrNull() == null) {
      releaseHold(restaurantId, bookingId, hold.id());
    }
    return out;
  }

  /**
   * Assigns tables directly (a manual choice): checks the booking's state, then that nothing the
   * decision was based on has changed ({@link Reason#CONTEXT_CHANGED}, listing the changes: P2.8,
   * P3.1), then every rule; replaces the booking's hold and earlier assignment, moves a pending
   * booking to {@code CONFIRMED} and records the outcome under the idempotency key (same rules as
   * {@link #confirm}). The occupancy part of the context is compared for the chosen tables only; an
   * implementation may compare it for the whole restaurant (refusing more often, never less).
   *
   * @param restaurantId the restaurant id
   * @param request the booking, tables, context version, key and actor
   * @return the confirmation, or a refusal: those of {@link #confirm} except the hold reasons, and
   *     {@code CONTEXT_CHANGED}
   */
  Outcome<Confirmation> assign(String restaurantId, AssignRequest request);

  /**
   * Removes a booking's tables and hold, and every trace that would block a later reassignment
   * (idempotency entries of the old plan: pitfall U1); a confirmed booking goes back to {@code
   * PENDING}. A booking without tables is left as it is (success). A seated booking is refused with
   * {@link Reason#TRANSITION_NOT_ALLOWED}.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param actor who
   * @param why why
   * @return the booking after the change, or a refusal
   */
  Outcome<BookingState> unassign(String restaurantId, String bookingId, String actor, String why);

  /**
   * Releases a live hold.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param holdId the hold's id
   * @return the released hold, or a refusal: {@code BOOKING_NOT_FOUND}, {@code HOLD_NOT_FOUND} (no
   *     such live hold: released, replaced or confirmed), {@code HOLD_EXPIRED}
   */
  Outcome<Hold> releaseHold(String restaurantId, String bookingId, String holdId);

  /**
   * Moves a booking to another state, recording who, when and why. Allowed moves are {@link
   * BookingStatus#next()}; moving to the current state succeeds without a change. {@code CONFIRMED}
   * needs tables (confirm a hold or assign instead); {@code PENDING} removes the tables as {@link
   * #unassign} does; {@code SEATED} drops a pending hold; the end states ({@code COMPLETED}, {@code
   * CANCELLED}, {@code NO_SHOW}) remove tables, hold and idempotency entries (U1).
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param to the new state
   * @param actor who
   * @param why why
   * @return the booking after the change, or a refusal: {@code BOOKING_NOT_FOUND}, {@code
   *     TRANSITION_NOT_ALLOWED}
   */
  Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why);

  /**
   * Deletes the restaurant's expired holds. Expired holds block nobody before this runs; sweeping
   * only reclaims their storage.
   *
   * @param restaurantId the restaurant id
   * @return how many holds were deleted (0 for an unknown restaurant)
   */
  int sweepExpiredHolds(String restaurantId);

  /**
   * Adds a block, or replaces the block with the same id. A block may not overlap an assignment, a
   * live hold or another block of its table ({@link Reason#CONFLICT}).
   *
   * @param restaurantId the restaurant id
   * @param block the block
   * @return the block, or a refusal: {@code INVALID_REQUEST} (unknown restaurant), {@code
   *     UNKNOWN_TABLE}, {@code CONFLICT}
   */
  Outcome<Block> addBlock(String restaurantId, Block block);

  /**
   * Removes a block.
   *
   * @param restaurantId the restaurant id
   * @param blockId the block id
   * @return the removed block, or {@code INVALID_REQUEST} when there is no such block
   */
  Outcome<Block> removeBlock(String restaurantId, String blockId);
}
