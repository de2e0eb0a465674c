package dev.capacity;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What occupies a restaurant's tables: assignments, live holds and blocks, indexed per table by
 * absolute slot ({@code epochMinute / slotMinutes}) for fast availability tests, plus the covers
 * per pacing window. A value: every change returns a new instance and shares the unchanged parts.
 *
 * <p>An occupancy is built for one floor plan, policy and time zone; entries must name tables of
 * that floor plan. Expired holds are the caller's to leave out (stores build snapshots with live
 * holds only).
 *
 * <p>Implementation note: each table has a packed bitset of slots ({@code long} words over one
 * shared word range that grows as entries arrive); a slot's bit is set when any entry covers it.
 * Removing an entry recomputes the bits of its tables from the remaining entries, so overlapping
 * entries (a block over a booking) are handled exactly.
 *
 * <p>Immutable and thread-safe.
 */
public final class Occupancy {
  private static final long[] NO_WORDS = new long[0];
  private static final Comparator<OccupancyEntry> ORDER =
      Comparator.comparing(OccupancyEntry::kind).thenComparing(OccupancyEntry::owner);

  private final FloorPlan floor;
  private final SeatingPolicy policy;
  private final ZoneId zone;
  private final OccupancyEntries entries;
  private final long baseWord;
  private final long[][] bits; // [table index][word - baseWord]
  private final Map<Long, Integer> pacingCovers;
  private final long revision;

  private Occupancy(
      FloorPlan floor,
      SeatingPolicy policy,
      ZoneId zone,
      OccupancyEntries entries,
      long baseWord,
      long[][] bits,
      Map<Long, Integer> pacingCovers,
      long revision) {
    this.floor = floor;
    this.policy = policy;
    this.zone = zone;
    this.entries = entries;
    this.baseWord = baseWord;
    this.bits = bits;
    this.pacingCovers = pacingCovers;
    this.revision = revision;
  }

  /**
   * An occupancy with nothing in it.
   *
   * @param floor the floor plan
   * @param policy the policy (slot length, pacing)
   * @param zone the restaurant's time zone (pacing windows)
   * @return the empty occupancy
   */
  public static Occupancy empty(FloorPlan floor, SeatingPolicy policy, ZoneId zone) {
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(zone, "zone");
    long[][] bits = new long[floor.tables().size()][];
    java.util.Arrays.fill(bits, NO_WORDS);
    return new Occupancy(floor, policy, zone, OccupancyEntries.EMPTY, 0, bits, Map.of(), 0);
  }

  /**
   * Adds an entry, replacing any entry of the same kind and owner.
   *
   * @param entry the entry
   * @return the new occupancy
   * @throws IllegalArgumentException if the entry names a table unknown to the floor plan
   */
  public Occupancy with(OccupancyEntry entry) {
    return withAll(List.of(entry));
  }

  /**
   * Adds entries, each replacing any entry of the same kind and owner.
   *
   * @param added the entries
   * @return the new occupancy
   * @throws IllegalArgumentException if an entry names a table unknown to the floor plan
   */
  @SuppressWarnings("ReferenceEquality") // identity tells whether a word array is still shared
  public Occupancy withAll(Collection<OccupancyEntry> added) {
    if (added.isEmpty()) {
      return this;
    }
    for (OccupancyEntry e : added) {
      for (String t : e.tables()) {
        if (floor.indexOf(t) < 0) {
          throw new IllegalArgumentException(
              e.kind()
                  + " '"
                  + e.owner()
                  + "' names a table unknown to the floor plan: '"
                  + t
                  + "'");
        }
      }
    }
    List<OccupancyEntry> replaced = new ArrayList<>();
    OccupancyEntries next = entries.with(added, replaced);
    if (!replaced.isEmpty()) {
      return rebuild(next, tablesOf(replaced, added), added, null);
    }
    Grid grid = gridCovering(added);
    for (OccupancyEntry e : added) {
      long s = firstSlot(e);
      long end = endSlot(e);
      for (String t : e.tables()) {
        int i = floor.indexOf(t);
        if (grid.bits[i] == bits[i] || grid.bits[i] == NO_WORDS) {
          grid.bits[i] = grid.bits[i].clone();
        }
        set(grid.bits[i], grid.baseWord, s, end);
      }
    }
    Map<Long, Integer> covers = pacingCovers;
    if (policy.pacing() != null) {
      covers = new HashMap<>(pacingCovers);
      for (OccupancyEntry e : added) {
        addCovers(covers, e);
      }
      covers = Collections.unmodifiableMap(covers);
    }
    return successor(next, grid, covers);
  }

