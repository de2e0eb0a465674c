package dev.capacity.internal.planner;

import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.LookaheadMode;
import dev.capacity.Occupancy;
import dev.capacity.PlanOption;
import dev.capacity.QuoteRequest;
import dev.capacity.SeatingPolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lookahead for one quote (pitfall P2.7): the known, not yet assigned bookings whose windows
 * overlap the quoted one and start within the horizon, each with the free units that could seat it
 * now. A candidate plan leaves such a booking unseatable when every one of those units shares a
 * table with the plan; soft mode adds the lookahead weight per such booking to the plan's score,
 * hard mode drops the plan.
 *
 * <p>Implementation note: known bookings with the same party, zone and slots have the same free
 * units, so each such group is searched once per quote (bookings cluster on popular times and party
 * sizes), searches over the same slots share which tables are free ({@link FreeTables}), and
 * answers carry over from one quote to the next where the occupancy allows ({@link FreeUnits}). The
 * nearest bookings come first: the known ones are ordered by distance as packed numbers, and the
 * bookings weighed within each run of equal distance by id (runs are long, since bookings share
 * start times, and few of a run are weighed, so only those are sorted; the whole of the last run is
 * judged even when the cap on bookings is reached within it). Whether a known booking is already
 * placed in the occupancy (two entry look-ups) is asked last, of the few bookings that would
 * otherwise be weighed.
 *
 * <p>Not thread-safe: one instance per quote.
 */
