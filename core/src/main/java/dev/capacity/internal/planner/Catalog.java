package dev.capacity.internal.planner;

import dev.capacity.AdjacencyMode;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.Combination;
import dev.capacity.FloorPlan;
import dev.capacity.PlanRules;
import dev.capacity.ScoringWeights;
import dev.capacity.SeatingPolicy;
import dev.capacity.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Every unit (a set of tables that may seat a party together) of a floor plan and policy, indexed
 * by capacity, with the static parts of each unit's score.
 *
 * <p>Implementation note: units are single active tables, connected sets of active combinable
 * tables of size 2..kMax (one zone when sameZone) that satisfy the adjacency mode, and the
 * predefined combinations. Connected sets are enumerated once each by growing from their lowest
 * table index and only ever adding neighbours of higher index that are not neighbours of an earlier
 * member (the ESU scheme), so no set is produced twice and none is missed. Units are sorted by
 * (capacity, size, table indices); table indices follow the floor plan's id order, so the order
 * does not depend on input order. When the enumeration exceeds the policy's {@code maxCatalogUnits}
 * the catalog gives up ({@link #tooLarge}) and quotes use the bounded search.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class Catalog {
  final FloorPlan floor;
  final int tableCount;
  final int tableWords; // 64-bit words of a table mask
  final int[] capacity;
  final int[] zone; // zone index per table
  final boolean[] combinable;
  final boolean[] active;
  final int[] minParty;
  final int[] maxParty;
  final long[][] adjacency; // neighbour bitset per table
  final double[] scarcity; // per table
  final String[] zoneIds;
  final boolean tooLarge;
  final Set<String> predefinedKeys; // Arrays.toString of sorted indices

  // units, sorted by capacity
  final int unitCount;
  final int[] unitCapacity;
  final int[][] unitTables;
  final long[][] unitMask; // table bitset per unit
  final int[] unitMin; // smallest party the unit seats
  final int[] unitMax; // largest party the unit seats
  final int[] unitZone; // zone index, or -1 when the unit spans zones
  final boolean[] unitPredefined;
  final double[] unitStaticScore; // combination + scarcity terms
  final int[] unitsFromCapacity; // first unit index with capacity >= c, for c in 0..maxCap+1
  final int maxCapacity;
  private final int largestUnit;
  private final SeatingPolicy policy;

  /** Most distinct windows one catalog keeps for lookahead before it starts afresh. */
  private static final int WINDOW_MEMO = 4096;

  /**
   * What a known booking's window depends on besides the policy: its start, its end (null: the turn
   * time decides), its party (the turn time) and the restaurant's time zone (the service period).
   * Bookings at the same time with the same party share one entry. Hashed by {@link KeyHash}.
   */
  private record WindowKey(Instant start, @Nullable Instant end, int party, ZoneId zone) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof WindowKey k
          && party == k.party
          && start.equals(k.start)
          && Objects.equals(end, k.end)
          && zone.equals(k.zone);
    }

    @Override
    public int hashCode() {
      return KeyHash.of(
          start.getEpochSecond(),
          end == null ? Long.MIN_VALUE : end.getEpochSecond(),
          party,
          zone.hashCode());
    }
  }

  /**
   * Known bookings' windows (empty: outside every service or without a turn time). A plain map,
   * emptied when it reaches {@link #WINDOW_MEMO} entries: a lookahead reads it for every known
   * booking near every quote, so a lookup must cost no more than a hash of the key.
   */
  private final Map<WindowKey, Optional<BookingWindow>> windows = new ConcurrentHashMap<>();

  /** The lookahead's free units of known bookings, carried across quotes. */
  final FreeUnits freeUnits = new FreeUnits();

  Catalog(FloorPlan floor, SeatingPolicy policy) {
    this.floor = floor;
    this.policy = policy;
    List<Table> tables = floor.tables();
    int n = tables.size();
    this.tableCount = n;
    this.tableWords = (n + 63) >>> 6;
    capacity = new int[n];
    zone = new int[n];
    combinable = new boolean[n];
    active = new boolean[n];
    minParty = new int[n];
    maxParty = new int[n];
    adjacency = new long[n][(n + 63) >>> 6];
    zoneIds = floor.zones().stream().map(z -> z.id()).toArray(String[]::new);
    Map<String, Integer> zoneIndex = new HashMap<>();
    for (int z = 0; z < zoneIds.length; z++) {
      zoneIndex.put(zoneIds[z], z);
    }
    Map<String, Integer> kindCount = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Table t = tables.get(i);
      capacity[i] = t.capacity();
      zone[i] = zoneIndex.getOrDefault(t.zone(), -1);
      combinable[i] = t.combinable();
      active[i] = t.active();
      minParty[i] = t.minPartySize();
      maxParty[i] = t.maxPartySize();
      for (String nb : floor.neighbours(t.id())) {
        int j = floor.indexOf(nb);
        adjacency[i][j >>> 6] |= 1L << j;
      }
      if (t.active()) {
        kindCount.merge(kind(t), 1, Integer::sum);
      }
    }
    scarcity = new double[n];
    for (int i = 0; i < n; i++) {
      Integer c = kindCount.get(kind(tables.get(i)));
      scarcity[i] = c == null ? 1.0 : 1.0 / c;
    }

    // enumerate
    UnitList list = new UnitList();
    Set<String> predefinedKeys = new HashSet<>();
    for (Combination c : floor.combinations()) {
      int[] idx = c.tables().stream().mapToInt(floor::indexOf).sorted().toArray();
      boolean allActive = true;
      for (int i : idx) {
        allActive &= active[i];
      }
      if (allActive) {
        predefinedKeys.add(Arrays.toString(idx));
        list.add(idx, c.minPartySize(), c.maxPartySize(), true);
      }
    }
    for (int i = 0; i < n; i++) {
      if (active[i]) {
        list.add(new int[] {i}, minParty[i], maxParty[i], false);
      }
    }
    boolean overflow = false;
    if (policy.kMax() > 1) {
      int[] members = new int[policy.kMax()];
      for (int v = 0; v < n && !overflow; v++) {
        if (!active[v] || !combinable[v]) {
          continue;
        }
        members[0] = v;
        long[] extension = new long[(n + 63) >>> 6];
        long[] closed = new long[(n + 63) >>> 6];
        closed[v >>> 6] |= 1L << v;
        addEligibleNeighbours(v, v, extension, closed, policy.sameZone());
        overflow = !grow(members, 1, extension, closed, v, policy, list, predefinedKeys);
      }
    }
    tooLarge = overflow;
    this.predefinedKeys = Set.copyOf(predefinedKeys);

    // sort units by (capacity, size, tables)
    Integer[] order = new Integer[list.size];
    for (int u = 0; u < list.size; u++) {
      order[u] = u;
    }
    int[] caps = new int[list.size];
    for (int u = 0; u < list.size; u++) {
      int s = 0;
      for (int t : list.tables.get(u)) {
        s += capacity[t];
      }
      caps[u] = s;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          if (caps[a] != caps[b]) {
            return Integer.compare(caps[a], caps[b]);
          }
          int[] ta = list.tables.get(a);
          int[] tb = list.tables.get(b);
          if (ta.length != tb.length) {
            return Integer.compare(ta.length, tb.length);
          }
          return Arrays.compare(ta, tb);
        });
    unitCount = list.size;
    unitCapacity = new int[unitCount];
    unitTables = new int[unitCount][];
    unitMask = new long[unitCount][];
    unitMin = new int[unitCount];
    unitMax = new int[unitCount];
    unitZone = new int[unitCount];
    unitPredefined = new boolean[unitCount];
    unitStaticScore = new double[unitCount];
    ScoringWeights w = policy.scoring();
    int maxCap = 0;
    for (int r = 0; r < unitCount; r++) {
      int u = order[r];
      int[] ts = list.tables.get(u);
      unitTables[r] = ts;
      unitCapacity[r] = caps[u];
      maxCap = Math.max(maxCap, caps[u]);
      unitMin[r] = list.min.get(u);
      unitMax[r] = list.max.get(u);
      unitPredefined[r] = list.predefined.get(u);
      long[] mask = new long[(n + 63) >>> 6];
      int z = zone[ts[0]];
      for (int t : ts) {
        mask[t >>> 6] |= 1L << t;
        if (zone[t] != z) {
          z = -1;
        }
      }
      unitMask[r] = mask;
      unitZone[r] = z;
      unitStaticScore[r] = staticScore(ts, w);
    }
    maxCapacity = maxCap;
    int largest = policy.kMax();
    for (int[] ts : unitTables) {
      largest = Math.max(largest, ts.length);
    }
    largestUnit = largest;
    unitsFromCapacity = new int[maxCap + 2];
    int r = 0;
    for (int c = 0; c <= maxCap + 1; c++) {
      while (r < unitCount && unitCapacity[r] < c) {
        r++;
      }
      unitsFromCapacity[c] = r;
    }
  }

  private static String kind(Table t) {
    return t.capacity() + (t.combinable() ? "c" : "s");
  }

  /** The combination and scarcity terms of a set of tables. */
  double staticScore(int[] ts, ScoringWeights w) {
    double maxScarcity = 0;
    double sumScarcity = 0;
    for (int t : ts) {
      maxScarcity = Math.max(maxScarcity, scarcity[t]);
      sumScarcity += scarcity[t];
    }
    double amplification = 1 + (w.maxScarcityAmplification() - 1) * maxScarcity;
    double combination = 0;
    if (ts.length > 1) {
      combination =
          ((ts.length - 1) * w.combination() + depth(ts) * w.adjacencyDepth()) * amplification;
    }
    return combination + sumScarcity * w.scarcity();
  }

  /**
   * The radius of the adjacency graph restricted to the tables, or 1 when not connected. Two or
   * three tables always give 1 without a search: connected, one of them touches the others (an
   * edge, a path of three around its middle, a triangle); not connected, the rule says 1. The
   * search inside multi-table quotes asks this of every candidate unit.
   */
  int depth(int[] ts) {
    if (ts.length <= 1) {
      return 0;
    }
    if (ts.length <= 3) {
      return 1;
    }
    List<String> ids = new ArrayList<>(ts.length);
    for (int t : ts) {
      ids.add(floor.tables().get(t).id());
    }
    int r = PlanRules.radius(floor, ids);
    return r < 0 ? 1 : r;
  }

  private void addEligibleNeighbours(
      int from, int root, long[] extension, long[] closed, boolean sameZone) {
    long[] nb = adjacency[from];
    for (int w = 0; w < nb.length; w++) {
      long bits = nb[w] & ~closed[w];
      while (bits != 0) {
        int j = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        closed[w] |= 1L << j;
        if (j > root && active[j] && combinable[j] && (!sameZone || zone[j] == zone[root])) {
          extension[w] |= 1L << j;
        }
      }
    }
  }

  /**
   * ESU growth: extends the connected set {@code members[0..size)} by each vertex of {@code
   * extension}. Returns false when the unit limit is exceeded.
   */
  private boolean grow(
      int[] members,
      int size,
      long[] extension,
      long[] closed,
      int root,
      SeatingPolicy policy,
      UnitList list,
      Set<String> predefinedKeys) {
    if (size == policy.kMax()) {
      return true;
    }
    long[] ext = extension.clone();
    for (int w = 0; w < ext.length; w++) {
      while (ext[w] != 0) {
        int j = (w << 6) + Long.numberOfTrailingZeros(ext[w]);
        ext[w] &= ext[w] - 1;
        members[size] = j;
        int[] unit = Arrays.copyOf(members, size + 1);
        Arrays.sort(unit);
        if (policy.adjacencyMode() == AdjacencyMode.CONNECTED || satisfiesMode(unit, policy)) {
          if (!predefinedKeys.contains(Arrays.toString(unit))) {
            list.add(unit, 1, Integer.MAX_VALUE, false);
            if (list.size > policy.maxCatalogUnits()) {
              return false;
            }
          }
        }
        // the remaining extension plus j's new exclusive neighbours
        long[] nextExt = ext.clone();
        long[] nextClosed = closed.clone();
        addEligibleNeighbours(j, root, nextExt, nextClosed, policy.sameZone());
        if (!grow(members, size + 1, nextExt, nextClosed, root, policy, list, predefinedKeys)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean satisfiesMode(int[] unit, SeatingPolicy policy) {
    return switch (policy.adjacencyMode()) {
      case CONNECTED -> true;
      case PAIRWISE -> {
        for (int a = 0; a < unit.length; a++) {
          for (int b = a + 1; b < unit.length; b++) {
            if (!adjacent(unit[a], unit[b])) {
              yield false;
            }
          }
        }
        yield true;
      }
      case NEIGHBORS -> {
        for (int c : unit) {
          boolean all = true;
          for (int o : unit) {
            if (o != c && !adjacent(c, o)) {
              all = false;
              break;
            }
          }
          if (all) {
            yield true;
          }
        }
        yield false;
      }
    };
  }

  boolean adjacent(int a, int b) {
    return (adjacency[a][b >>> 6] & (1L << b)) != 0;
  }

  /** Whether the tables (distinct indices) satisfy the adjacency mode. */
  boolean satisfies(int[] unit, AdjacencyMode mode) {
    if (unit.length <= 1) {
      return true;
    }
    if (mode == AdjacencyMode.CONNECTED) {
      long reached = 1L; // bit k = unit[k] reached
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int a = 0; a < unit.length; a++) {
          if ((reached & (1L << a)) == 0) {
            continue;
          }
          for (int b = 0; b < unit.length; b++) {
            if ((reached & (1L << b)) == 0 && adjacent(unit[a], unit[b])) {
              reached |= 1L << b;
              changed = true;
            }
          }
        }
      }
      return Long.bitCount(reached) == unit.length;
    }
    for (int a = 0; a < unit.length; a++) {
      boolean all = true;
      for (int b = 0; b < unit.length; b++) {
        if (a != b && !adjacent(unit[a], unit[b])) {
          if (mode == AdjacencyMode.PAIRWISE) {
            return false;
          }
          all = false;
          break;
        }
      }
      if (mode == AdjacencyMode.NEIGHBORS && all) {
        return true;
      }
    }
    return mode == AdjacencyMode.PAIRWISE;
  }

  @Nullable String zoneId(int z) {
    return z < 0 ? null : zoneIds[z];
  }

  /** The most tables any unit has (kMax, or a larger predefined combination). */
  int largestUnit() {
    return largestUnit;
  }

  /** Approximate heap bytes of the units (for the memory report). */
  long unitBytes() {
    long bytes = 0;
    for (int u = 0; u < unitCount; u++) {
      bytes += 16 + 4L * unitTables[u].length + 16 + 8L * unitMask[u].length;
    }
    return bytes + unitCount * (4L * 4 + 1 + 8 + 16);
  }

  private static final class UnitList {
    int size;
    final List<int[]> tables = new ArrayList<>();
    final List<Integer> min = new ArrayList<>();
    final List<Integer> max = new ArrayList<>();
    final List<Boolean> predefined = new ArrayList<>();

    void add(int[] ts, int mn, int mx, boolean pre) {
      tables.add(ts);
      min.add(mn);
      max.add(mx);
      predefined.add(pre);
      size++;
    }
  }

  /**
   * A known booking's window under this catalog's policy, or null when it starts outside every
   * service period or has no turn time; kept for the next quotes (a lookahead weighs the same known
   * bookings quote after quote).
   *
   * @param booking the booking
   * @param zone the restaurant's time zone
   * @return the window, or null
   */
  @Nullable BookingWindow knownWindow(Booking booking, ZoneId zone) {
    WindowKey key = new WindowKey(booking.start(), booking.end(), booking.partySize(), zone);
    Optional<BookingWindow> known = windows.get(key);
    if (known == null) {
      known = Optional.empty();
      if (policy.inService(booking.start(), zone)) {
        try {
          known = Optional.of(policy.window(booking, zone));
        } catch (IllegalArgumentException noTurnTime) {
          // stays empty
        }
      }
      if (windows.size() >= WINDOW_MEMO) {
        windows.clear();
      }
      windows.put(key, known);
    }
    return known.orElse(null);
  }
}
