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
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store as the quotes of one auto-assign run see it: one read of the store for the run's range,
 * plus the run's claims, the plans its bookings are holding or about to hold.
 *
 * <p>Implementation note: a booking of the run claims its plan's tables over its window just before
 * the store is asked to hold them, and tells the {@link Dispatcher} it is decided, so the next
 * competing booking can quote at once instead of waiting for the hold's round trip.
 *
 * <p>The context and the occupancy of the run's range (its bookings' starts, widened either side by
 * two days and the lookahead horizon) are read from the store once and kept (a thread that finds
 * nothing kept while another reads waits for that read instead of making its own), and each claim
 * is applied to the kept occupancy in place of the booking's earlier entries. A quote of a booking
 * of the run waits its turn ({@link Dispatcher#awaitTurn}) and is then served from what is kept,
 * without a round trip. What is kept is dropped, and read again at the next quote, whenever the
 * store may hold something the view does not show: a hold or confirm of the run refused or failed,
 * a hold released, any other write through the view to the restaurant. Writes by other writers
 * (another instance, an expiring hold) are not seen until then; they cost the run a refused hold
 * and a fresh read, never a wrong seat. Reads outside the run's range, of other restaurants, or
 * from a thread not working on a booking of the run go to the store and get the claims it does not
 * show yet added.
 *
 * <p>When the run holds and confirms in one step, a booking's first read of itself is served from
 * the run's own read of it (the store checks its state again under its lock, so a booking cancelled
 * meanwhile is refused there); later reads go to the store.
 *
 * <p>The lookahead's unplaced bookings are read once for the run's range and then filtered: less
 * the bookings claimed, and less those the kept occupancy shows seated or held (the kept view
 * carries this list and takes each claimed booking out of it, so a quote only cuts out its range;
 * while nothing is kept, the last occupancy read on the same thread decides). Bookings created by
 * other writers while the run goes on are therefore not weighed by its lookahead; this changes
 * which plan is preferred, never whether a plan is valid.
 *
 * <p>Claims only steer the quotes: every hold and confirm still goes to the store, which checks
 * every rule and refuses overlaps, so a stale view or a wrong claim can cost a retry but cannot
 * seat a booking wrongly. A claim stays for the rest of the run once its booking is confirmed,
 * which is harmless because the store shows the assignment as well.
 *
 * <p>Thread-safe: claims live in a concurrent map and change, with the kept view, under one lock;
 * the booking a thread works on is per thread ({@link #enter}, {@link #leave}).
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
  private final @Nullable List<BookingState> firstReads;
  private final Instant unplacedFrom;
  private final Instant unplacedTo;
  private final ConcurrentMap<String, OccupancyEntry> claims = new ConcurrentHashMap<>();
  private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(Slot::new);
  private final Object unplacedLock = new Object();
  private volatile @Nullable List<Booking> unplaced;

  /** Guards {@link #cached}'s replacement and {@link #generation}. */
  private final Object viewLock = new Object();

  /**
   * Held while the view is read from the store: threads that find no view wait for the one reading
   * it instead of each reading the store (the workers of a run all start together). Taken before
   * {@link #viewLock}, never while holding it.
   */
  private final Object readLock = new Object();

  /** The store's answer for the run's range plus the run's claims since; null when stale. */
  private volatile @Nullable View cached;

  /** Counts the times the cached view was dropped, so a read racing a drop is not kept. */
  private long generation;

  /**
   * The run's context and occupancy as its quotes see them; {@code clean} while the occupancy is
   * the store's answer at its version with nothing of the run's added.
   */
  private record View(
      RestaurantContext context, OccupancySnapshot snapshot, boolean clean, List<Booking> open) {
    /**
     * This view with a claim applied: its occupancy, and its booking no longer open. The booking is
     * looked for among the open ones of its start (the list is sorted by start), and through the
     * whole list only when it is not there (the list's copy of it read with another start).
     */
    View withClaim(Occupancy occ, Booking booking) {
      List<Booking> left = open;
      int i = indexOf(open, booking);
      if (i >= 0) {
        // one copy, unmodifiable (copying through a list and List.copyOf took three)
        Booking[] l = new Booking[open.size() - 1];
        for (int j = 0; j < i; j++) {
          l[j] = open.get(j);
        }
        for (int j = i + 1; j < open.size(); j++) {
          l[j - 1] = open.get(j);
        }
        left = Collections.unmodifiableList(Arrays.asList(l));
      }
      return new View(
          context, new OccupancySnapshot(occ, snapshot.version(), snapshot.readAt()), false, left);
    }

    /** The index of the booking with the same id in a list sorted by start, or -1. */
    private static int indexOf(List<Booking> byStart, Booking booking) {
      String id = booking.id();
      for (int i = firstFrom(byStart, booking.start());
          i < byStart.size() && byStart.get(i).start().equals(booking.start());
          i++) {
        if (byStart.get(i).id().equals(id)) {
          return i;
        }
      }
      for (int i = 0; i < byStart.size(); i++) {
        if (byStart.get(i).id().equals(id)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** What the calling thread works on. */
  private static final class Slot {
    int booking = -1;
    boolean read;
    @Nullable Occupancy seen;

    /** The version of the booking's last read of itself; -1 before it. */
    long bookingVersion = -1;

    /** The last occupancy served from what is kept, when it was the store's answer as it is. */
    @Nullable OccupancySnapshot clean;
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
   * @param firstReads the bookings' states as the run read them, in the same order, served to each
   *     booking's first read of itself; null to read every time
   */
  RunView(
      CapacityStore store,
      String restaurant,
      SeatingPolicy policy,
      ZoneId zone,
      List<Booking> bookings,
      Dispatcher dispatcher,
      @Nullable List<BookingState> firstReads) {
    this.store = store;
    this.restaurant = restaurant;
    this.policy = policy;
    this.zone = zone;
    this.bookings = List.copyOf(bookings);
    this.dispatcher = dispatcher;
    if (firstReads != null && firstReads.size() != this.bookings.size()) {
      throw new IllegalArgumentException("one first read per booking");
    }
    this.firstReads = firstReads == null ? null : List.copyOf(firstReads);
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
    s.read = false;
    s.seen = null;
    s.bookingVersion = -1;
    s.clean = null;
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
    if (restaurantId.equals(restaurant) && slot.get().booking >= 0) {
      View v = view();
      if (v != null) {
        return v.context();
      }
    }
    return store.context(restaurantId);
  }

  @Override
  public @Nullable BookingState booking(String restaurantId, String bookingId) {
    Slot s = slot.get();
    List<BookingState> first = firstReads;
    if (first != null
        && !s.read
        && s.booking >= 0
        && restaurantId.equals(restaurant)
        && bookings.get(s.booking).id().equals(bookingId)) {
      s.read = true;
      BookingState st = first.get(s.booking);
      s.bookingVersion = st.version();
      return st;
    }
    BookingState st = store.booking(restaurantId, bookingId);
    if (st != null && s.booking >= 0 && bookings.get(s.booking).id().equals(bookingId)) {
      s.bookingVersion = st.version();
    }
    return st;
  }

  /**
   * The versions the calling thread's last quote was based on, when they are known exactly: its
   * occupancy was the store's answer at its version with nothing of the run's added, and its
   * booking was read through this view. Null otherwise. A "no plan" answer found on this basis
   * belongs to these versions; the store still has to show them unchanged afterwards.
   *
   * @return the versions, or null
   */
  @Nullable ContextVersion basis() {
    Slot s = slot.get();
    OccupancySnapshot c = s.clean;
    if (c == null || s.bookingVersion < 0) {
      return null;
    }
    Occupancy occ = c.occupancy();
    return new ContextVersion(
        occ.floor().version(), occ.policy().version(), s.bookingVersion, c.version());
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
    View v = cached;
    if (v != null) {
      // kept current with every claim: no filtering per call
      List<Booking> open = v.open();
      return to.isAfter(from)
          ? open.subList(firstFrom(open, from), firstFrom(open, to))
          : List.of();
    }
    Occupancy seen = slot.get().seen;
    List<Booking> all = unplaced();
    List<Booking> out = new ArrayList<>();
    for (int i = firstFrom(all, from); i < all.size(); i++) {
      Booking b = all.get(i);
      if (!b.start().isBefore(to)) {
        break;
      }
      if (open(b, seen)) {
        out.add(b);
      }
    }
    return out;
  }

  /** The index of the first booking starting at or after an instant, in a list sorted by start. */
  private static int firstFrom(List<Booking> byStart, Instant from) {
    int lo = 0;
    int hi = byStart.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byStart.get(mid).start().isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The run's unplaced bookings, read once, sorted by start. */
  private List<Booking> unplaced() {
    List<Booking> u = unplaced;
    if (u == null) {
      synchronized (unplacedLock) {
        u = unplaced;
        if (u == null) {
          List<Booking> read =
              new ArrayList<>(store.unplacedBookings(restaurant, unplacedFrom, unplacedTo));
          read.sort(java.util.Comparator.comparing(Booking::start));
          u = List.copyOf(read);
          unplaced = u;
        }
      }
    }
    return u;
  }

  @Override
  public OccupancySnapshot occupancy(String restaurantId, Instant from, Instant to) {
    if (!restaurantId.equals(restaurant)) {
      return store.occupancy(restaurantId, from, to);
    }
    Slot s = slot.get();
    if (s.booking >= 0 && !from.isBefore(unplacedFrom) && !to.isAfter(unplacedTo)) {
      dispatcher.awaitTurn(s.booking);
      View v = view();
      if (v != null) {
        s.seen = v.snapshot().occupancy();
        s.clean = v.clean() ? v.snapshot() : null;
        return v.snapshot();
      }
    }
    OccupancySnapshot snap = store.occupancy(restaurantId, from, to);
    s.clean = null;
    if (s.booking >= 0) {
      dispatcher.awaitTurn(s.booking);
    }
    Occupancy seen = withClaims(snap.occupancy(), from, to);
    s.seen = seen;
    return seen == snap.occupancy()
        ? snap
        : new OccupancySnapshot(seen, snap.version(), snap.readAt());
  }

  /**
   * The cached view of the run's range, read from the store when there is none (by one thread at a
   * time: the others wait and use its read); null when the restaurant is unknown to the store.
   */
  private @Nullable View view() {
    View v = cached;
    if (v != null) {
      return v;
    }
    synchronized (readLock) {
      v = cached;
      return v != null ? v : read();
    }
  }

  /** Reads the view from the store and keeps it unless it was dropped meanwhile. */
  private @Nullable View read() {
    long gen;
    synchronized (viewLock) {
      gen = generation;
    }
    RestaurantContext ctx = store.context(restaurant);
    if (ctx == null) {
      return null;
    }
    OccupancySnapshot snap = store.occupancy(restaurant, unplacedFrom, unplacedTo);
    synchronized (viewLock) {
      // the claims made so far, including those made while the store was read
      Occupancy occ = withClaims(snap.occupancy(), unplacedFrom, unplacedTo);
      List<Booking> stillOpen = new ArrayList<>();
      for (Booking b : unplaced()) {
        if (open(b, occ)) {
          stillOpen.add(b);
        }
      }
      boolean clean = occ == snap.occupancy();
      View built =
          new View(
              ctx,
              clean ? snap : new OccupancySnapshot(occ, snap.version(), snap.readAt()),
              clean,
              List.copyOf(stillOpen));
      if (gen == generation) {
        cached = built;
      }
      return built;
    }
  }

  /**
   * Adds the claims over {@code [from, to)} that an occupancy read from the store does not show.
   */
  private Occupancy withClaims(Occupancy occ, Instant from, Instant to) {
    FloorPlan floor = occ.floor();
    List<OccupancyEntry> extra = new ArrayList<>();
    for (OccupancyEntry c : claims.values()) {
      if (!c.start().isBefore(to)
          || !c.until().isAfter(from)
          || shows(occ, c.owner())
          || !onFloor(floor, c)) {
        continue;
      }
      extra.add(c);
    }
    return extra.isEmpty() ? occ : occ.withAll(extra);
  }

  /** Drops the cached view: the next read goes to the store. */
  private void drop() {
    synchronized (viewLock) {
      dropLocked();
    }
  }

  private void dropLocked() {
    generation++;
    cached = null;
  }

  /** Drops the cached view after a write of another kind to the run's restaurant. */
  private <T> T dropAfter(String restaurantId, Supplier<T> write) {
    try {
      return write.get();
    } finally {
      if (restaurantId.equals(restaurant)) {
        drop();
      }
    }
  }

  /** Records a claim and shows it in the cached view in place of the booking's earlier entries. */
  private void addClaim(Booking booking, OccupancyEntry claim) {
    String bookingId = booking.id();
    synchronized (viewLock) {
      claims.put(bookingId, claim);
      View v = cached;
      if (v != null) {
        Occupancy occ = v.snapshot().occupancy();
        if (onFloor(occ.floor(), claim)) {
          cached = v.withClaim(occ.withoutOwner(bookingId).with(claim), booking);
        } else {
          dropLocked();
        }
      }
    }
  }

  /**
   * Forgets a booking's claim and drops the cached view: what the booking holds now is not known
   * here (a refused hold keeps an earlier one, a released hold leaves an earlier assignment).
   */
  private void dropClaim(String bookingId) {
    synchronized (viewLock) {
      claims.remove(bookingId);
      dropLocked();
    }
  }

  /**
   * Whether an unplaced booking is still open for the lookahead: not claimed by the run, and not
   * shown seated or held by the occupancy (when one is given).
   */
  private boolean open(Booking b, @Nullable Occupancy shown) {
    return !claims.containsKey(b.id()) && (shown == null || !shows(shown, b.id()));
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
    return dropAfter(r.id(), () -> store.saveRestaurant(r, floor, p));
  }

  @Override
  public Outcome<BookingState> saveBooking(String restaurantId, Booking booking) {
    return dropAfter(restaurantId, () -> store.saveBooking(restaurantId, booking));
  }

  @Override
  public Outcome<Hold> hold(
      String restaurantId, String bookingId, List<String> tables, Duration ttl) {
    return claimed(
        restaurantId, bookingId, tables, () -> store.hold(restaurantId, bookingId, tables, ttl));
  }

  @Override
  public Outcome<Confirmation> holdAndConfirm(
      String restaurantId,
      String bookingId,
      List<String> tables,
      String idempotencyKey,
      String actor) {
    return claimed(
        restaurantId,
        bookingId,
        tables,
        () -> store.holdAndConfirm(restaurantId, bookingId, tables, idempotencyKey, actor));
  }

  /**
   * Runs a command that places a plan: a booking of the run claims the plan first and is marked
   * decided; the claim is dropped if the command is refused or fails.
   */
  private <T> Outcome<T> claimed(
      String restaurantId, String bookingId, List<String> tables, Supplier<Outcome<T>> command) {
    Integer k = restaurantId.equals(restaurant) ? index.get(bookingId) : null;
    OccupancyEntry claim = k == null ? null : claim(bookings.get(k), tables);
    if (k == null || claim == null) {
      return dropAfter(restaurantId, command);
    }
    addClaim(bookings.get(k), claim);
    dispatcher.held(k);
    boolean placed = false;
    try {
      Outcome<T> out = command.get();
      placed = out.valueOrNull() != null;
      return out;
    } finally {
      if (!placed) {
        // refused (the view was wrong) or failed (what the booking holds is unknown)
        dropClaim(bookingId);
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
      dropClaim(bookingId);
    }
    return out;
  }

  @Override
  public Outcome<Confirmation> assign(String restaurantId, AssignRequest request) {
    return dropAfter(restaurantId, () -> store.assign(restaurantId, request));
  }

  @Override
  public Outcome<BookingState> unassign(
      String restaurantId, String bookingId, String actor, String why) {
    return dropAfter(restaurantId, () -> store.unassign(restaurantId, bookingId, actor, why));
  }

  @Override
  public Outcome<Hold> releaseHold(String restaurantId, String bookingId, String holdId) {
    try {
      return store.releaseHold(restaurantId, bookingId, holdId);
    } finally {
      if (restaurantId.equals(restaurant)) {
        dropClaim(bookingId);
      }
    }
  }

  @Override
  public Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why) {
    return dropAfter(restaurantId, () -> store.transition(restaurantId, bookingId, to, actor, why));
  }

  @Override
  public int sweepExpiredHolds(String restaurantId) {
    return dropAfter(restaurantId, () -> store.sweepExpiredHolds(restaurantId));
  }

  @Override
  public Outcome<Block> addBlock(String restaurantId, Block block) {
    return dropAfter(restaurantId, () -> store.addBlock(restaurantId, block));
  }

  @Override
  public Outcome<Block> removeBlock(String restaurantId, String blockId) {
    return dropAfter(restaurantId, () -> store.removeBlock(restaurantId, blockId));
  }
}
