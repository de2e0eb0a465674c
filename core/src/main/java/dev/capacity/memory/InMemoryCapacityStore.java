package dev.capacity.memory;

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
import dev.capacity.Refusal;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.SeatingPolicy;
import dev.capacity.StatusChange;
import dev.capacity.internal.commit.PlanCheck;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.OccupancySnapshot;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CapacityStore} that keeps everything in memory: the embedded default for an application
 * without a database, and the reference the PostgreSQL adapter is held to by the shared contract
 * suite. It enforces every rule in every command, exactly as documented on {@link
 * dev.capacity.spi.CapacityWriter}; expiry is judged by the {@link TimeSource} it is given, at the
 * moment of each check.
 *
 * <p>Thread-safe. Each restaurant has its own lock: commands on one restaurant are serialised (each
 * one is atomic), commands on different restaurants run in parallel. Occupancy reads take no lock:
 * the occupancy is an immutable {@link dev.capacity.Occupancy} value replaced on every write. State
 * lives only in this JVM and is lost when it stops.
 *
 * <pre>{@code
 * InMemoryCapacityStore store = InMemoryCapacityStore.create();
 * store.saveRestaurant(restaurant, floor, policy);
 * store.saveBooking(restaurant.id(), booking);
 * CapacityService service = CapacityService.builder(store).build();
 * }</pre>
 */
public final class InMemoryCapacityStore implements CapacityStore {
  private final TimeSource time;
  private final ConcurrentMap<String, RestaurantData> restaurants = new ConcurrentHashMap<>();

  /**
   * Creates an empty store.
   *
   * @param time the clock that decides expiry and stamps the histories
   * @throws NullPointerException if the time source is null
   */
  public InMemoryCapacityStore(TimeSource time) {
    this.time = Objects.requireNonNull(time, "time");
  }

  /**
   * Creates an empty store on the system clock.
   *
   * @return the store
   */
  public static InMemoryCapacityStore create() {
    return new InMemoryCapacityStore(TimeSource.system());
  }

  private @Nullable RestaurantData data(String restaurantId) {
    return restaurants.get(Objects.requireNonNull(restaurantId, "restaurantId"));
  }

  // ------------------------------------------------------------------------------------- reading

  @Override
  public @Nullable RestaurantContext context(String restaurantId) {
    RestaurantData d = data(restaurantId);
    return d == null ? null : d.context();
  }

  @Override
  public @Nullable BookingState booking(String restaurantId, String bookingId) {
    RestaurantData d = data(restaurantId);
    return d == null ? null : d.booking(bookingId, time.now());
  }

  @Override
  public List<BookingState> bookings(String restaurantId, Instant from, Instant to) {
    RestaurantData d = data(restaurantId);
    return d == null ? List.of() : d.bookings(from, to, time.now());
  }

  @Override
  public OccupancySnapshot occupancy(String restaurantId, Instant from, Instant to) {
    RestaurantData d = data(restaurantId);
    if (d == null) {
      throw new IllegalArgumentException(
          "unknown restaurant '" + restaurantId + "'\nMaybe: save it first with saveRestaurant");
    }
    return d.occupancy(time.now());
  }

  @Override
  public @Nullable ContextVersion contextVersion(String restaurantId, String bookingId) {
    RestaurantData d = data(restaurantId);
    return d == null ? null : d.contextVersion(bookingId);
  }

  @Override
  public List<StatusChange> history(String restaurantId, String bookingId) {
    RestaurantData d = data(restaurantId);
    return d == null ? List.of() : d.history(bookingId);
  }

  // ------------------------------------------------------------------------------------- writing

  @Override
  public Outcome<RestaurantContext> saveRestaurant(
      Restaurant restaurant, FloorPlan floor, SeatingPolicy policy) {
    RestaurantContext ctx = new RestaurantContext(restaurant, floor, policy);
    RestaurantData d = restaurants.get(restaurant.id());
    if (d == null) {
      RestaurantData fresh = new RestaurantData(ctx);
      d = restaurants.putIfAbsent(restaurant.id(), fresh);
      if (d == null) {
        return Outcome.success(ctx);
      }
    }
    return d.save(ctx, time.now());
  }

