package dev.capacity.internal.commit;

import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.FloorPlan;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Pacing;
import dev.capacity.PlanRules;
import dev.capacity.Reason;
import dev.capacity.Refusal;
import dev.capacity.RestaurantContext;
import dev.capacity.Rule;
import dev.capacity.RuleVerdict;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import dev.capacity.Violation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Judges one plan for one booking against a floor plan, policy and occupancy: rules 1-5 through
 * {@link PlanRules} (never re-implemented here), the start inside a service period and the window
 * (rule 6), overlap with entries of other owners (rule 7) and pacing (rule 9). A booking's own hold
 * and assignment never count against it (pitfall H1).
 *
 * <p>The refusal, when there is one, takes the first reason in this order: unknown table, inactive
 * table, broken rule, outside service, no turn time, conflict, pacing; it carries every violation
 * found, so a caller can give each rule its verdict.
 *
 * <p>Stateless and thread-safe. The occupancy must not contain expired holds.
 */
public final class PlanCheck {
  private static final List<Rule> RULES =
      List.of(
          Rule.TABLES,
          Rule.COMBINATION,
          Rule.CAPACITY,
          Rule.PARTY_LIMITS,
          Rule.BOOKING_ZONE,
          Rule.TIMES,
          Rule.OVERLAP,
          Rule.PACING);

  private PlanCheck() {}

  /**
   * The outcome of a check.
   *
   * @param refusal the refusal, or null when the plan may be written
   * @param verdicts one verdict per rule, in rule order
   * @param window the booking's window, or null when it has none
   * @param tables the plan's distinct table ids, sorted
   */
  public record Result(
      @Nullable Refusal refusal,
      List<RuleVerdict> verdicts,
      @Nullable BookingWindow window,
      List<String> tables) {
    /** Copies the lists. */
    public Result {
      verdicts = List.copyOf(verdicts);
      tables = List.copyOf(tables);
    }
  }

  /**
   * Refuses a malformed table list (pitfall P4.1): null, empty, a null or blank id, or an id given
   * twice.
   *
   * @param bookingId the booking, for the message
   * @param tables the table ids as the caller gave them
   * @return the {@link Reason#INVALID_REQUEST} refusal, or null when the list is well formed
   */
  @SuppressWarnings("NullAway") // defends against null from callers outside NullAway's reach
  public static @Nullable Refusal invalidTables(String bookingId, @Nullable List<String> tables) {
    if (tables == null || tables.isEmpty()) {
      return Refusal.of(
          Reason.INVALID_REQUEST,
          "the plan for booking '" + bookingId + "' names no table (the table list is empty)");
    }
    Set<String> seen = new HashSet<>();
    for (String t : tables) {
      if (t == null || t.isBlank()) {
        return Refusal.of(
            Reason.INVALID_REQUEST,
            "the plan for booking '" + bookingId + "' has a null or blank table id: " + tables);
      }
      if (!seen.add(t)) {
        return Refusal.of(
            Reason.INVALID_REQUEST,
            "the plan for booking '" + bookingId + "' names table '" + t + "' twice: " + tables);
      }
    }
    return null;
  }

  /**
   * Checks a well-formed plan (see {@link #invalidTables}).
   *
   * @param ctx the restaurant, floor plan and policy
   * @param occupancy what occupies the tables, without expired holds, built for {@code ctx}
   * @param booking the booking
   * @param tables the plan's table ids, distinct and non-null
   * @return the result
   */
  public static Result check(
      RestaurantContext ctx, Occupancy occupancy, Booking booking, List<String> tables) {
    FloorPlan floor = ctx.floor();
    SeatingPolicy policy = ctx.policy();
    ZoneId zone = ctx.restaurant().timeZone();
    List<String> sorted = List.copyOf(new TreeSet<>(tables));
    Map<Rule, List<Violation>> by = new EnumMap<>(Rule.class);
    List<Violation> all = new ArrayList<>();
    for (Violation v :
        PlanRules.check(floor, policy, booking.id(), booking.partySize(), booking.zone(), sorted)) {
      of(by, v.rule()).add(v);
      all.add(v);
    }
    Reason reason = null;
    List<String> known = new ArrayList<>();
    boolean unknown = false;
    boolean inactive = false;
    for (String id : sorted) {
      Table t = floor.table(id);
      if (t == null) {
        unknown = true;
      } else {
        known.add(id);
        inactive |= !t.active();
      }
    }
    if (unknown) {
      reason = Reason.UNKNOWN_TABLE;
    } else if (inactive) {
      reason = Reason.TABLE_INACTIVE;
    } else if (!all.isEmpty()) {
      reason = Reason.RULE_BROKEN;
    }

    // rule 6: the start inside a service period, and a window
    BookingWindow window = null;
    List<Violation> times = of(by, Rule.TIMES);
    List<String> b = List.of(booking.id());
    ServicePeriod period = policy.servicePeriodAt(booking.start(), zone);
    if (!policy.inService(booking.start(), zone)) {
      times.add(
          new Violation(
              Rule.TIMES,
              "booking '"
                  + booking.id()
                  + "' starts at "
                  + booking.start().atZone(zone).toLocalDateTime()
                  + " local time, outside every service period",
              b,
              List.of()));
      reason = reason == null ? Reason.OUTSIDE_SERVICE : reason;
    } else if (booking.end() == null
        && policy.turnMinutes(booking.partySize(), period == null ? null : period.name()) < 0) {
      times.add(
          new Violation(
              Rule.TIMES,
              "no turn time covers a party of "
                  + booking.partySize()
                  + " (booking '"
                  + booking.id()
                  + "') and it has no end",
              b,
              List.of()));
      reason = reason == null ? Reason.NO_TURN_TIME : reason;
    } else {
      window = policy.window(booking, zone);
    }
    all.addAll(times);

    // rule 7: overlap with entries of other owners
    List<OccupancyEntry> conflicts = new ArrayList<>();
    if (window != null) {
      conflicts = conflicts(occupancy, booking.id(), known, window);
      for (OccupancyEntry e : conflicts) {
        Violation v = overlap(booking, known, e, zone);
        of(by, Rule.OVERLAP).add(v);
        all.add(v);
      }
      if (!conflicts.isEmpty() && reason == null) {
        reason = Reason.CONFLICT;
      }
      // rule 9: pacing
      Violation pacing = pacing(policy, zone, occupancy, booking);
      if (pacing != null) {
        of(by, Rule.PACING).add(pacing);
        all.add(pacing);
        reason = reason == null ? Reason.PACING_FULL : reason;
      }
    }

    List<RuleVerdict> verdicts = new ArrayList<>();
    for (Rule r : RULES) {
      if (window == null && (r == Rule.OVERLAP || r == Rule.PACING)) {
        verdicts.add(new RuleVerdict(r, RuleVerdict.Status.NOT_CHECKED, List.of()));
      } else {
        verdicts.add(RuleVerdict.of(r, of(by, r)));
      }
    }
    Refusal refusal = null;
    if (reason != null) {
      refusal =
          new Refusal(
              reason,
              "plan "
                  + String.join("+", sorted)
                  + " for booking '"
                  + booking.id()
                  + "' (party of "
                  + booking.partySize()
                  + ") refused: "
                  + summary(all),
              all,
              conflicts,
              List.of());
    }
    return new Result(refusal, verdicts, window, sorted);
  }

