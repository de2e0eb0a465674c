package dev.capacity;

/**
 * Weights of the ranking terms. A plan's score is a penalty: lower ranks first. See {@code
 * docs/scoring.md} for each term.
 *
 * @param emptySeat per empty seat, scaled by the demand multiplier
 * @param combination per extra table ({@code tables - 1})
 * @param adjacencyDepth per step of the plan's adjacency depth (0 for one table)
 * @param maxScarcityAmplification the most the combination penalty is multiplied by for scarce
 *     tables (at least 1)
 * @param fragmentation per slot of free time the plan leaves unusable on its tables
 * @param scarcity per unit of scarcity of the tables used
 * @param lookahead per known future booking the plan leaves unseatable (soft lookahead)
 */
public record ScoringWeights(
    double emptySeat,
    double combination,
    double adjacencyDepth,
    double maxScarcityAmplification,
    double fragmentation,
    double scarcity,
    double lookahead) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a weight is negative or not finite, or the amplification is
   *     below 1
   */
  public ScoringWeights {
    check(emptySeat, "emptySeat");
    check(combination, "combination");
    check(adjacencyDepth, "adjacencyDepth");
    check(maxScarcityAmplification, "maxScarcityAmplification");
    check(fragmentation, "fragmentation");
    check(scarcity, "scarcity");
    check(lookahead, "lookahead");
    if (maxScarcityAmplification < 1) {
      throw new IllegalArgumentException(
          "scoring weight maxScarcityAmplification must be at least 1, got "
              + maxScarcityAmplification);
    }
  }

  private static void check(double w, String name) {
    if (!Double.isFinite(w) || w < 0) {
      throw new IllegalArgumentException(
          "scoring weight " + name + " must be finite and not negative, got " + w);
    }
  }

  /**
   * The default weights: empty seat 100, combination 1, adjacency depth 0, amplification 1 (none),
   * fragmentation 0.5 per wasted slot, scarcity 0, lookahead 150. Empty seats dominate,
   * fragmentation then breaks ties between equally tight plans; these were chosen by replaying the
   * bundled scenarios (see {@code docs/scoring.md}), where the old system's weights seated fewer
   * covers than a plain greedy.
   *
   * @return the defaults
   */
  public static ScoringWeights defaults() {
    return new ScoringWeights(100, 1, 0, 1, 0.5, 0, 150);
  }

  /**
   * The old system's weights: empty seat 5, combination 3, adjacency depth 1, amplification up to
   * 3, fragmentation 2, scarcity 1, lookahead 25.
   *
   * @return the legacy weights
   */
  public static ScoringWeights legacy() {
    return new ScoringWeights(5, 3, 1, 3, 2, 1, 25);
  }

  /**
   * A plain greedy: fewest empty seats, then fewest tables; nothing else counts.
   *
   * @return the greedy weights
   */
  public static ScoringWeights greedy() {
    return new ScoringWeights(100, 1, 0, 1, 0, 0, 0);
  }
}
