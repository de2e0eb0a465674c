package dev.capacity;

/** Why the planner passed over a unit while answering a quote; counted in the diagnostics. */
public enum Rejection {
  /** A table of the unit is occupied (assignment, live hold or block) over the window. */
  OCCUPIED,
  /** The unit is outside the booking's required zone. */
  ZONE,
  /** The party is outside a lone table's or a predefined combination's limits. */
  PARTY_LIMITS,
  /** Hard lookahead: the unit would leave a known booking unseatable. */
  LOOKAHEAD
}
