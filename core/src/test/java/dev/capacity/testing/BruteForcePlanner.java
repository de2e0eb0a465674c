package dev.capacity.testing;

import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.FloorPlan;
import dev.capacity.Occupancy;
import dev.capacity.Pacing;
import dev.capacity.PlanOption;
import dev.capacity.PlanRules;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.Reason;
import dev.capacity.Rejection;
import dev.capacity.ScoreBreakdown;
import dev.capacity.SearchDiagnostics;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A planner that tries every subset of tables (small floors only): the test double and oracle for
 * the planner contract. A plan is offered when {@link PlanRules} accepts it, every table is free
 * over the booking's window (the booking's own entries ignored) and pacing allows the party. Ranked
 * by empty seats, then number of tables, then table ids. Refusals: OUTSIDE_SERVICE, NO_TURN_TIME,
 * PARTY_TOO_LARGE (no valid plan even on an empty floor), PACING_FULL, NO_CAPACITY.
 */
public final class BruteForcePlanner implements Planner {
  private static final int MAX_TABLES = 16;

  /** Valid subsets (rules 1-5) per floor, policy, party and zone: the rules do not change. */
  private final Map<String, List<List<String>>> valid = new ConcurrentHashMap<>();

  @Override
  public Quote quote(QuoteRequest request) {
    FloorPlan floor = request.floor();
    SeatingPolicy policy = request.policy();
    ZoneId zone = request.restaurant().timeZone();
    Booking booking = request.booking();
    SearchDiagnostics diag = new SearchDiagnostics(true, false, 0, Map.of(), 0, 0, false);
    if (!policy.inService(booking.start(), zone)) {
      return new Quote(booking.id(), null, List.of(), Reason.OUTSIDE_SERVICE, diag);
    }
    ServicePeriod p = policy.servicePeriodAt(booking.start(), zone);
    if (booking.end() == null
        && policy.turnMinutes(booking.partySize(), p == null ? null : p.name()) < 0) {
      return new Quote(booking.id(), null, List.of(), Reason.NO_TURN_TIME, diag);
    }
    BookingWindow w = policy.window(booking, zone);
    List<Table> tables = floor.tables();
    if (tables.size() > MAX_TABLES) {
      throw new IllegalArgumentException("brute force is for small floors");
    }
    int maxK = policy.kMax();
    for (var c : floor.combinations()) {
      maxK = Math.max(maxK, c.tables().size());
    }
    Occupancy occ = request.occupancy().withoutOwner(booking.id());
    List<PlanOption> free = new ArrayList<>();
    boolean anyValid = false;
    long examined = 0;
    Map<Rejection, Long> rejections = new EnumMap<>(Rejection.class);
    String key =
        floor.version() + "/" + policy.version() + "/" + booking.partySize() + "/" + booking.zone();
    int k = maxK;
    List<List<String>> units =
        valid.computeIfAbsent(key, x -> validUnits(floor, policy, booking, k));
    for (List<String> ids : units) {
      int capacity = 0;
      for (String id : ids) {
        capacity += floor.table(id).capacity();
      }
      anyValid = true;
      examined++;
      boolean isFree = true;
      for (String id : ids) {
        if (!occ.isFree(floor.indexOf(id), w.firstSlot(), w.endSlot())) {
          isFree = false;
          break;
        }
      }
      if (!isFree) {
        rejections.merge(Rejection.OCCUPIED, 1L, Long::sum);
        continue;
      }
      int empty = capacity - booking.partySize();
      double combo = (ids.size() - 1) * 3.0;
      free.add(
          new PlanOption(
              ids,
              capacity,
              empty,
              empty * 5.0 + combo,
              new ScoreBreakdown(empty * 5.0, combo, 0, 0, 0),
              List.of()));
    }
    SearchDiagnostics done = new SearchDiagnostics(true, false, examined, rejections, 0, 0, false);
    if (!anyValid) {
      return new Quote(booking.id(), w, List.of(), Reason.PARTY_TOO_LARGE, done);
    }
    Pacing pacing = policy.pacing();
    if (pacing != null
        && occ.pacingCovers(policy.pacingWindow(booking.start(), zone)) + booking.partySize()
            > pacing.maxCovers()) {
      return new Quote(booking.id(), w, List.of(), Reason.PACING_FULL, done);
    }
    if (free.isEmpty()) {
      return new Quote(booking.id(), w, List.of(), Reason.NO_CAPACITY, done);
    }
    free.sort(
        Comparator.comparingInt(PlanOption::emptySeats)
            .thenComparingInt(o -> o.tables().size())
            .thenComparing(o -> String.join(",", o.tables())));
    return new Quote(
        booking.id(), w, free.subList(0, Math.min(free.size(), request.maxPlans())), null, done);
  }

  private static List<List<String>> validUnits(
      FloorPlan floor, SeatingPolicy policy, Booking booking, int maxK) {
    List<Table> tables = floor.tables();
    List<List<String>> out = new ArrayList<>();
    for (int[] unit : tableSets(tables.size(), maxK)) {
      List<String> ids = new ArrayList<>(unit.length);
      for (int t : unit) {
        ids.add(tables.get(t).id());
      }
      if (PlanRules.check(floor, policy, booking.id(), booking.partySize(), booking.zone(), ids)
          .isEmpty()) {
        out.add(List.copyOf(ids));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Every set of 1 to {@code maxSize} table indexes below {@code tables}, each ascending: the
   * enumeration this oracle searches, for tests that need the same sets (at most 30 tables).
   *
   * @param tables how many tables the floor has
   * @param maxSize the largest set wanted
   * @return the sets, in the order of their bit masks
   */
  public static List<int[]> tableSets(int tables, int maxSize) {
    List<int[]> out = new ArrayList<>();
    for (int mask = 1; mask < (1 << tables); mask++) {
      int size = Integer.bitCount(mask);
      if (size > maxSize) {
        continue;
      }
      int[] unit = new int[size];
      int k = 0;
      for (int i = 0; i < tables; i++) {
        if ((mask & (1 << i)) != 0) {
          unit[k++] = i;
        }
      }
      out.add(unit);
    }
    return out;
  }
}
