package dev.capacity;

import java.util.List;

/**
 * One ranked way to seat a booking now.
 *
 * @param tables the table ids, sorted
 * @param capacity the seats of the tables together
 * @param emptySeats {@code capacity - partySize}
 * @param score the ranking penalty, lower first
 * @param breakdown the score's terms
 * @param lookaheadBlocked ids of known, not yet assigned bookings this plan would leave unseatable
 *     (soft lookahead penalised it for each)
 */
public record PlanOption(
    List<String> tables,
    int capacity,
    int emptySeats,
    double score,
    ScoreBreakdown breakdown,
    List<String> lookaheadBlocked) {
  /** Copies the lists. */
  public PlanOption {
    tables = List.copyOf(tables);
    lookaheadBlocked = List.copyOf(lookaheadBlocked);
  }
}
