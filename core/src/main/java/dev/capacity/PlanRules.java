package dev.capacity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The time-independent seating rules (1 to 5) for one plan: which tables may seat a party together.
 * The planner proposes only plans this accepts, and the stores and the rule checker judge plans
 * with it, so every path decides alike (pitfalls P1.7, P2.1, P2.3, S5, S6).
 *
 * <p>Stateless and thread-safe.
 */
public final class PlanRules {
  private PlanRules() {}

  /**
   * Lists every time-independent rule a plan breaks.
   *
   * @param floor the floor plan
   * @param policy the policy
   * @param bookingId the booking's id (for the messages)
   * @param partySize the party
   * @param requiredZone the zone the booking must be seated in, or null
   * @param tableIds the plan's tables
   * @return the violations, empty when the plan is valid
   * @throws NullPointerException if an argument other than {@code requiredZone} is null
   */
  public static List<Violation> check(
      FloorPlan floor,
      SeatingPolicy policy,
      String bookingId,
      int partySize,
      @Nullable String requiredZone,
      List<String> tableIds) {
    List<Violation> out = new ArrayList<>();
    List<String> b = List.of(bookingId);
    if (tableIds.isEmpty()) {
      out.add(new Violation(Rule.TABLES, "the plan names no table", b, List.of()));
      return out;
    }
    Set<String> seen = new HashSet<>();
    List<Table> tables = new ArrayList<>();
    for (String id : tableIds) {
      if (id == null) {
        out.add(new Violation(Rule.TABLES, "the plan names a null table id", b, List.of()));
        return out;
      }
      if (!seen.add(id)) {
        out.add(new Violation(Rule.TABLES, "table '" + id + "' appears twice", b, List.of(id)));
        continue;
      }
      Table t = floor.table(id);
      if (t == null) {
        out.add(new Violation(Rule.TABLES, "unknown table '" + id + "'", b, List.of(id)));
        continue;
      }
      if (!t.active()) {
        out.add(new Violation(Rule.TABLES, "table '" + id + "' is inactive", b, List.of(id)));
      }
      tables.add(t);
    }
    if (tables.size() < seen.size()) {
      return out;
    }
    List<String> ids = List.copyOf(new TreeSet<>(seen));
    Combination combo = predefined(floor, ids);
    if (combo == null && ids.size() > policy.kMax()) {
      out.add(
          new Violation(Rule.TABLES, ids.size() + " tables exceed kMax " + policy.kMax(), b, ids));
    }
    if (ids.size() > 1) {
      if (combo != null) {
        if (partySize < combo.minPartySize() || partySize > combo.maxPartySize()) {
          out.add(
              new Violation(
                  Rule.COMBINATION,
                  "party of "
                      + partySize
                      + " is outside combination '"
                      + combo.id()
                      + "' limits "
                      + combo.minPartySize()
                      + ".."
                      + combo.maxPartySize(),
                  b,
                  ids));
        }
      } else {
        for (Table t : tables) {
          if (!t.combinable()) {
            out.add(
                new Violation(
                    Rule.COMBINATION,
                    "table '" + t.id() + "' is not combinable",
                    b,
                    List.of(t.id())));
          }
        }
        if (policy.sameZone() && tables.stream().map(Table::zone).distinct().count() > 1) {
          out.add(new Violation(Rule.COMBINATION, "tables span several zones", b, ids));
        }
        if (policy.adjacencyRequired(partySize) && !satisfies(floor, ids, policy.adjacencyMode())) {
          out.add(
              new Violation(
                  Rule.COMBINATION,
                  "tables are not "
                      + policy.adjacencyMode().name().toLowerCase(java.util.Locale.ROOT)
                      + " in the adjacency graph",
                  b,
                  ids));
        }
      }
    }
    int capacity = tables.stream().mapToInt(Table::capacity).sum();
    if (capacity < partySize) {
      out.add(
          new Violation(
              Rule.CAPACITY,
              "capacity " + capacity + " is below the party of " + partySize,
              b,
              ids));
    } else if (capacity - partySize > policy.maxOverage()) {
      out.add(
          new Violation(
              Rule.CAPACITY,
              (capacity - partySize) + " empty seats exceed maxOverage " + policy.maxOverage(),
              b,
              ids));
    }
    if (tables.size() == 1) {
      Table t = tables.get(0);
      if (partySize < t.minPartySize() || partySize > t.maxPartySize()) {
        out.add(
            new Violation(
                Rule.PARTY_LIMITS,
                "party of "
                    + partySize
                    + " is outside table '"
                    + t.id()
                    + "' limits "
                    + t.minPartySize()
                    + ".."
                    + t.maxPartySize(),
                b,
                ids));
      }
    }
    if (requiredZone != null) {
      for (Table t : tables) {
        if (!t.zone().equals(requiredZone)) {
          out.add(
              new Violation(
                  Rule.BOOKING_ZONE,
                  "table '"
                      + t.id()
                      + "' is in zone '"
                      + t.zone()
                      + "', not '"
                      + requiredZone
                      + "'",
                  b,
                  List.of(t.id())));
        }
      }
    }
    return out;
  }