  /**
   * Removes the entry of a kind and owner, if any.
   *
   * @param kind the kind
   * @param owner the booking or block id
   * @return the new occupancy (this one when there was no such entry)
   */
  public Occupancy without(OccupancyKind kind, String owner) {
    OccupancyEntry old = entries.get(kind, owner);
    if (old == null) {
      return this;
    }
    return rebuild(entries.without(kind, owner), old.tables(), List.of(), null);
  }

  /**
   * Removes every entry of an owner (its assignment and its hold): what a booking sees when it is
   * re-quoted, so its own hold never blocks it (pitfall H1).
   *
   * @param owner the booking id
   * @return the new occupancy
   */
  public Occupancy withoutOwner(String owner) {
    if (entries.isEmpty()) {
      return this;
    }
    Occupancy o = this;
    for (OccupancyKind kind : OccupancyKind.values()) {
      o = o.without(kind, owner);
    }
    return o;
  }

  /**
   * Removes every entry that {@code remove} accepts and adds {@code added} (each replacing any
   * entry of the same kind and owner), recomputing the bits of the tables the removed entries
   * covered once: what a store does to bring a snapshot up to date with the changes since it was
   * read. The tables no entry of either kind touches keep their bits, shared with this occupancy.
   *
   * @param remove which entries to remove
   * @param added the entries to add
   * @return the new occupancy (this one when nothing is removed or added)
   * @throws IllegalArgumentException if an added entry names a table unknown to the floor plan
   */
  public Occupancy replacing(Predicate<OccupancyEntry> remove, Collection<OccupancyEntry> added) {
    Objects.requireNonNull(remove, "remove");
    Objects.requireNonNull(added, "added");
    List<OccupancyEntry> all = entries.values();
    List<OccupancyEntry> removed = new ArrayList<>();
    List<OccupancyEntry> kept = new ArrayList<>(all.size());
    for (OccupancyEntry e : all) {
      (remove.test(e) ? removed : kept).add(e);
    }
    if (removed.isEmpty()) {
      return withAll(added);
    }
    OccupancyEntries next = entries.without(removed);
    return rebuild(next, tablesOf(removed, List.of()), List.of(), kept).withAll(added);
  }

  private static List<String> tablesOf(Collection<OccupancyEntry> a, Collection<OccupancyEntry> b) {
    List<String> out = new ArrayList<>();
    a.forEach(e -> out.addAll(e.tables()));
    b.forEach(e -> out.addAll(e.tables()));
    return out;
  }

  /**
   * The next occupancy with these entries, the bits of the touched tables computed again from them.
   *
   * @param added entries new to this occupancy, which may need the word range grown (it never
   *     shrinks)
   * @param all the entries of {@code next} if the caller has them, else null
   */
  @SuppressWarnings("ReferenceEquality") // identity tells whether a word array is still shared
  private Occupancy rebuild(
      OccupancyEntries next,
      Collection<String> touched,
      Collection<OccupancyEntry> added,
      @Nullable List<OccupancyEntry> all) {
    Grid grid = gridCovering(added);
    List<OccupancyEntry> entriesNow = all != null ? all : next.values();
    // a few table ids, compared by equals: cheaper than hashing every entry's tables
    List<String> redoIds = new ArrayList<>(new java.util.LinkedHashSet<>(touched));
    for (String t : redoIds) {
      int i = floor.indexOf(t);
      grid.bits[i] = bits[i].length == 0 ? NO_WORDS : new long[grid.bits[i].length];
    }
    for (OccupancyEntry e : entriesNow) {
      for (String t : e.tables()) {
        if (!containsEqual(redoIds, t)) {
          continue;
        }
        int i = floor.indexOf(t);
        if (grid.bits[i] == NO_WORDS) {
          grid.bits[i] = new long[wordsOf(grid)];
        }
        set(grid.bits[i], grid.baseWord, firstSlot(e), endSlot(e));
      }
    }
    return successor(next, grid, pacing(entriesNow));
  }

