package dev.capacity.internal.planner;

import dev.capacity.BookingWindow;
import dev.capacity.Occupancy;
import dev.capacity.PlanOption;
import dev.capacity.Rejection;
import dev.capacity.ScoreBreakdown;
import dev.capacity.ScoringWeights;
import dev.capacity.SeatingPolicy;
import dev.capacity.TurnTime;
import dev.capacity.spi.TimeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state of one search for one booking: which tables are free over its window, the units that
 * can seat it, their scores, and counters for the diagnostics.
 *
 * <p>Implementation note: which tables are free is tested lazily, once per table, into a bitset
 * ({@link FreeTables}, shared by the searches of one quote over the same slots); a catalog unit is
 * free when its table mask is a subset of it. Only units whose capacity lies in {@code [party,
 * party + maxOverage]} are scanned (the catalog is sorted by capacity). Multi-table sets that the
 * catalog does not hold (parties that need no adjacency, or a catalog over its size limit) come
 * from a depth-first search over the free eligible tables in index order, pruned when the capacity
 * exceeds the range or cannot reach it with the tables left. The deadline (none: {@code
 * Long.MAX_VALUE}, as for a lookahead) is checked every 64 units; past it the search stops and is
 * marked incomplete.
 *
 * <p>Not thread-safe: one instance per quote.
 */
final class Search {
  /** Receives candidate units. */
  interface Sink {
    /**
     * Receives one unit; returns false to stop the enumeration.
     *
     * @param unit the unit's index in the catalog, or -1 for a unit of the depth-first search
     * @param tables the unit's table indexes
     * @param mask the catalog's table mask of the unit (one bit per table index, never to be
     *     modified), or null for a unit of the depth-first search, which has none
     * @param capacity the unit's capacity
     * @param staticScore the unit's occupancy-independent score
     * @return false to stop
     */
    boolean accept(
        int unit, int[] tables, long @Nullable [] mask, int capacity, double staticScore);
  }

  final Catalog catalog;
  final SeatingPolicy policy;
  final Occupancy occupancy;
  final BookingWindow window;
  final int party;
  final int zoneIndex; // -1 any zone, -2 an unknown zone (nothing fits)
  final double demand;
  private final TimeSource time;
  private final long deadline;
  final boolean multiBySearch;

  /** Which tables are free over the window (shared with searches over the same slots). */
  private final FreeTables freeTables;

  // per table: wasted slots + 1, 0 while unknown; allocated at the first use (a lookahead's
  // searches only list free units and never score them)
  private short @Nullable [] fragmentation;
  private final int usefulSlots;

  boolean complete = true;
  long examined;
  private long rejectedOccupied;
  private long rejectedZone;
  private long rejectedLimits;
  private long rejectedLookahead;
  private boolean fitsIgnoringOccupancy;
  private boolean stopped;

  /**
   * A search whose free tables come from {@code freeTables}, which must be over this window's slots
   * of this occupancy.
   */
  Search(
      Catalog catalog,
      SeatingPolicy policy,
      Occupancy occupancy,
      FreeTables freeTables,
      BookingWindow window,
      int party,
      @Nullable String requiredZone,
      double demand,
      TimeSource time,
      long deadline) {
    this.freeTables = freeTables;
    this.catalog = catalog;
    this.policy = policy;
    this.occupancy = occupancy;
    this.window = window;
    this.party = party;
    this.demand = demand;
    this.time = time;
    this.deadline = deadline;
    int z = -1;
    if (requiredZone != null) {
      z = -2;
      for (int i = 0; i < catalog.zoneIds.length; i++) {
        if (catalog.zoneIds[i].equals(requiredZone)) {
          z = i;
        }
      }
    }
    this.zoneIndex = z;
    this.multiBySearch = multiBySearch(catalog, policy, party);
    int shortest = Integer.MAX_VALUE;
    for (TurnTime t : policy.turnTimes()) {
      shortest = Math.min(shortest, t.minutes());
    }
    if (shortest == Integer.MAX_VALUE) {
      shortest = policy.slotMinutes();
    }
    int minutes = shortest + policy.bufferMinutes();
    usefulSlots = (minutes + policy.slotMinutes() - 1) / policy.slotMinutes();
  }

  /** Whether multi-table units come from the depth-first search rather than the catalog. */
  private static boolean multiBySearch(Catalog catalog, SeatingPolicy policy, int party) {
    return catalog.tooLarge || !policy.adjacencyRequired(party);
  }

  /**
   * Whether a search for a party lists catalog units only (no depth-first search), in the catalog's
   * order.
   */
  static boolean catalogOnly(Catalog catalog, SeatingPolicy policy, int party) {
    return !multiBySearch(catalog, policy, party) || policy.kMax() <= 1;
  }

  boolean isFree(int table) {
    return freeTables.isFree(table);
  }

  private boolean pastDeadline() {
    if (deadline != Long.MAX_VALUE && (examined & 63) == 0 && time.nanoTime() - deadline > 0) {
      complete = false;
      stopped = true;
      return true;
    }
    return false;
  }