  @Override
  public Outcome<BookingState> saveBooking(String restaurantId, Booking booking) {
    Objects.requireNonNull(booking, "booking");
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return unknownRestaurant(restaurantId);
    }
    return d.saveBooking(booking, time.now());
  }

  @Override
  public Outcome<Hold> hold(
      String restaurantId, String bookingId, List<String> tables, Duration ttl) {
    Refusal invalid = PlanCheck.invalidTables(bookingId, tables);
    if (invalid != null) {
      return Outcome.refused(invalid);
    }
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      return Outcome.refused(
          Reason.INVALID_REQUEST,
          "the hold TTL for booking '" + bookingId + "' must be positive, got " + ttl);
    }
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return noBooking(restaurantId, bookingId);
    }
    return d.hold(bookingId, tables, ttl, time.now());
  }

  @Override
  public Outcome<Confirmation> confirm(
      String restaurantId, String bookingId, String holdId, String idempotencyKey, String actor) {
    return keyed(
        restaurantId,
        bookingId,
        idempotencyKey,
        d -> d.confirm(bookingId, holdId, idempotencyKey, actor, time.now()));
  }

  @Override
  public Outcome<Confirmation> holdAndConfirm(
      String restaurantId,
      String bookingId,
      List<String> tables,
      String idempotencyKey,
      String actor) {
    Refusal invalid = PlanCheck.invalidTables(bookingId, tables);
    if (invalid != null) {
      return Outcome.refused(invalid);
    }
    return keyed(
        restaurantId,
        bookingId,
        idempotencyKey,
        d -> d.holdAndConfirm(bookingId, tables, idempotencyKey, actor, time.now()));
  }

  /** Runs a confirming command that needs a non-blank key on a known restaurant. */
  private Outcome<Confirmation> keyed(
      String restaurantId,
      String bookingId,
      String idempotencyKey,
      Function<RestaurantData, Outcome<Confirmation>> command) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return Outcome.refused(
          Reason.INVALID_REQUEST,
          "the confirm of booking '" + bookingId + "' needs a non-blank idempotency key");
    }
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return noBooking(restaurantId, bookingId);
    }
    return command.apply(d);
  }

  @Override
  public Outcome<Confirmation> assign(String restaurantId, AssignRequest request) {
    Refusal invalid = PlanCheck.invalidTables(request.booking(), request.tables());
    if (invalid != null) {
      return Outcome.refused(invalid);
    }
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return noBooking(restaurantId, request.booking());
    }
    return d.assign(request, time.now());
  }

  @Override
  public Outcome<BookingState> unassign(
      String restaurantId, String bookingId, String actor, String why) {
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return noBooking(restaurantId, bookingId);
    }
    return d.unassign(bookingId, actor, why, time.now());
  }

  @Override
  public Outcome<Hold> releaseHold(String restaurantId, String bookingId, String holdId) {
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return noBooking(restaurantId, bookingId);
    }
    return d.releaseHold(bookingId, holdId, time.now());
  }

  @Override
  public Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why) {
    Objects.requireNonNull(to, "to");
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return noBooking(restaurantId, bookingId);
    }
    return d.transition(bookingId, to, actor, why, time.now());
  }

  @Override
  public int sweepExpiredHolds(String restaurantId) {
    RestaurantData d = data(restaurantId);
    return d == null ? 0 : d.sweep(time.now());
  }

  @Override
  public Outcome<Block> addBlock(String restaurantId, Block block) {
    Objects.requireNonNull(block, "block");
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return unknownRestaurant(restaurantId);
    }
    return d.addBlock(block, time.now());
  }

  @Override
  public Outcome<Block> removeBlock(String restaurantId, String blockId) {
    RestaurantData d = data(restaurantId);
    if (d == null) {
      return unknownRestaurant(restaurantId);
    }
    return d.removeBlock(blockId, time.now());
  }

  private static <T> Outcome<T> unknownRestaurant(String restaurantId) {
    return Outcome.refused(
        Reason.INVALID_REQUEST,
        "unknown restaurant '" + restaurantId + "'\nMaybe: save it first with saveRestaurant");
  }

  private static <T> Outcome<T> noBooking(String restaurantId, String bookingId) {
    return Outcome.refused(
        Reason.BOOKING_NOT_FOUND,
        "no booking '" + bookingId + "' in restaurant '" + restaurantId + "'");
  }

  @Override
  public String toString() {
    return "InMemoryCapacityStore[restaurants=" + restaurants.keySet() + "]";
  }
}
