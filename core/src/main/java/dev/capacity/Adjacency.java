package dev.capacity;

/**
 * An undirected adjacency edge between two tables; {@code a} sorts before {@code b}.
 *
 * @param a the id that sorts first
 * @param b the id that sorts second
 */
public record Adjacency(String a, String b) {
  /**
   * Validates and orders the ends.
   *
   * @throws NullPointerException if an end is null
   * @throws IllegalArgumentException if an end is blank or both ends are the same table
   */
  public Adjacency {
    Checks.id(a, "adjacency end");
    Checks.id(b, "adjacency end");
    if (a.equals(b)) {
      throw new IllegalArgumentException("adjacency of table '" + a + "' with itself");
    }
    if (a.compareTo(b) > 0) {
      String t = a;
      a = b;
      b = t;
    }
  }

  /**
   * An edge between two tables, in either order.
   *
   * @param x one table id
   * @param y the other table id
   * @return the edge
   */
  public static Adjacency of(String x, String y) {
    return new Adjacency(x, y);
  }
}
