package dev.capacity.internal.planner;

import dev.capacity.Occupancy;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The free units that could seat a known booking (the lookahead's question), kept across quotes of
 * one catalog: an answer found under one occupancy is carried over to a later one when the tables
 * that changed in between only became busy, by dropping the units that use them. Quotes of an
 * auto-assign run each add a claim or two to the occupancy before them, so most answers carry over
 * for the cost of a pass over the tables ({@link Occupancy#markChangedTables(Occupancy, long[])}).
 *
 * <p>An answer carried over is the answer a new search would give: the units are kept in the
 * search's order, and the count of disjoint units, with its cut-off past the largest plan, is
 * counted again over what is left. An answer cut off early, whose kept units no longer reach the
 * cut-off, is completed by resuming the search at the catalog unit after the one it was cut at:
 * every unit before that one was either listed (and is kept unless it uses a table now busy) or was
 * busy then and still is, since no table became free. Answers are carried over only for searches
 * that list catalog units (the depth-first search for units outside the catalog is searched
 * afresh), and never when a table became free (a released hold, a fresh read).
 *
 * <p>Thread-safe: the memo is a concurrent map of immutable answers, emptied when it reaches
 * {@value #MOST} entries. Quotes over different occupancies (another run, a request quote) only
 * make each other search afresh.
 */
final class FreeUnits {
  /** Most answers kept per catalog. */
  static final int MOST = 1024;

  /**
   * What a known booking's free units depend on, besides the occupancy. Hashed by {@link KeyHash}:
   * one quote looks up many keys that differ only in their slots.
   */
  record Key(int party, @Nullable String zone, long firstSlot, long endSlot) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k
          && party == k.party
          && firstSlot == k.firstSlot
          && endSlot == k.endSlot
          && Objects.equals(zone, k.zone);
    }

    @Override
    public int hashCode() {
      return KeyHash.of(party, Objects.hashCode(zone), firstSlot, endSlot);
    }
  }

  /**
   * Free units as table masks, in the search's order, with their catalog unit indexes (-1 for a
   * unit of the depth-first search); how many of them are disjoint (counted greedily, capped one
   * past the largest plan); whether the search listed every free unit; the tables of all the units
   * listed. A catalog unit's mask is the catalog's own array, shared: no mask is ever modified, nor
   * the other arrays.
   */
  record Found(List<long[]> free, int[] units, int disjoint, boolean complete, long[] tables) {
    /**
     * The catalog unit index a search cut off here resumes at: the one after the last unit listed.
     */
    int resumeAt() {
      return units.length == 0 ? 0 : units[units.length - 1] + 1;
    }
  }

  /** Lists free units into a collector: what a search for one key does. */
  interface Lister {
    /**
     * Adds the free units, in the search's order, from the first catalog unit at {@code fromUnit}
     * or after (0: every unit, the depth-first search's included), until the collector refuses one.
     *
     * @param into the collector
     * @param fromUnit the first catalog unit index to consider
     */
    void list(Collector into, int fromUnit);
  }

  /**
   * An answer and the occupancy it was found under, held weakly: a memo must not keep the
   * occupancies of past quotes alive (each can hold a day of bitsets and entries). Once the
   * occupancy is collected the answer cannot be carried over and the next quote searches afresh.
   * The answers kept by one quote share one reference ({@link Changes#weakOccupancy}).
   */
  private record Memo(WeakReference<Occupancy> occupancy, Found found) {}

  private final ConcurrentHashMap<Key, Memo> memo = new ConcurrentHashMap<>();

  /**
   * The tables changed between one quote's occupancy and earlier ones, per earlier occupancy and
   * slot range: the answers of one quote were mostly found under the same few occupancies and over
   * the same slots, so each comparison is made once per quote. The tables changed at any slot are
   * found once per earlier occupancy, in one pass over the tables; each slot range then compares
   * only those (a quote compares its occupancy with one or two earlier ones over some twenty
   * ranges, and a claim or two changes a handful of tables).
   *
   * <p>Not thread-safe: one instance per quote.
   */
  static final class Changes {
    /** An earlier occupancy (by identity: occupancies do not override equals) and slot range. */
    private record At(Occupancy earlier, long firstSlot, long endSlot) {
      @Override
      public boolean equals(@Nullable Object o) {
        return o instanceof At a
            && earlier == a.earlier
            && firstSlot == a.firstSlot
            && endSlot == a.endSlot;
      }

      @Override
      public int hashCode() {
        return KeyHash.of(System.identityHashCode(earlier), firstSlot, endSlot, 0);
      }
    }

    private final Occupancy occupancy;
    private final int words;
    // sized for the slot ranges of a quote, so that filling it seldom rehashes
    private final Map<At, long[]> known = new HashMap<>(64);

    /** Per earlier occupancy (by identity), the tables changed at any slot. */
    private final Map<Occupancy, long[]> changedAnywhere = new IdentityHashMap<>();

    private @Nullable WeakReference<Occupancy> weakOccupancy;

    Changes(Occupancy occupancy, int words) {
      this.occupancy = occupancy;
      this.words = words;
    }

    /** The quote's occupancy held weakly, one reference shared by every answer the quote keeps. */
    WeakReference<Occupancy> weakOccupancy() {
      WeakReference<Occupancy> w = weakOccupancy;
      if (w == null) {
        w = new WeakReference<>(occupancy);
        weakOccupancy = w;
      }
      return w;
    }

    /** The tables whose state over the slots differs between the quote's and an earlier one. */
    long[] since(Occupancy earlier, long firstSlot, long endSlot) {
      return known.computeIfAbsent(
          new At(earlier, firstSlot, endSlot),
          a -> {
            long[] anywhere =
                changedAnywhere.computeIfAbsent(
                    a.earlier(),
                    e -> {
                      long[] any = new long[words];
                      occupancy.markChangedTables(e, any);
                      return any;
                    });
            long[] changed = new long[words];
            occupancy.markChangedTables(a.earlier(), a.firstSlot(), a.endSlot(), anywhere, changed);
            return changed;
          });
    }
  }

  /** Collects free units in order, counting disjoint ones until one past the largest plan. */
  static final class Collector {
    private final List<long[]> free = new ArrayList<>();
    private int[] units = new int[16];
    private final long[] union;
    private final long[] all;
    private final int largestPlan;
    private int disjoint;
    private boolean cut;

    Collector(int words, int largestPlan) {
      this.union = new long[words];
      this.all = new long[words];
      this.largestPlan = largestPlan;
    }

    /**
     * Adds a unit; false once there are more disjoint units than the largest plan has tables.
     *
     * @param mask the unit's tables
     * @param unit the unit's catalog index, or -1 for a unit of the depth-first search
     */
    boolean add(long[] mask, int unit) {
      if (free.size() == units.length) {
        units = Arrays.copyOf(units, units.length * 2);
      }
      units[free.size()] = unit;
      free.add(mask);
      boolean apart = true;
      for (int w = 0; w < mask.length; w++) {
        apart &= (union[w] & mask[w]) == 0;
        all[w] |= mask[w];
      }
      if (!apart) {
        return true;
      }
      for (int w = 0; w < mask.length; w++) {
        union[w] |= mask[w];
      }
      // a plan of at most largestPlan tables meets at most that many disjoint units
      if (++disjoint > largestPlan) {
        cut = true;
        return false;
      }
      return true;
    }

    Found found() {
      return new Found(
          List.copyOf(free), Arrays.copyOf(units, free.size()), disjoint, !cut, all.clone());
    }
  }

  /**
   * The free units for a key under an occupancy: carried over from the last answer for the key when
   * possible, else searched.
   *
   * @param key the known booking's party, zone and slots
   * @param changes the quote's occupancy and its comparisons so far
   * @param freeTables which tables are free over the key's slots in that occupancy
   * @param words words of a table mask
   * @param largestPlan the catalog's largest unit, in tables
   * @param carryable whether the search lists catalog units only
   * @param search the search for the key under the quote's occupancy
   * @return the answer
   */
  Found get(
      Key key,
      Changes changes,
      FreeTables freeTables,
      int words,
      int largestPlan,
      boolean carryable,
      Lister search) {
    Occupancy occupancy = changes.occupancy;
    Memo m = memo.get(key);
    Occupancy earlier = m == null ? null : m.occupancy().get();
    if (m != null && earlier == occupancy) {
      return m.found();
    }
    Found found = null;
    if (m != null && earlier != null && carryable) {
      found = carried(earlier, m.found(), key, changes, freeTables, words, largestPlan, search);
    }
    if (found == null) {
      Collector c = new Collector(words, largestPlan);
      search.list(c, 0);
      found = c.found();
    }
    if (memo.size() >= MOST) {
      memo.clear();
    }
    memo.put(key, new Memo(changes.weakOccupancy(), found));
    return found;
  }

  /** The earlier answer carried over to this occupancy, or null when it cannot be. */
  private static @Nullable Found carried(
      Occupancy earlier,
      Found before,
      Key key,
      Changes changes,
      FreeTables freeTables,
      int words,
      int largestPlan,
      Lister search) {
    long[] changed = changes.since(earlier, key.firstSlot(), key.endSlot());
    boolean any = false;
    for (int w = 0; w < words; w++) {
      long c = changed[w];
      any |= c != 0;
      while (c != 0) {
        int t = (w << 6) + Long.numberOfTrailingZeros(c);
        c &= c - 1;
        if (freeTables.isFree(t)) {
          return null; // became free: units the earlier answer never listed may be free now
        }
      }
    }
    if (!any || !meets(before.tables(), changed)) {
      return before; // no listed unit uses a changed table: the same answer
    }
    List<long[]> free = before.free();
    Collector kept = new Collector(words, largestPlan);
    int[] units = before.units();
    for (int i = 0; i < units.length; i++) {
      long[] unit = free.get(i);
      if (!meets(unit, changed) && !kept.add(unit, units[i])) {
        return kept.found(); // cut off within what was listed, as a new search would be
      }
    }
    if (!before.complete()) {
      search.list(kept, before.resumeAt()); // go on where the earlier search stopped
    }
    return kept.found();
  }

  private static boolean meets(long[] unit, long[] tables) {
    for (int w = 0; w < unit.length; w++) {
      if ((unit[w] & tables[w]) != 0) {
        return true;
      }
    }
    return false;
  }
}
