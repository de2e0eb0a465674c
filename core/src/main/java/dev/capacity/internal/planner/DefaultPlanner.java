package dev.capacity.internal.planner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.CacheSettings;
import dev.capacity.FloorPlan;
import dev.capacity.LookaheadMode;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyKind;
import dev.capacity.Pacing;
import dev.capacity.PlanOption;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.Reason;
import dev.capacity.Rejection;
import dev.capacity.SearchDiagnostics;
import dev.capacity.SeatingPolicy;
import dev.capacity.spi.TimeSource;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link Planner}: scans a cached unit catalog against the occupancy bitsets, with a
 * bounded search where no catalog applies, then ranks and (optionally) applies lookahead.
 *
 * <p>Thread-safe: catalogs are immutable and shared through Caffeine caches (one per cache setting,
 * sized and timed by the policy's {@link CacheSettings}); every quote has its own state.
 */
public final class DefaultPlanner implements Planner {
  private final TimeSource time;
  private final Map<CacheSettings, Cache<CatalogKey, Catalog>> caches = new ConcurrentHashMap<>();

  private record CatalogKey(String floorVersion, String policyVersion) {}

  /**
   * Creates a planner.
   *
   * @param time the time source whose ticker measures search budgets
   */
  public DefaultPlanner(TimeSource time) {
    this.time = time;
  }

  /**
   * The catalog of a floor plan and policy, from the cache or built now.
   *
   * @param floor the floor plan
   * @param policy the policy
   * @return the catalog
   */
  Catalog catalog(FloorPlan floor, SeatingPolicy policy) {
    Cache<CatalogKey, Catalog> cache =
        caches.computeIfAbsent(
            policy.cache(),
            s ->
                Caffeine.newBuilder()
                    .maximumSize(s.catalogMaxEntries())
                    .expireAfterAccess(s.catalogExpireAfterAccess())
                    .build());
    return cache.get(
        new CatalogKey(floor.version(), policy.version()), k -> new Catalog(floor, policy));
  }

  /**
   * The approximate heap bytes of the catalog of a floor plan and policy (memory report).
   *
   * @param floor the floor plan
   * @param policy the policy
   * @return bytes
   */
  public long catalogBytes(FloorPlan floor, SeatingPolicy policy) {
    return catalog(floor, policy).unitBytes();
  }

  /**
   * The number of units in the catalog of a floor plan and policy.
   *
   * @param floor the floor plan
   * @param policy the policy
   * @return units, or -1 when the catalog is too large and quotes use the bounded search
   */
  public int catalogUnits(FloorPlan floor, SeatingPolicy policy) {
    Catalog c = catalog(floor, policy);
    return c.tooLarge ? -1 : c.unitCount;
  }

  @Override
  public Quote quote(QuoteRequest request) {
    long t0 = time.nanoTime();
    Booking booking = request.booking();
    SeatingPolicy policy = request.policy();
    ZoneId zone = request.restaurant().timeZone();
    if (!policy.inService(booking.start(), zone)) {
      return refusal(booking, null, Reason.OUTSIDE_SERVICE, t0);
    }
    if (booking.end() == null) {
      var period = policy.servicePeriodAt(booking.start(), zone);
      if (policy.turnMinutes(booking.partySize(), period == null ? null : period.name()) < 0) {
        return refusal(booking, null, Reason.NO_TURN_TIME, t0);
      }
    }
    BookingWindow window = policy.window(booking, zone);
    Occupancy occupancy = request.occupancy().withoutOwner(booking.id());
    Catalog catalog = catalog(request.floor(), policy);
    Pacing pacing = policy.pacing();
    if (pacing != null
        && occupancy.pacingCovers(policy.pacingWindow(booking.start(), zone)) + booking.partySize()
            > pacing.maxCovers()) {
      return refusal(booking, window, Reason.PACING_FULL, t0);
    }
    Lookahead la =
        policy.lookahead().mode() != LookaheadMode.OFF && knowsOthers(request)
            ? new Lookahead(catalog, policy, occupancy, request, booking, window, zone)
            : null;
    Search search =
        new Search(
            catalog,
            policy,
            occupancy,
            la != null
                ? la.freeTables(window)
                : new FreeTables(
                    occupancy, window.firstSlot(), window.endSlot(), catalog.tableCount),
            window,
            booking.partySize(),
            booking.zone(),
            policy.demandMultiplier(booking.start(), zone),
            time,
            // the budget bounds the search, not building a catalog or the lookahead's set
            time.nanoTime() + policy.searchBudget().toNanos());
    List<PlanOption> plans;
    int lookaheadBookings = 0;
    boolean penalised = false;
    if (la != null) {
      lookaheadBookings = la.size();
      plans = la.rank(search, request.maxPlans());
      penalised = !plans.isEmpty() && !plans.get(0).lookaheadBlocked().isEmpty();
    } else {
      plans = search.top(request.maxPlans());
    }
    SearchDiagnostics diagnostics =
        new SearchDiagnostics(
            search.complete,
            !search.multiBySearch || catalog.unitCount > 0,
            search.examined,
            search.rejections(),
            time.nanoTime() - t0,
            lookaheadBookings,
            penalised);
    if (plans.isEmpty()) {
      Reason reason =
          search.complete && !search.anyFitsIgnoringOccupancy()
              ? Reason.PARTY_TOO_LARGE
              : Reason.NO_CAPACITY;
      return new Quote(booking.id(), window, List.of(), reason, diagnostics);
    }
    return new Quote(booking.id(), window, plans, null, diagnostics);
  }

  private Quote refusal(
      Booking booking, @org.jspecify.annotations.Nullable BookingWindow window, Reason r, long t0) {
    return new Quote(
        booking.id(),
        window,
        List.of(),
        r,
        new SearchDiagnostics(
            true, true, 0, new EnumMap<>(Rejection.class), time.nanoTime() - t0, 0, false));
  }

  /** Whether the known bookings hold one besides the quoted booking (which they may hold). */
  private static boolean knowsOthers(QuoteRequest request) {
    List<Booking> known = request.knownUnassigned();
    String self = request.booking().id();
    return known.size() > 1 || (known.size() == 1 && !known.get(0).id().equals(self));
  }

  /** Whether an occupancy holds an assignment or hold of a booking. */
  static boolean placed(Occupancy occupancy, String bookingId) {
    return occupancy.entry(OccupancyKind.ASSIGNMENT, bookingId) != null
        || occupancy.entry(OccupancyKind.HOLD, bookingId) != null;
  }
}
