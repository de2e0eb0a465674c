package dev.capacity;

/**
 * The terms of a plan's score (a penalty: lower is better); {@link #total()} is their sum. See
 * {@code docs/scoring.md}.
 *
 * @param emptySeats empty seats times the weight times the demand multiplier
 * @param combination (tables - 1) times the weight plus the adjacency depth, amplified by the
 *     scarcity of the tables
 * @param fragmentation unusable slivers of time the plan leaves, times the weight
 * @param scarcity scarcity of the tables used, times the weight
 * @param lookahead known bookings the plan leaves unseatable, times the weight
 */
public record ScoreBreakdown(
    double emptySeats,
    double combination,
    double fragmentation,
    double scarcity,
    double lookahead) {
  /**
   * The sum of the terms.
   *
   * @return the score
   */
  public double total() {
    return emptySeats + combination + fragmentation + scarcity + lookahead;
  }
}