  /** Enumerates every free unit that can seat the party, until the sink or the budget stops. */
  void forEach(Sink sink) {
    forEach(0, sink);
  }

  /**
   * Enumerates the free units that can seat the party from a catalog unit index on: the units a
   * whole enumeration would offer from the first one at {@code fromUnit} or after, then those of
   * the depth-first search, until the sink or the budget stops.
   */
  void forEach(int fromUnit, Sink sink) {
    if (zoneIndex == -2) {
      return;
    }
    int hi = Math.min(party + policy.maxOverage(), catalog.maxCapacity);
    if (party <= catalog.maxCapacity) {
      int from = Math.max(catalog.unitsFromCapacity[party], fromUnit);
      int to = catalog.unitsFromCapacity[hi + 1];
      for (int u = from; u < to; u++) {
        examined++;
        if (pastDeadline()) {
          return;
        }
        int[] ts = catalog.unitTables[u];
        if (multiBySearch && ts.length > 1 && !catalog.unitPredefined[u]) {
          continue;
        }
        if (party < catalog.unitMin[u] || party > catalog.unitMax[u]) {
          rejectedLimits++;
          continue;
        }
        if (zoneIndex >= 0 && catalog.unitZone[u] != zoneIndex) {
          rejectedZone++;
          continue;
        }
        fitsIgnoringOccupancy = true;
        if (!freeTables.allFree(catalog.unitMask[u])) {
          rejectedOccupied++;
          continue;
        }
        if (!sink.accept(
            u, ts, catalog.unitMask[u], catalog.unitCapacity[u], catalog.unitStaticScore[u])) {
          return;
        }
      }
    }
    if (multiBySearch && policy.kMax() > 1) {
      int[] candidates = eligible(true);
      depthFirst(candidates, 0, new int[policy.kMax()], 0, 0, sink, true);
    }
  }

