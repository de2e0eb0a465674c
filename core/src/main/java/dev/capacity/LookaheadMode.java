package dev.capacity;

/**
 * What the planner does with a plan that leaves a known, not yet assigned booking unseatable
 * (pitfall P2.7).
 */
public enum LookaheadMode {
  /** Lookahead is not computed. */
  OFF,
  /** Such plans are penalised in the ranking; results say when a penalised plan was chosen. */
  SOFT,
  /** Such plans are dropped. */
  HARD
}