final class Lookahead {
  /** A slot range: searches over the same one share their free tables. */
  private record Slots(long first, long end) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Slots s && first == s.first && end == s.end;
    }

    @Override
    public int hashCode() {
      return KeyHash.of(first, end, 0, 0);
    }
  }

  /** A known booking the lookahead weighs, with its free units. */
  private record Weighed(String id, List<long[]> free) {}

  private static final Comparator<Weighed> BY_ID = Comparator.comparing(Weighed::id);

  private final SeatingPolicy policy;
  private final Catalog catalog;
  private final Occupancy occupancy;
  // sized for the slot ranges of a quote's known bookings, so that filling it seldom rehashes
  private final Map<Slots, FreeTables> freeTables = new HashMap<>(64);
  private final FreeUnits.Changes changes;
  private final List<String> ids = new ArrayList<>();
  private final List<List<long[]>> units = new ArrayList<>();

  Lookahead(
      Catalog catalog,
      SeatingPolicy policy,
      Occupancy occupancy,
      QuoteRequest request,
      Booking booking,
      BookingWindow window,
      ZoneId zone) {
    this.policy = policy;
    this.catalog = catalog;
    this.occupancy = occupancy;
    this.changes = new FreeUnits.Changes(occupancy, catalog.tableWords);
    long horizon = policy.lookahead().horizon().getSeconds();
    long at = booking.start().getEpochSecond();
    // a start at or after this instant falls in the window's end slot or later
    Instant windowEnd = policy.slotStart(window.endSlot());
    List<Booking> known = request.knownUnassigned();
    long[] order = new long[known.size()];
    int n = nearestFirst(known, at, horizon, booking.id(), order);
    int words = catalog.tableWords;
    int largestPlan = catalog.largestUnit();
    int most = policy.lookahead().maxBookings();
    // sized for the keys of a quote's known bookings, so that filling it seldom rehashes
    Map<FreeUnits.Key, FreeUnits.Found> searched = new HashMap<>(128);
    List<Weighed> tied = new ArrayList<>();
    // the last booking judged, its window and answer: bookings of one start and party come in a row
    Booking last = null;
    BookingWindow lastWindow = null;
    FreeUnits.Found lastFound = null;
    for (int r = 0; r < n && ids.size() < most; ) {
      // one run of equal distance: every booking of it judged, those weighed taken in id order
      long distance = order[r] >>> 31;
      tied.clear();
      for (; r < n && order[r] >>> 31 == distance; r++) {
        Booking k = known.get((int) (order[r] & 0x7FFF_FFFF));
        if (!k.start().isBefore(windowEnd)) {
          continue; // starts after the quoted window: no overlap, whatever its turn time
        }
        Booking previous = last;
        boolean asLast = previous != null && sameWindow(previous, k);
        // null: outside every service period, or no turn time
        BookingWindow kw = asLast ? lastWindow : catalog.knownWindow(k, zone);
        boolean sameAnswer =
            previous != null
                && asLast
                && lastFound != null
                && Objects.equals(previous.zone(), k.zone());
        last = k;
        lastWindow = kw;
        if (kw == null || !kw.overlaps(window)) {
          lastFound = null;
          continue;
        }
        FreeUnits.Found found = sameAnswer ? lastFound : null;
        if (found == null) {
          FreeUnits.Key key =
              new FreeUnits.Key(k.partySize(), k.zone(), kw.firstSlot(), kw.endSlot());
          found = searched.get(key);
          if (found == null) {
            found = freeUnits(key, kw, words, largestPlan);
            searched.put(key, found);
          }
        }
        lastFound = found;
        // placed last: the known bookings are usually unplaced (a store lists those), and most
        // are turned away above; the answer for the key does not depend on the booking
        if (!found.free().isEmpty()
            && found.disjoint() <= largestPlan
            && !DefaultPlanner.placed(occupancy, k.id())) {
          tied.add(new Weighed(k.id(), found.free()));
        }
      }
      if (tied.size() > 1) {
        tied.sort(BY_ID);
      }
      for (int i = 0; i < tied.size() && ids.size() < most; i++) {
        ids.add(tied.get(i).id());
        units.add(tied.get(i).free());
      }
    }
  }

  /** Whether two known bookings have the same window: the same start, end and party. */
  private static boolean sameWindow(Booking a, Booking b) {
    return a.partySize() == b.partySize()
        && a.start().equals(b.start())
        && Objects.equals(a.end(), b.end());
  }

  /**
   * Orders the known bookings a lookahead may weigh nearest first, into {@code order}: each as
   * {@code (distance in seconds from at, capped at 2^32 - 1) << 31 | index}, ascending as numbers,
   * so bookings at the same distance come in index order. Left out: bookings farther than the
   * horizon, the quoted one, and those whose status cannot be assigned.
   *
   * <p>Implementation note: a list sorted by start (as stores list unplaced bookings) has its
   * distances falling up to {@code at} and rising from there, so its order is a merge of the two
   * sides, the earlier side read backwards a run of equal distance at a time (each run in index
   * order, and before the later side's equal distances, whose indexes are higher). Any other list
   * is sorted.
   *
   * @param known the known bookings
   * @param at the quoted booking's start, epoch seconds
   * @param horizon the lookahead's horizon, seconds
   * @param self the quoted booking's id
   * @param order receives the packed bookings; at least as long as {@code known}
   * @return how many bookings were ordered
   */
  static int nearestFirst(List<Booking> known, long at, long horizon, String self, long[] order) {
    long[] byIndex = new long[known.size()];
    int n = 0;
    int before = 0; // how many kept bookings start before at
    boolean sorted = true;
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < known.size(); i++) {
      Booking k = known.get(i);
      long start = k.start().getEpochSecond();
      long distance = Math.abs(start - at);
      if (distance > horizon || k.id().equals(self) || !k.status().assignable()) {
        continue;
      }
      sorted &= start >= previous;
      previous = start;
      if (start < at) {
        before++;
      }
      byIndex[n++] = (Math.min(distance, 0xFFFF_FFFFL) << 31) | i;
    }
    if (!sorted) {
      System.arraycopy(byIndex, 0, order, 0, n);
      Arrays.sort(order, 0, n);
      return n;
    }
    int lo = before - 1; // the earlier side, read downwards
    int hi = before; // the later side, read upwards
    int out = 0;
    while (lo >= 0 || hi < n) {
      long left = lo >= 0 ? byIndex[lo] >>> 31 : Long.MAX_VALUE;
      long right = hi < n ? byIndex[hi] >>> 31 : Long.MAX_VALUE;
      if (left <= right) {
        int from = lo;
        while (from > 0 && byIndex[from - 1] >>> 31 == left) {
          from--;
        }
        System.arraycopy(byIndex, from, order, out, lo - from + 1);
        out += lo - from + 1;
        lo = from - 1;
      } else {
        order[out++] = byIndex[hi++];
      }
    }
    return n;
  }

  /**
   * Which tables are free over a window's slots, shared by every search of this quote over them.
   *
   * @param window the window
   * @return the shared free tables
   */
  FreeTables freeTables(BookingWindow window) {
    return freeTables.computeIfAbsent(
        new Slots(window.firstSlot(), window.endSlot()),
        s -> new FreeTables(occupancy, s.first(), s.end(), catalog.tableCount));
  }

  /** The free units that could seat a known booking now, as table masks. */
  private FreeUnits.Found freeUnits(
      FreeUnits.Key key, BookingWindow kw, int words, int largestPlan) {
    FreeTables free = freeTables(kw);
    return catalog.freeUnits.get(
        key,
        changes,
        free,
        words,
        largestPlan,
        Search.catalogOnly(catalog, policy, key.party()),
        lister(catalog, policy, occupancy, free, kw, key));
  }

  /** The search for a known booking's free units over its window's free tables. */
  static FreeUnits.Lister lister(
      Catalog catalog,
      SeatingPolicy policy,
      Occupancy occupancy,
      FreeTables free,
      BookingWindow kw,
      FreeUnits.Key key) {
    int words = catalog.tableWords;
    return (into, fromUnit) ->
        new Search(
                catalog,
                policy,
                occupancy,
                free,
                kw,
                key.party(),
                key.zone(),
                1.0,
                dev.capacity.spi.TimeSource.system(),
                Long.MAX_VALUE)
            .forEach(
                fromUnit,
                (unit, tables, unitMask, capacity, staticScore) -> {
                  if (unitMask != null) {
                    return into.add(unitMask, unit); // the catalog's own, shared: never modified
                  }
                  long[] mask = new long[words];
                  maskOf(tables, mask);
                  return into.add(mask, unit);
                });
  }

  int size() {
    return ids.size();
  }

  /** Sets {@code mask} to the tables of a plan. */
  private static void maskOf(int[] plan, long[] mask) {
    Arrays.fill(mask, 0L);
    for (int t : plan) {
      mask[t >>> 6] |= 1L << t;
    }
  }

  /** Whether the known booking {@code k} keeps a free unit that shares no table with the mask. */
  private boolean seatableBeside(int k, long[] mask) {
    for (long[] unit : units.get(k)) {
      boolean disjoint = true;
      for (int w = 0; w < mask.length; w++) {
        if ((unit[w] & mask[w]) != 0) {
          disjoint = false;
          break;
        }
      }
      if (disjoint) {
        return true;
      }
    }
    return false;
  }

  /** How many known bookings a plan leaves unseatable; stops at the first when {@code any}. */
  private int blockedCount(long[] mask, boolean any) {
    int n = 0;
    for (int k = 0; k < ids.size(); k++) {
      if (!seatableBeside(k, mask)) {
        n++;
        if (any) {
          return n;
        }
      }
    }
    return n;
  }

  /** The known bookings a plan leaves unseatable, in this lookahead's order. */
  private List<String> blockedBy(int[] plan, int words) {
    long[] mask = new long[words];
    maskOf(plan, mask);
    List<String> blocked = new ArrayList<>(0);
    for (int k = 0; k < ids.size(); k++) {
      if (!seatableBeside(k, mask)) {
        blocked.add(ids.get(k));
      }
    }
    return blocked;
  }

  /**
   * Ranks every candidate of the search with the lookahead applied; returns the best k.
   *
   * <p>Implementation note: the best k are kept as the search goes ({@link Search.TopK}); since the
   * lookahead only adds a non-negative penalty, a candidate whose score without it cannot enter the
   * best k is not weighed at all (in soft mode; hard mode weighs every candidate, whose rejections
   * the diagnostics count). The winners' blocked bookings are listed at the end.
   */
  List<PlanOption> rank(Search search, int k) {
    int words = search.catalog.tableWords;
    boolean hard = policy.lookahead().mode() == LookaheadMode.HARD;
    double weight = policy.scoring().lookahead();
    long[] mask = new long[words];
    Search.TopK best = new Search.TopK(Math.min(k, 1024), k);
    search.forEach(
        (unit, tables, unitMask, capacity, staticScore) -> {
          double score = search.score(tables, capacity, staticScore);
          if (ids.isEmpty()) {
            best.offer(tables, capacity, score);
            return true;
          }
          if (!hard && best.full() && best.rejects(tables, capacity, score)) {
            return true; // a penalty cannot lift it into the best k
          }
          long[] planMask = unitMask;
          if (planMask == null) {
            maskOf(tables, mask);
            planMask = mask;
          }
          int blocked = blockedCount(planMask, hard);
          if (hard && blocked > 0) {
            search.rejectByLookahead();
            return true;
          }
          best.offer(tables, capacity, score + weight * blocked);
          return true;
        });
    List<PlanOption> out = new ArrayList<>(best.size);
    for (int i = 0; i < best.size; i++) {
      List<String> blocked = ids.isEmpty() ? List.of() : blockedBy(best.tables[i], words);
      out.add(
          search.option(
              best.tables[i], best.capacity[i], best.score[i], weight * blocked.size(), blocked));
    }
    return out;
  }
}
