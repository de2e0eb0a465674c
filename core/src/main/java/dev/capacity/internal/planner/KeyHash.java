package dev.capacity.internal.planner;

/**
 * Hash codes for the planner's memo keys, which are made of slot numbers, party sizes and
 * identities.
 *
 * <p>A record's generated hash code is {@code 31 * h + next} over its components. For keys such as
 * (party, zone, first slot, end slot) the first slot then only moves bits five and up ({@code 31 *
 * first + end} with {@code end = first + length} is {@code 32 * first + length}), while a hash map
 * picks its bucket from the low bits. Keys that differ only in their slots, the common case in one
 * quote's lookahead, share buckets; the buckets grow into trees and every lookup walks them. This
 * hash mixes every bit of every part into the low bits.
 *
 * <p>Stateless and thread-safe.
 */
final class KeyHash {
  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  private KeyHash() {}

  /**
   * A well-mixed hash of four numbers (pass 0 for unused ones): they are folded together, then
   * finished with the 64-bit mixer of MurmurHash3, so that a change in any bit of any of them
   * changes about half the bits of the result.
   *
   * @param a the first number
   * @param b the second
   * @param c the third
   * @param d the fourth
   * @return the hash
   */
  static int of(long a, long b, long c, long d) {
    long h = a;
    h = h * GOLDEN + b;
    h = h * GOLDEN + c;
    h = h * GOLDEN + d;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