  /**
   * The predefined combination made of exactly these tables.
   *
   * @param floor the floor plan
   * @param sortedIds distinct table ids, sorted
   * @return the combination, or null
   */
  public static @Nullable Combination predefined(FloorPlan floor, List<String> sortedIds) {
    if (sortedIds.size() < 2) {
      return null;
    }
    for (Combination c : floor.combinations()) {
      if (c.tables().equals(sortedIds)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Whether distinct tables satisfy an adjacency mode; a single table always does (pitfall S5).
   *
   * @param floor the floor plan
   * @param ids distinct table ids
   * @param mode the mode
   * @return true when they touch as the mode requires
   */
  public static boolean satisfies(FloorPlan floor, List<String> ids, AdjacencyMode mode) {
    if (ids.size() <= 1) {
      return true;
    }
    return switch (mode) {
      case PAIRWISE -> {
        for (int i = 0; i < ids.size(); i++) {
          for (int j = i + 1; j < ids.size(); j++) {
            if (!floor.adjacent(ids.get(i), ids.get(j))) {
              yield false;
            }
          }
        }
        yield true;
      }
      case NEIGHBORS -> {
        for (String centre : ids) {
          boolean all = true;
          for (String other : ids) {
            if (!other.equals(centre) && !floor.adjacent(centre, other)) {
              all = false;
              break;
            }
          }
          if (all) {
            yield true;
          }
        }
        yield false;
      }
      case CONNECTED -> radius(floor, ids) >= 0;
    };
  }

  /**
   * The radius of the adjacency graph restricted to the tables: the least, over its tables, of the
   * greatest hop distance to another of them. 0 for one table.
   *
   * @param floor the floor plan
   * @param ids distinct table ids
   * @return the radius, or -1 when the restricted graph is not connected
   */
  public static int radius(FloorPlan floor, List<String> ids) {
    if (ids.size() <= 1) {
      return 0;
    }
    Set<String> members = new HashSet<>(ids);
    int best = Integer.MAX_VALUE;
    for (String source : ids) {
      int reached = 1;
      int depth = 0;
      Deque<String> frontier = new ArrayDeque<>(List.of(source));
      Set<String> seen = new HashSet<>(List.of(source));
      while (!frontier.isEmpty()) {
        Deque<String> next = new ArrayDeque<>();
        for (String t : frontier) {
          for (String n : floor.neighbours(t)) {
            if (members.contains(n) && seen.add(n)) {
              next.add(n);
              reached++;
            }
          }
        }
        if (!next.isEmpty()) {
          depth++;
        }
        frontier = next;
      }
      if (reached < ids.size()) {
        return -1;
      }
      best = Math.min(best, depth);
    }
    return best;
  }
}