  private static boolean containsEqual(List<String> ids, String id) {
    for (int k = 0; k < ids.size(); k++) {
      if (ids.get(k).equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** The next revision: these entries, whose words the grid holds, and these pacing covers. */
  private Occupancy successor(OccupancyEntries next, Grid grid, Map<Long, Integer> pacingCovers) {
    return new Occupancy(
        floor, policy, zone, next, grid.baseWord, grid.bits, pacingCovers, revision + 1);
  }

  /** A copy of the grid, grown to cover the words of these entries. */
  private Grid gridCovering(Collection<OccupancyEntry> covered) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (OccupancyEntry e : covered) {
      lo = Math.min(lo, firstSlot(e) >> 6);
      hi = Math.max(hi, (endSlot(e) - 1) >> 6);
    }
    return lo == Long.MAX_VALUE ? new Grid(baseWord, bits.clone()) : grow(lo, hi);
  }

  private static int wordsOf(Grid grid) {
    for (long[] w : grid.bits) {
      if (w.length > 0) {
        return w.length;
      }
    }
    return 0;
  }

  private static final class Grid {
    final long baseWord;
    final long[][] bits;

    Grid(long baseWord, long[][] bits) {
      this.baseWord = baseWord;
      this.bits = bits;
    }
  }

  /** A grid covering at least words [lo, hi]; arrays are copied only when the range grows. */
  private Grid grow(long lo, long hi) {
    int current = 0;
    for (long[] w : bits) {
      current = Math.max(current, w.length);
    }
    if (current > 0 && lo >= baseWord && hi < baseWord + current) {
      return new Grid(baseWord, bits.clone());
    }
    long newBase = current == 0 ? lo : Math.min(lo, baseWord);
    long newEnd = current == 0 ? hi : Math.max(hi, baseWord + current - 1);
    int words = Math.toIntExact(newEnd - newBase + 1);
    long[][] grown = new long[bits.length][];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i].length == 0) {
        grown[i] = new long[words];
      } else {
        grown[i] = new long[words];
        System.arraycopy(bits[i], 0, grown[i], Math.toIntExact(baseWord - newBase), bits[i].length);
      }
    }
    return new Grid(newBase, grown);
  }

  private static void set(long[] words, long baseWord, long s, long e) {
    for (long slot = s; slot < e; ) {
      long w = slot >> 6;
      int from = (int) (slot & 63);
      long wordEnd = (w + 1) << 6;
      int to = (int) (Math.min(e, wordEnd) - (w << 6)); // exclusive, 1..64
      long mask = to == 64 ? -1L << from : ((1L << to) - 1) & (-1L << from);
      words[Math.toIntExact(w - baseWord)] |= mask;
      slot = wordEnd;
    }
  }

  private long firstSlot(OccupancyEntry e) {
    return policy.slotOf(e.start());
  }

  private long endSlot(OccupancyEntry e) {
    return policy.slotAtOrAfter(e.until());
  }

  private Map<Long, Integer> pacing(List<OccupancyEntry> all) {
    if (policy.pacing() == null) {
      return Map.of();
    }
    Map<Long, Integer> covers = new HashMap<>();
    for (OccupancyEntry e : all) {
      addCovers(covers, e);
    }
    return Collections.unmodifiableMap(covers);
  }

  private void addCovers(Map<Long, Integer> covers, OccupancyEntry e) {
    if (e.kind() != OccupancyKind.BLOCK && e.partySize() > 0) {
      covers.merge(policy.pacingWindow(e.start(), zone), e.partySize(), Integer::sum);
    }
  }

  /**
   * Whether a table is free over the slots {@code [firstSlot, endSlot)}.
   *
   * @param tableIndex the table's position in the floor plan's {@link FloorPlan#tables()}
   * @param firstSlot first absolute slot
   * @param endSlot first absolute slot after the range
   * @return true when no entry covers any of the slots
   * @throws ArrayIndexOutOfBoundsException if the index is not a table of the floor plan
   */
  public boolean isFree(int tableIndex, long firstSlot, long endSlot) {
    long[] words = bits[tableIndex];
    if (words.length == 0) {
      return true;
    }
    long lastWord = baseWord + words.length - 1;
    for (long slot = firstSlot; slot < endSlot; ) {
      long w = slot >> 6;
      long wordEnd = (w + 1) << 6;
      if (w >= baseWord && w <= lastWord) {
        int from = (int) (slot & 63);
        int to = (int) (Math.min(endSlot, wordEnd) - (w << 6));
        long mask = to == 64 ? -1L << from : ((1L << to) - 1) & (-1L << from);
        if ((words[(int) (w - baseWord)] & mask) != 0) {
          return false;
        }
      }
      slot = wordEnd;
    }
    return true;
  }

  /**
   * How many consecutive free slots of a table end just before a slot, up to a limit.
   *
   * @param tableIndex the table's position in the floor plan's {@link FloorPlan#tables()}
   * @param slot the slot after the run
   * @param limit the most slots counted
   * @return the length of the free run ending at {@code slot - 1}, at most {@code limit}
   */
  public int freeRunBefore(int tableIndex, long slot, int limit) {
    long[] words = bits[tableIndex];
    int run = 0;
    long at = slot - 1; // the slot examined next, going down
    while (run < limit) {
      long w = at >> 6;
      long idx = w - baseWord;
      if (words.length == 0 || idx < 0 || idx >= words.length) {
        // beyond the stored range everything is free
        if (words.length == 0 || idx < 0) {
          return limit;
        }
        int step = (int) (at - ((long) (baseWord + words.length) << 6)) + 1;
        run += step;
        at -= step;
        continue;
      }
      int bit = (int) (at & 63);
      long below = words[(int) idx] & (bit == 63 ? -1L : (1L << (bit + 1)) - 1);
      if (below == 0) {
        run += bit + 1;
        at -= bit + 1;
        continue;
      }
      int highest = 63 - Long.numberOfLeadingZeros(below);
      run += bit - highest;
      return Math.min(run, limit);
    }
    return limit;
  }

  /**
   * How many consecutive free slots of a table start at a slot, up to a limit.
   *
   * @param tableIndex the table's position in the floor plan's {@link FloorPlan#tables()}
   * @param slot the first slot of the run
   * @param limit the most slots counted
   * @return the length of the free run starting at {@code slot}, at most {@code limit}
   */
  public int freeRunAfter(int tableIndex, long slot, int limit) {
    long[] words = bits[tableIndex];
    int run = 0;
    long at = slot;
    while (run < limit) {
      long w = at >> 6;
      long idx = w - baseWord;
      if (words.length == 0 || idx < 0 || idx >= words.length) {
        if (words.length == 0 || idx >= words.length) {
          return limit;
        }
        int step = (int) ((baseWord << 6) - at);
        run += step;
        at += step;
        continue;
      }
      int bit = (int) (at & 63);
      long above = words[(int) idx] & (-1L << bit);
      if (above == 0) {
        run += 64 - bit;
        at += 64 - bit;
        continue;
      }
      run += Long.numberOfTrailingZeros(above) - bit;
      return Math.min(run, limit);
    }
    return limit;
  }

  /**
   * Marks the tables whose state over a slot range differs from another occupancy's: for each table
   * that is free over {@code [firstSlot, endSlot)} in one of the two and not in the other, the bit
   * of its index (the floor plan's order) is set in {@code into}; other bits are left as they are.
   * Tables whose slots the two share are skipped without being read: an occupancy made from another
   * by {@link #with}, {@link #withAll}, {@link #without} or {@link #withoutOwner} shares every
   * table the change did not touch (unless the change widened the range of slots kept), so
   * comparing an occupancy with an earlier one of the same line costs little more than a pass over
   * the tables.
   *
   * @param other an occupancy of the same floor plan
   * @param firstSlot the first slot of the range
   * @param endSlot the slot after the range
   * @param into one bit per table: {@code (into[t >>> 6] >>> t) & 1}
   * @throws IllegalArgumentException if {@code other} has another number of tables, or {@code into}
   *     has fewer than {@code (tables + 63) / 64} words
   */
  public void markChangedTables(Occupancy other, long firstSlot, long endSlot, long[] into) {
    requireComparable(other, into, "into");
    boolean sameWords = baseWord == other.baseWord;
    for (int t = 0; t < bits.length; t++) {
      if (sameWords && bits[t] == other.bits[t]) {
        continue;
      }
      if (isFree(t, firstSlot, endSlot) != other.isFree(t, firstSlot, endSlot)) {
        into[t >>> 6] |= 1L << t;
      }
    }
  }

  /**
   * Marks the tables whose state differs from another occupancy's at any slot: for each table with
   * a slot occupied in one of the two and free in the other, the bit of its index is set in {@code
   * into}; other bits are left as they are. Every table that {@link #markChangedTables(Occupancy,
   * long, long, long[])} marks over some range is among them, so their mask can be handed to {@link
   * #markChangedTables(Occupancy, long, long, long[], long[])} to compare the two over many ranges
   * with one pass over the tables. Tables whose slots the two share are skipped without being read,
   * as there.
   *
   * @param other an occupancy of the same floor plan
   * @param into one bit per table: {@code (into[t >>> 6] >>> t) & 1}
   * @throws IllegalArgumentException if {@code other} has another number of tables, or {@code into}
   *     has fewer than {@code (tables + 63) / 64} words
   */
  public void markChangedTables(Occupancy other, long[] into) {
    requireComparable(other, into, "into");
    boolean sameWords = baseWord == other.baseWord;
    for (int t = 0; t < bits.length; t++) {
      if (sameWords && bits[t] == other.bits[t]) {
        continue;
      }
      if (!sameSlots(bits[t], baseWord, other.bits[t], other.baseWord)) {
        into[t >>> 6] |= 1L << t;
      }
    }
  }

  /**
   * Marks the tables among some whose state over a slot range differs from another occupancy's:
   * what {@link #markChangedTables(Occupancy, long, long, long[])} marks, restricted to the tables
   * whose bits are set in {@code among}, which are the only ones read. With {@code among} from
   * {@link #markChangedTables(Occupancy, long[])} the two mark the same tables.
   *
   * @param other an occupancy of the same floor plan
   * @param firstSlot the first slot of the range
   * @param endSlot the slot after the range
   * @param among the tables to compare, one bit per table
   * @param into one bit per table: {@code (into[t >>> 6] >>> t) & 1}
   * @throws IllegalArgumentException if {@code other} has another number of tables, or {@code
   *     among} or {@code into} has fewer than {@code (tables + 63) / 64} words
   */
  public void markChangedTables(
      Occupancy other, long firstSlot, long endSlot, long[] among, long[] into) {
    requireComparable(other, into, "into");
    requireComparable(other, among, "among");
    int words = (bits.length + 63) >>> 6;
    for (int w = 0; w < words; w++) {
      long todo = among[w];
      while (todo != 0) {
        int t = (w << 6) + Long.numberOfTrailingZeros(todo);
        todo &= todo - 1;
        if (t < bits.length
            && isFree(t, firstSlot, endSlot) != other.isFree(t, firstSlot, endSlot)) {
          into[w] |= 1L << t;
        }
      }
    }
  }

  private void requireComparable(Occupancy other, long[] mask, String name) {
    if (other.bits.length != bits.length) {
      throw new IllegalArgumentException(
          "occupancies of different floor plans: "
              + bits.length
              + " and "
              + other.bits.length
              + " tables");
    }
    if (mask.length < (bits.length + 63) >>> 6) {
      throw new IllegalArgumentException(
          "need "
              + ((bits.length + 63) >>> 6)
              + " words for the tables, got "
              + mask.length
              + " in "
              + name);
    }
  }

  /** Whether two word arrays, each from its own first word, set the same slots. */
  private static boolean sameSlots(long[] a, long baseA, long[] b, long baseB) {
    if (a.length == 0 || b.length == 0) {
      return allZero(a.length == 0 ? b : a);
    }
    long from = Math.min(baseA, baseB);
    long to = Math.max(baseA + a.length, baseB + b.length);
    for (long w = from; w < to; w++) {
      if (wordAt(a, baseA, w) != wordAt(b, baseB, w)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(long[] words) {
    for (long w : words) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  private static long wordAt(long[] words, long base, long w) {
    long i = w - base;
    return i >= 0 && i < words.length ? words[(int) i] : 0L;
  }

  /**
   * Whether a table is free over a window.
   *
   * @param tableId the table id
   * @param window the window
   * @return true when free
   * @throws IllegalArgumentException if the table is unknown
   */
  public boolean isFree(String tableId, BookingWindow window) {
    int i = floor.indexOf(tableId);
    if (i < 0) {
      throw new IllegalArgumentException("unknown table '" + tableId + "'");
    }
    return isFree(i, window.firstSlot(), window.endSlot());
  }

  /**
   * The entries that occupy any of the tables over any slot of a window, sorted by kind and owner.
   *
   * @param tableIds the tables
   * @param window the window
   * @return the conflicting entries
   */
  public List<OccupancyEntry> conflicts(Collection<String> tableIds, BookingWindow window) {
    List<OccupancyEntry> out = new ArrayList<>();
    for (OccupancyEntry e : entries.values()) {
      if (firstSlot(e) < window.endSlot() && window.firstSlot() < endSlot(e)) {
        for (String t : e.tables()) {
          if (tableIds.contains(t)) {
            out.add(e);
            break;
          }
        }
      }
    }
    out.sort(ORDER);
    return out;
  }

  /**
   * The covers of assignments and holds whose start falls in a pacing window.
   *
   * @param pacingWindow a key from {@link SeatingPolicy#pacingWindow}
   * @return the covers, 0 when none
   */
  public int pacingCovers(long pacingWindow) {
    return pacingCovers.getOrDefault(pacingWindow, 0);
  }

  /**
   * The entry of a kind and owner.
   *
   * @param kind the kind
   * @param owner the owner id
   * @return the entry or null
   */
  public @Nullable OccupancyEntry entry(OccupancyKind kind, String owner) {
    return entries.get(kind, owner);
  }

  /**
   * All entries, sorted by kind and owner.
   *
   * @return the entries
   */
  public List<OccupancyEntry> entries() {
    List<OccupancyEntry> out = new ArrayList<>(entries.values());
    out.sort(ORDER);
    return out;
  }

  /**
   * How many entries there are.
   *
   * @return the count
   */
  public int size() {
    return entries.size();
  }

  /**
   * The number of changes since {@link #empty}: differs between any two states derived from one
   * another.
   *
   * @return the revision
   */
  public long revision() {
    return revision;
  }

  /**
   * The floor plan this occupancy is for.
   *
   * @return the floor plan
   */
  public FloorPlan floor() {
    return floor;
  }

  /**
   * The policy this occupancy is for.
   *
   * @return the policy
   */
  public SeatingPolicy policy() {
    return policy;
  }

  /**
   * The time zone of the pacing windows.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Approximate heap bytes of the slot bitsets (for the memory report).
   *
   * @return bytes
   */
  public long bitsetBytes() {
    long n = 16L + 8L * bits.length;
    for (long[] w : bits) {
      n += w.length == 0 ? 0 : 16L + 8L * w.length;
    }
    return n;
  }

  @Override
  public String toString() {
    List<String> keys = new ArrayList<>();
    for (OccupancyEntry e : entries()) {
      keys.add(e.kind() + ":" + e.owner());
    }
    return "Occupancy[entries=" + keys + ", revision=" + revision + "]";
  }
}