  /** Active, combinable tables in the required zone, optionally only the free ones. */
  private int[] eligible(boolean onlyFree) {
    int[] out = new int[catalog.tableCount];
    int k = 0;
    for (int i = 0; i < catalog.tableCount; i++) {
      if (catalog.active[i]
          && catalog.combinable[i]
          && (zoneIndex < 0 || catalog.zone[i] == zoneIndex)
          && (!onlyFree || isFree(i))) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** Returns false when stopped. */
  private boolean depthFirst(
      int[] candidates, int start, int[] chosen, int size, int capacity, Sink sink, boolean emit) {
    int hi = party + policy.maxOverage();
    for (int c = start; c < candidates.length; c++) {
      int t = candidates[c];
      int cap = capacity + catalog.capacity[t];
      if (cap > hi) {
        continue;
      }
      if (size > 0 && policy.sameZone() && catalog.zone[t] != catalog.zone[chosen[0]]) {
        continue;
      }
      chosen[size] = t;
      if (size + 1 >= 2 && cap >= party) {
        examined++;
        if (pastDeadline()) {
          return false;
        }
        int[] unit = Arrays.copyOf(chosen, size + 1);
        if (catalog.predefinedKeys.contains(Arrays.toString(unit))) {
          // predefined combinations come from the catalog with their own limits
        } else if (policy.adjacencyRequired(party)
            && !catalog.satisfies(unit, policy.adjacencyMode())) {
          // not a valid combination
        } else {
          fitsIgnoringOccupancy = true;
          if (emit
              && !sink.accept(-1, unit, null, cap, catalog.staticScore(unit, policy.scoring()))) {
            stopped = true;
            return false;
          }
          if (!emit) {
            return false;
          }
        }
      }
      if (size + 1 < policy.kMax()) {
        if (!depthFirst(candidates, c + 1, chosen, size + 1, cap, sink, emit)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether any unit could seat the party if every table were free (the difference between {@code
   * PARTY_TOO_LARGE} and {@code NO_CAPACITY}).
   */
  boolean anyFitsIgnoringOccupancy() {
    if (fitsIgnoringOccupancy || zoneIndex == -2) {
      return fitsIgnoringOccupancy;
    }
    if (multiBySearch && policy.kMax() > 1) {
      int[] candidates = eligible(false);
      depthFirst(candidates, 0, new int[policy.kMax()], 0, 0, (u, t, m, c, s) -> false, false);
    }
    return fitsIgnoringOccupancy;
  }

  /**
   * Slots of free time the window would leave unusable on a table: on each side, a free gap that
   * ends at another booking (within four shortest turns) can hold whole bookings of the shortest
   * turn plus buffer; what is left over ({@code gap % usefulSlots}) can never be sold. Open gaps
   * count nothing.
   */
  int fragmentation(int t) {
    short[] known = fragmentation;
    if (known == null) {
      known = new short[catalog.tableCount];
      fragmentation = known;
    }
    short f = known[t];
    if (f > 0) {
      return f - 1;
    }
    long s = window.firstSlot();
    long e = window.endSlot();
    int limit = 4 * usefulSlots;
    int before = occupancy.freeRunBefore(t, s, limit);
    int after = occupancy.freeRunAfter(t, e, limit);
    int waste = 0;
    if (before < limit) {
      waste += before % usefulSlots;
    }
    if (after < limit) {
      waste += after % usefulSlots;
    }
    known[t] = (short) (waste + 1);
    return waste;
  }

  double score(int[] tables, int capacity, double staticScore) {
    ScoringWeights w = policy.scoring();
    double s = (capacity - party) * w.emptySeat() * demand + staticScore;
    if (w.fragmentation() != 0) {
      int slivers = 0;
      for (int t : tables) {
        slivers += fragmentation(t);
      }
      s += slivers * w.fragmentation();
    }
    return s;
  }

  ScoreBreakdown breakdown(int[] tables, int capacity, double lookahead) {
    ScoringWeights w = policy.scoring();
    double scarcity = 0;
    int slivers = 0;
    for (int t : tables) {
      scarcity += catalog.scarcity[t];
      slivers += fragmentation(t);
    }
    double scarcityTerm = scarcity * w.scarcity();
    double combination = catalog.staticScore(tables, w) - scarcityTerm;
    return new ScoreBreakdown(
        (capacity - party) * w.emptySeat() * demand,
        combination,
        slivers * w.fragmentation(),
        scarcityTerm,
        lookahead);
  }

  PlanOption option(
      int[] tables, int capacity, double score, double lookahead, List<String> blocked) {
    List<String> ids = new ArrayList<>(tables.length);
    for (int t : tables) {
      ids.add(catalog.floor.tables().get(t).id());
    }
    return new PlanOption(
        ids, capacity, capacity - party, score, breakdown(tables, capacity, lookahead), blocked);
  }

  /** The best {@code k} plans, ranked by score then capacity, size and table ids. */
  List<PlanOption> top(int k) {
    TopK best = new TopK(Math.min(k, 1024), k);
    forEach(
        (unit, tables, mask, capacity, staticScore) -> {
          best.offer(tables, capacity, score(tables, capacity, staticScore));
          return true;
        });
    List<PlanOption> out = new ArrayList<>(best.size);
    for (int i = 0; i < best.size; i++) {
      out.add(option(best.tables[i], best.capacity[i], best.score[i], 0, List.of()));
    }
    return out;
  }

  Map<Rejection, Long> rejections() {
    Map<Rejection, Long> out = new EnumMap<>(Rejection.class);
    put(out, Rejection.OCCUPIED, rejectedOccupied);
    put(out, Rejection.ZONE, rejectedZone);
    put(out, Rejection.PARTY_LIMITS, rejectedLimits);
    put(out, Rejection.LOOKAHEAD, rejectedLookahead);
    return out;
  }

  private static void put(Map<Rejection, Long> out, Rejection r, long n) {
    if (n > 0) {
      out.put(r, n);
    }
  }

  void rejectByLookahead() {
    rejectedLookahead++;
  }

  boolean stopped() {
    return stopped;
  }

  /** Deterministic order of candidates: score, then capacity, size and table indices. */
  static int compare(double s1, int c1, int[] t1, double s2, int c2, int[] t2) {
    int r = Double.compare(s1, s2);
    if (r != 0) {
      return r;
    }
    r = Integer.compare(c1, c2);
    if (r != 0) {
      return r;
    }
    r = Integer.compare(t1.length, t2.length);
    return r != 0 ? r : Arrays.compare(t1, t2);
  }

  /** The k best candidates, kept sorted; grows its arrays on demand up to k. */
  static final class TopK {
    final int limit;
    int size;
    double[] score;
    int[] capacity;
    int[][] tables;

    TopK(int initial, int limit) {
      this.limit = limit;
      score = new double[Math.max(1, initial)];
      capacity = new int[score.length];
      tables = new int[score.length][];
    }

    /** Whether it holds {@code limit} candidates. */
    boolean full() {
      return size == limit;
    }

    /** Whether a full top-k would turn this candidate away (it ranks at or after the last). */
    boolean rejects(int[] t, int c, double s) {
      return compare(s, c, t, score[size - 1], capacity[size - 1], tables[size - 1]) >= 0;
    }

    void offer(int[] t, int c, double s) {
      if (size == limit && rejects(t, c, s)) {
        return;
      }
      int pos = size;
      while (pos > 0 && compare(s, c, t, score[pos - 1], capacity[pos - 1], tables[pos - 1]) < 0) {
        pos--;
      }
      if (size < limit) {
        if (size == score.length) {
          int grown = Math.min(limit, score.length * 2);
          score = Arrays.copyOf(score, grown);
          capacity = Arrays.copyOf(capacity, grown);
          tables = Arrays.copyOf(tables, grown);
        }
        size++;
      }
      int moved = size - 1 - pos;
      if (moved > 0) {
        System.arraycopy(score, pos, score, pos + 1, moved);
        System.arraycopy(capacity, pos, capacity, pos + 1, moved);
        System.arraycopy(tables, pos, tables, pos + 1, moved);
      }
      score[pos] = s;
      capacity[pos] = c;
      tables[pos] = t;
    }
  }
}
