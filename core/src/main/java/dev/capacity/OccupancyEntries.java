package dev.capacity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The entries of an {@link Occupancy} by kind and owner, as a value that shares most of itself with
 * the one it was made from: a base map, shared, plus a small overlay of the changes since. A change
 * copies the overlay only; once the overlay outgrows about twice the square root of the base, the
 * two are merged into a new base. An auto-assign run adds one entry per booking to an occupancy of
 * hundreds, so a change costs tens of map operations instead of hundreds.
 *
 * <p>Immutable and thread-safe. Package-private: {@link Occupancy}'s representation.
 */
final class OccupancyEntries {
  /** An entry's identity within an occupancy. */
  record Key(OccupancyKind kind, String owner) {}

  static final OccupancyEntries EMPTY = new OccupancyEntries(Map.of(), Map.of(), 0);

  private final Map<Key, OccupancyEntry> base;

  /** Changes since the base: an entry added or replaced, or empty for one removed. */
  private final Map<Key, Optional<OccupancyEntry>> overlay;

  private final int size;

  private OccupancyEntries(
      Map<Key, OccupancyEntry> base, Map<Key, Optional<OccupancyEntry>> overlay, int size) {
    this.base = base;
    this.overlay = overlay;
    this.size = size;
  }

  /** The entry of a kind and owner, or null. */
  @Nullable OccupancyEntry get(OccupancyKind kind, String owner) {
    Key k = new Key(kind, owner);
    Optional<OccupancyEntry> changed = overlay.get(k);
    if (changed != null) {
      return changed.orElse(null);
    }
    return base.get(k);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Every entry, in no particular order. */
  List<OccupancyEntry> values() {
    List<OccupancyEntry> out = new ArrayList<>(size);
    for (Map.Entry<Key, OccupancyEntry> e : base.entrySet()) {
      if (!overlay.containsKey(e.getKey())) {
        out.add(e.getValue());
      }
    }
    for (Optional<OccupancyEntry> e : overlay.values()) {
      e.ifPresent(out::add);
    }
    return out;
  }

  /**
   * These entries with others added, each replacing the entry of its kind and owner (a later one in
   * {@code added} replaces an earlier one of the same kind and owner).
   *
   * @param added the entries to add
   * @param replaced receives the entries replaced, in order
   * @return the new entries
   */
  OccupancyEntries with(Collection<OccupancyEntry> added, List<OccupancyEntry> replaced) {
    Map<Key, Optional<OccupancyEntry>> next = new HashMap<>(overlay);
    int n = size;
    for (OccupancyEntry e : added) {
      Key k = new Key(e.kind(), e.owner());
      Optional<OccupancyEntry> before = next.put(k, Optional.of(e));
      OccupancyEntry old = before != null ? before.orElse(null) : base.get(k);
      if (old == null) {
        n++;
      } else {
        replaced.add(old);
      }
    }
    return of(next, n);
  }

  /** These entries less the one of a kind and owner (the same entries when there is none). */
  OccupancyEntries without(OccupancyKind kind, String owner) {
    OccupancyEntry e = get(kind, owner);
    return e == null ? this : without(List.of(e));
  }

  /** These entries less the given ones, which must be distinct and present in them, in one step. */
  OccupancyEntries without(Collection<OccupancyEntry> removed) {
    Map<Key, Optional<OccupancyEntry>> next = new HashMap<>(overlay);
    for (OccupancyEntry e : removed) {
      Key k = new Key(e.kind(), e.owner());
      if (base.containsKey(k)) {
        next.put(k, Optional.empty());
      } else {
        next.remove(k);
      }
    }
    return of(next, size - removed.size());
  }

  /** The base with this overlay, merged into a new base when the overlay has grown too large. */
  private OccupancyEntries of(Map<Key, Optional<OccupancyEntry>> next, int n) {
    int limit = Math.max(8, 2 * (int) Math.sqrt(base.size()));
    if (next.size() <= limit) {
      return new OccupancyEntries(base, next, n);
    }
    Map<Key, OccupancyEntry> merged = new HashMap<>(base);
    for (Map.Entry<Key, Optional<OccupancyEntry>> e : next.entrySet()) {
      if (e.getValue().isPresent()) {
        merged.put(e.getKey(), e.getValue().get());
      } else {
        merged.remove(e.getKey());
      }
    }
    return new OccupancyEntries(merged, Map.of(), n);
  }
}