  /**
   * The entries of other owners that occupy any of the tables over any slot of the window: blocks,
   * and assignments and holds of other bookings.
   *
   * @param occupancy the occupancy
   * @param owner the booking whose own entries are ignored
   * @param tables table ids of the occupancy's floor plan (unknown ids are ignored)
   * @param window the window
   * @return the conflicting entries, sorted by kind and owner
   */
  public static List<OccupancyEntry> conflicts(
      Occupancy occupancy, String owner, List<String> tables, BookingWindow window) {
    boolean busy = false;
    for (String t : tables) {
      int i = occupancy.floor().indexOf(t);
      if (i >= 0 && !occupancy.isFree(i, window.firstSlot(), window.endSlot())) {
        busy = true;
        break;
      }
    }
    if (!busy) {
      return new ArrayList<>();
    }
    List<OccupancyEntry> out = new ArrayList<>();
    for (OccupancyEntry e : occupancy.conflicts(tables, window)) {
      if (e.kind() == OccupancyKind.BLOCK || !e.owner().equals(owner)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Violation overlap(
      Booking booking, List<String> tables, OccupancyEntry e, ZoneId zone) {
    Set<String> shared = new LinkedHashSet<>(e.tables());
    shared.retainAll(tables);
    String what =
        switch (e.kind()) {
          case BLOCK -> "blocked by block '" + e.owner() + "'";
          case HOLD -> "held for booking '" + e.owner() + "'";
          case ASSIGNMENT -> "assigned to booking '" + e.owner() + "'";
        };
    List<String> bookings =
        e.kind() == OccupancyKind.BLOCK ? List.of(booking.id()) : List.of(booking.id(), e.owner());
    return new Violation(
        Rule.OVERLAP,
        "table"
            + (shared.size() > 1 ? "s " : " ")
            + String.join("+", shared)
            + " "
            + (shared.size() > 1 ? "are " : "is ")
            + what
            + " from "
            + local(e.start(), zone)
            + " until "
            + local(e.until(), zone),
        bookings,
        List.copyOf(shared));
  }

  /**
   * The pacing violation of seating a booking, its own entries not counted.
   *
   * @param policy the policy
   * @param zone the restaurant's time zone
   * @param occupancy the occupancy
   * @param booking the booking
   * @return the violation, or null when pacing allows it (or there is no pacing)
   */
  public static @Nullable Violation pacing(
      SeatingPolicy policy, ZoneId zone, Occupancy occupancy, Booking booking) {
    Pacing pacing = policy.pacing();
    if (pacing == null) {
      return null;
    }
    long w = policy.pacingWindow(booking.start(), zone);
    int covers = occupancy.pacingCovers(w);
    for (OccupancyKind kind : List.of(OccupancyKind.HOLD, OccupancyKind.ASSIGNMENT)) {
      OccupancyEntry own = occupancy.entry(kind, booking.id());
      if (own != null && policy.pacingWindow(own.start(), zone) == w) {
        covers -= own.partySize();
      }
    }
    if (covers + booking.partySize() <= pacing.maxCovers()) {
      return null;
    }
    return new Violation(
        Rule.PACING,
        covers
            + " covers already start in the "
            + pacing.windowMinutes()
            + "-minute pacing window of "
            + local(booking.start(), zone)
            + "; a party of "
            + booking.partySize()
            + " would exceed maxCovers "
            + pacing.maxCovers(),
        List.of(booking.id()),
        List.of());
  }

  private static List<Violation> of(Map<Rule, List<Violation>> by, Rule rule) {
    List<Violation> list = by.get(rule);
    if (list == null) {
      list = new ArrayList<>();
      by.put(rule, list);
    }
    return list;
  }

  private static String local(Instant t, ZoneId zone) {
    return t.atZone(zone).toLocalDateTime().toString();
  }

  private static String summary(List<Violation> violations) {
    StringBuilder s = new StringBuilder();
    for (Violation v : violations) {
      if (s.length() > 0) {
        s.append("; ");
      }
      s.append(v);
    }
    return s.toString();
  }
}
