package dev.capacity;

/**
 * The seating rules, numbered as in "What makes a result valid" of the scenario format. Every path
 * (planner, manual validation, stores, rule checker) enforces exactly these.
 */
public enum Rule {
  /** 1. Distinct, existing, active tables, at most kMax of them. */
  TABLES(1),
  /**
   * 2. A multi-table plan uses combinable tables, in one zone when sameZone, satisfying the
   * adjacency mode unless the party is below adjacencyMinPartySize (or is a predefined combination
   * within its own party limits).
   */
  COMBINATION(2),
  /** 3. Capacity sum at least the party, and at most maxOverage empty seats. */
  CAPACITY(3),
  /** 4. A one-table plan respects the table's minPartySize and maxPartySize. */
  PARTY_LIMITS(4),
  /** 5. A booking with a required zone is seated in that zone. */
  BOOKING_ZONE(5),
  /** 6. The plan's start and end are the booking's; the start falls inside a service period. */
  TIMES(6),
  /** 7. No table carries overlapping windows (with buffer), nor a window overlapping a block. */
  OVERLAP(7),
  /** 8. Existing assignments appear unchanged. */
  EXISTING(8),
  /** 9. Pacing holds in every window. */
  PACING(9),
  /** 10. Every booking appears exactly once and the metrics agree with the lists. */
  METRICS(10);

  private final int number;

  Rule(int number) {
    this.number = number;
  }

  /**
   * The rule's number in the scenario format.
   *
   * @return 1 to 10
   */
  public int number() {
    return number;
  }
}
