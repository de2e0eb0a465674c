package dev.capacity;

/** How the tables of a multi-table plan must touch in the adjacency graph. */
public enum AdjacencyMode {
  /** The adjacency graph restricted to the plan is connected. */
  CONNECTED,
  /** Every two tables of the plan are adjacent. */
  PAIRWISE,
  /** One table of the plan is adjacent to every other. */
  NEIGHBORS
}
