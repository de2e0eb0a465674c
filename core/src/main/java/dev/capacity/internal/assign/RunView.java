package dev.capacity.internal.assign;

import dev.capacity.AssignRequest;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.BookingWindow;
import dev.capacity.Confirmation;
import dev.capacity.ContextVersion;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Outcome;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.SeatingPolicy;
import dev.capacity.StatusChange;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.OccupancySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The store as the quotes of one auto-assign run see it: the store's own answers plus the run's
 * claims, the plans its bookings are holding or about to hold.
 *
 * <p>Implementation note: a booking of the run claims its plan's tables over its window just before
 * the store is asked to hold them, and tells the {@link Dispatcher} it is decided, so the next
 * competing booking can quote at once instead of waiting for the hold's round trip. Every occupancy
 * read through this view waits its turn ({@link Dispatcher#awaitTurn}) after the store has answered
 * and then adds the claims the answer does not show yet (a booking whose hold or assignment is in
 * the answer is not added twice). A claim is dropped when its hold is refused or fails, when its
 * confirm is refused, and when its hold is released; an assignment stays claimed for the rest of
 * the run, which is harmless because the store shows it as well. The lookahead's unplaced bookings
 * are read once for the run's range and then filtered: less the bookings claimed, and less those
 * the last occupancy read on the same thread shows seated or held (by this run or any other
 * writer). Bookings created by other writers while the run goes on are therefore not weighed by its
 * lookahead; this changes which plan is preferred, never whether a plan is valid.
 *
 * <p>Claims only steer the quotes: every hold and confirm still goes to the store, which checks
 * every rule and refuses overlaps, so a stale or wrong claim can cost a retry but cannot seat a
 * booking wrongly. Reads and writes for other restaurants and bookings pass straight through.
 *
 * <p>Thread-safe: claims live in a concurrent map; the booking a thread works on is per thread
 * ({@link #enter}, {@link #leave}).
 */
final class RunView implements CapacityStore {
  /** How far beyond the run's bookings the cached unplaced bookings reach, either side. */
  private static final Duration MARGIN = Duration.ofDays(2);

  private final CapacityStore store;
  private final String restaurant;
  private final SeatingPolicy policy;
  private final ZoneId zone;
  private final List<Booking> bookings;
  private final Map<String, Integer> index;
  private final Dispatcher dispatcher;
  private final Instant unplacedFrom;
  private final Instant unplacedTo;
  private final ConcurrentMap<String, OccupancyEntry> claims = new ConcurrentHashMap<>();
  private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(Slot::new);
  private final Object unplacedLock = new Object();
  private volatile @Nullable List<Booking> unplaced;

  /** What the calling thread works on. */
  private static final class Slot {
    int booking = -1;
    @Nullable Occupancy seen;
  }

  /**
   * Creates the view.
   *
   * @param store the store
   * @param restaurant the run's restaurant
   * @param policy its policy when the run began (claims' windows)
   * @param zone its time zone
   * @param bookings the run's bookings, in the dispatcher's order
   * @param dispatcher the run's dispatcher
   */
  RunView(
      CapacityStore store,
      String restaurant,
      SeatingPolicy policy,
      ZoneId zone,
      List<Booking> bookings,
      Dispatcher dispatcher) {
    this.store = store;
    this.restaurant = restaurant;
    this.policy = policy;
    this.zone = zone;
    this.bookings = List.copyOf(bookings);
    this.dispatcher = dispatcher;
    Map<String, Integer> ix = new HashMap<>();
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    for (int i = 0; i < this.bookings.size(); i++) {
      Booking b = this.bookings.get(i);
      ix.put(b.id(), i);
      first = first.isBefore(b.start()) ? first : b.start();
      last = last.isAfter(b.start()) ? last : b.start();
    }
    this.index = Map.copyOf(ix);
    Duration reach = MARGIN.plus(policy.lookahead().horizon());
    this.unplacedFrom = this.bookings.isEmpty() ? Instant.EPOCH : first.minus(reach);
    this.unplacedTo = this.bookings.isEmpty() ? Instant.EPOCH : last.plus(reach);
  }

  /**
   * Marks the calling thread as working on a booking of the run.
   *
   * @param k the booking's index
   */
  void enter(int k) {
    Slot s = slot.get();
    s.booking = k;
    s.seen = null;
  }

  /** Marks the calling thread as working on no booking. */
  void leave() {
    slot.remove();
  }

  /**
   * How many claims the run holds (for tests).
   *
   * @return the number of bookings claimed
   */
  int claimed() {
    return claims.size();
  }

  // ---------------------------------------------------------------------------------------- reads

  @Override
  public @Nullable RestaurantContext context(String restaurantId) {
    return store.context(restaurantId);
  }

  @Override
  public @Nullable BookingState booking(String restaurantId, String bookingId) {
    return store.booking(restaurantId, bookingId);
  }

  @Override
  public Map<String, BookingState> bookings(String restaurantId, Collection<String> bookingIds) {
    return store.bookings(restaurantId, bookingIds);
  }

  @Override
  public List<BookingState> bookings(String restaurantId, Instant from, Instant to) {
    return store.bookings(restaurantId, from, to);
  }

  @Override
  public List<Booking> unplacedBookings(String restaurantId, Instant from, Instant to) {
    if (!restaurantId.equals(restaurant) || from.isBefore(unplacedFrom) || to.isAfter(unplacedTo)) {
      return store.unplacedBookings(restaurantId, from, to);
    }
    Occupancy seen = slot.get().seen;
    List<Booking> out = new ArrayList<>();
    for (Booking b : unplaced()) {
      if (b.start().isBefore(from) || !b.start().isBefore(to) || claims.containsKey(b.id())) {
        continue;
      }
      if (seen != null && shows(seen, b.id())) {
        continue;
      }
      out.add(b);
    }
    return out;
  }

  private List<Booking> unplaced() {
    List<Booking> u = unplaced;
    if (u == null) {
      synchronized (unplacedLock) {
        u = unplaced;
        if (u == null) {
          u = List.copyOf(store.unplacedBookings(restaurant, unplacedFrom, unplacedTo));
          unplaced = u;
        }
      }
    }
    return u;
  }

  @Override
  public OccupancySnapshot occupancy(String restaurantId, Instant from, Instant to) {
    OccupancySnapshot snap = store.occupancy(restaurantId, from, to);
    if (!restaurantId.equals(restaurant)) {
      return snap;
    }
    Slot s = slot.get();
    String self = null;
    if (s.booking >= 0) {
      dispatcher.awaitTurn(s.booking);
      self = bookings.get(s.booking).id();
    }
    Occupancy occ = snap.occupancy();
    FloorPlan floor = occ.floor();
    List<OccupancyEntry> extra = new ArrayList<>();
    for (OccupancyEntry c : claims.values()) {
      if (c.owner().equals(self)
          || !c.start().isBefore(to)
          || !c.until().isAfter(from)
          || shows(occ, c.owner())
          || !onFloor(floor, c)) {
        continue;
      }
      extra.add(c);
    }
    Occupancy seen = extra.isEmpty() ? occ : occ.withAll(extra);
    s.seen = seen;
    return seen == occ ? snap : new OccupancySnapshot(seen, snap.version(), snap.readAt());
  }

  /** Whether an occupancy has the booking's hold or assignment. */
  private static boolean shows(Occupancy occ, String bookingId) {
    return occ.entry(OccupancyKind.ASSIGNMENT, bookingId) != null
        || occ.entry(OccupancyKind.HOLD, bookingId) != null;
  }

  /** Whether every table of a claim is on the floor plan (a claim made before a floor change). */
  private static boolean onFloor(FloorPlan floor, OccupancyEntry c) {
    for (String t : c.tables()) {
      if (floor.indexOf(t) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public @Nullable ContextVersion contextVersion(String restaurantId, String bookingId) {
    return store.contextVersion(restaurantId, bookingId);
  }

  @Override
  public List<StatusChange> history(String restaurantId, String bookingId) {
    return store.history(restaurantId, bookingId);
  }

  // --------------------------------------------------------------------------------------- writes

  @Override
  public Outcome<RestaurantContext> saveRestaurant(Restaurant r, FloorPlan floor, SeatingPolicy p) {
    return store.saveRestaurant(r, floor, p);
  }

  @Override
  public Outcome<BookingState> saveBooking(String restaurantId, Booking booking) {
    return store.saveBooking(restaurantId, booking);
  }

  @Override
  public Outcome<Hold> hold(
      String restaurantId, String bookingId, List<String> tables, Duration ttl) {
    Integer k = restaurantId.equals(restaurant) ? index.get(bookingId) : null;
    OccupancyEntry claim = k == null ? null : claim(bookings.get(k), tables);
    if (k == null || claim == null) {
      return store.hold(restaurantId, bookingId, tables, ttl);
    }
    claims.put(bookingId, claim);
    dispatcher.held(k);
    boolean held = false;
    try {
      Outcome<Hold> out = store.hold(restaurantId, bookingId, tables, ttl);
      held = out.valueOrNull() != null;
      return out;
    } finally {
      if (!held) {
        claims.remove(bookingId, claim);
      }
    }
  }

  /**
   * The claim of a booking's plan, or null when its window cannot be placed (the store refuses).
   */
  private @Nullable OccupancyEntry claim(Booking booking, List<String> tables) {
    try {
      BookingWindow w = policy.window(booking, zone);
      return OccupancyEntry.of(OccupancyKind.ASSIGNMENT, booking, tables, w, null);
    } catch (IllegalArgumentException unplaceable) {
      return null;
    }
  }

  @Override
  public Outcome<Confirmation> confirm(
      String restaurantId, String bookingId, String holdId, String idempotencyKey, String actor) {
    Outcome<Confirmation> out =
        store.confirm(restaurantId, bookingId, holdId, idempotencyKey, actor);
    if (out.valueOrNull() == null && restaurantId.equals(restaurant)) {
      claims.remove(bookingId);
    }
    return out;
  }

  @Override
  public Outcome<Confirmation> assign(String restaurantId, AssignRequest request) {
    return store.assign(restaurantId, request);
  }

  @Override
  public Outcome<BookingState> unassign(
      String restaurantId, String bookingId, String actor, String why) {
    return store.unassign(restaurantId, bookingId, actor, why);
  }

  @Override
  public Outcome<Hold> releaseHold(String restaurantId, String bookingId, String holdId) {
    try {
      return store.releaseHold(restaurantId, bookingId, holdId);
    } finally {
      if (restaurantId.equals(restaurant)) {
        claims.remove(bookingId);
      }
    }
  }

  @Override
  public Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why) {
    return store.transition(restaurantId, bookingId, to, actor, why);
  }

  @Override
  public int sweepExpiredHolds(String restaurantId) {
    return store.sweepExpiredHolds(restaurantId);
  }

  @Override
  public Outcome<Block> addBlock(String restaurantId, Block block) {
    return store.addBlock(restaurantId, block);
  }

  @Override
  public Outcome<Block> removeBlock(String restaurantId, String blockId) {
    return store.removeBlock(restaurantId, blockId);
  }
}
