package dev.capacity.internal.planner;

import dev.capacity.Occupancy;

/**
 * Which tables are free over one slot range of one occupancy, tested lazily, once per table, into a
 * bitset. Searches over the same range share one instance (a lookahead's known bookings cluster on
 * the same start times), so each table is tested at most once per range and quote.
 *
 * <p>Not thread-safe: one instance per quote.
 */
final class FreeTables {
  private final Occupancy occupancy;
  private final long firstSlot;
  private final long endSlot;

  /** Free tables, valid where {@link #tested} has the bit. */
  private final long[] free;

  private final long[] tested;

  FreeTables(Occupancy occupancy, long firstSlot, long endSlot, int tableCount) {
    this.occupancy = occupancy;
    this.firstSlot = firstSlot;
    this.endSlot = endSlot;
    free = new long[(tableCount + 63) >>> 6];
    tested = new long[free.length];
  }

  /** Whether the table with this index is free over the whole range. */
  boolean isFree(int table) {
    int w = table >>> 6;
    long bit = 1L << table;
    if ((tested[w] & bit) == 0) {
      test(w, bit);
    }
    return (free[w] & bit) != 0;
  }

  /** Whether every table of a mask (one bit per table index) is free over the whole range. */
  boolean allFree(long[] mask) {
    for (int w = 0; w < mask.length; w++) {
      long m = mask[w];
      if (m == 0) {
        continue;
      }
      if ((m & ~tested[w]) != 0) {
        test(w, m);
      }
      if ((m & ~free[w]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Tests the tables of one word's bits against the occupancy, once each. */
  private void test(int w, long bits) {
    long todo = bits & ~tested[w];
    while (todo != 0) {
      int t = (w << 6) + Long.numberOfTrailingZeros(todo);
      todo &= todo - 1;
      if (occupancy.isFree(t, firstSlot, endSlot)) {
        free[w] |= 1L << t;
      }
    }
    tested[w] |= bits;
  }
}
