package dev.capacity.check;

import dev.capacity.Assignment;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.FloorPlan;
import dev.capacity.Pacing;
import dev.capacity.PlanRules;
import dev.capacity.ResultMetrics;
import dev.capacity.Rule;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.SeatingResult;
import dev.capacity.Unassigned;
import dev.capacity.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges a result against its scenario by the ten rules of "What makes a result valid" in the
 * scenario format, and lists <em>every</em> broken rule as a {@link Violation} naming the bookings
 * and tables involved. It trusts nothing the planner says: windows, overlaps, pacing and metrics
 * are recomputed from the scenario.
 *
 * <ul>
 *   <li>Rules 1 to 5 (tables, combination, capacity, party limits, booking zone) are judged per
 *       assignment by {@link PlanRules#check}, the same code the planner and the stores use.
 *   <li>Rule 6: an assignment's start and end are those of the booking's window ({@link
 *       SeatingPolicy#window(Booking, ZoneId)}: explicit end, or start plus turn time) and the
 *       start lies in a service period ({@link SeatingPolicy#inService}).
 *   <li>Rule 7: per table, no two bookings' blocked ranges {@code [start, end + buffer)}, rounded
 *       outwards to slots ({@link SeatingPolicy#window(Instant, Instant, String)}), share a slot;
 *       and none shares a slot with a block of the table ({@code [start, end)} rounded outwards).
 *   <li>Rule 8: each existing assignment appears with the same tables, start and end.
 *   <li>Rule 9: per pacing window ({@link SeatingPolicy#pacingWindow}), the party sizes of the
 *       seated bookings starting in it add up to at most {@code maxCovers}.
 *   <li>Rule 10: each booking appears exactly once in assignments and unassigned together, no entry
 *       names an unknown booking, and the four counts of the metrics agree with the lists.
 * </ul>
 *
 * <p>Implementation note: overlaps are found per table by sorting its windows by first slot and
 * comparing each only with the following windows that start before it ends, so the cost is {@code
 * O(n log n)} plus the number of overlapping pairs. A pair of bookings that overlaps on several
 * tables gives one violation naming all of them.
 *
 * <p>Stateless and thread-safe.
 */
public final class RuleChecker {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final Comparator<Violation> BY_RULE =
      Comparator.comparingInt(v -> v.rule().number());

  private final Scenario scenario;
  private final SeatingResult result;
  private final SeatingPolicy policy;
  private final FloorPlan floor;
  private final ZoneId zone;
  private final Map<String, Booking> bookings = new LinkedHashMap<>();
  private final List<Violation> out = new ArrayList<>();

  private RuleChecker(Scenario scenario, SeatingResult result) {
    this.scenario = scenario;
    this.result = result;
    this.policy = scenario.policy();
    this.floor = scenario.floor();
    this.zone = scenario.restaurant().timeZone();
    scenario.bookings().forEach(b -> bookings.put(b.id(), b));
  }

  /**
   * Checks a result against its scenario.
   *
   * @param scenario the scenario the result claims to seat
   * @param result the result
   * @return every broken rule, and the metrics recomputed from the lists
   * @throws NullPointerException if an argument is null
   */
  public static CheckReport check(Scenario scenario, SeatingResult result) {
    return new RuleChecker(scenario, result).run();
  }

  private CheckReport run() {
    Map<String, Assignment> seated = new LinkedHashMap<>();
    List<Assignment> known = new ArrayList<>();
    for (Assignment a : result.assignments()) {
      if (!bookings.containsKey(a.booking())) {
        add(Rule.METRICS, "assignment names an unknown booking " + a.booking(), a);
        continue;
      }
      if (seated.putIfAbsent(a.booking(), a) != null) {
        add(Rule.METRICS, "booking " + a.booking() + " is assigned more than once", a);
      }
      known.add(a);
    }
    for (Assignment a : known) {
      Booking b = bookings.get(a.booking());
      if (b != null) {
        planRules(b, a);
        times(b, a);
      }
    }
    overlaps(known);
    existing(seated);
    pacing(seated);
    ResultMetrics metrics = listsAndMetrics(seated);
    out.sort(BY_RULE);
    return new CheckReport(out, metrics);
  }

  // ----------------------------------------------------------------------------- rules 1 - 5

  private void planRules(Booking b, Assignment a) {
    for (Violation v :
        PlanRules.check(floor, policy, b.id(), b.partySize(), b.zone(), a.tables())) {
      out.add(
          new Violation(
              v.rule(),
              "booking " + b.id() + " on " + String.join("+", a.tables()) + ": " + v.message(),
              v.bookings(),
              v.tables()));
    }
  }

  // ---------------------------------------------------------------------------------- rule 6

  private void times(Booking b, Assignment a) {
    if (!policy.inService(b.start(), zone)) {
      add(
          Rule.TIMES,
          "booking "
              + b.id()
              + " starts at "
              + local(b.start())
              + " local time, outside every service period",
          a);
      return;
    }
    BookingWindow w;
    try {
      w = policy.window(b, zone);
    } catch (IllegalArgumentException e) {
      add(Rule.TIMES, "booking " + b.id() + " has no window: " + e.getMessage(), a);
      return;
    }
    if (!a.start().equals(w.start())) {
      add(
          Rule.TIMES,
          "assignment of " + b.id() + " starts at " + a.start() + ", the booking at " + w.start(),
          a);
    }
    if (!a.end().equals(w.end())) {
      add(
          Rule.TIMES,
          "assignment of "
              + b.id()
              + " ends at "
              + a.end()
              + ", the booking's window ends at "
              + w.end()
              + (b.end() == null ? " (start plus turn time)" : " (its explicit end)"),
          a);
    }
  }

  // ---------------------------------------------------------------------------------- rule 7

  private record Occupied(String booking, BookingWindow window) {}

  private record Pair(String first, String second) {}

  private void overlaps(List<Assignment> known) {
    Map<String, List<Occupied>> byTable = new TreeMap<>();
    for (Assignment a : known) {
      BookingWindow w = policy.window(a.start(), a.end(), null);
      for (String t : a.tables()) {
        if (floor.table(t) != null) { // an unknown table is rule 1's
          byTable.computeIfAbsent(t, k -> new ArrayList<>()).add(new Occupied(a.booking(), w));
        }
      }
    }
    Map<String, List<Block>> blocksByTable = new HashMap<>();
    for (Block b : scenario.blocks()) {
      blocksByTable.computeIfAbsent(b.table(), k -> new ArrayList<>()).add(b);
    }
    Map<Pair, Set<String>> pairs = new LinkedHashMap<>();
    Map<Pair, BookingWindow[]> windows = new HashMap<>();
    Map<Pair, Set<String>> blocked = new LinkedHashMap<>();
    for (Map.Entry<String, List<Occupied>> e : byTable.entrySet()) {
      String table = e.getKey();
      List<Occupied> list = e.getValue();
      list.sort(
          Comparator.comparingLong((Occupied o) -> o.window().firstSlot())
              .thenComparing(Occupied::booking));
      for (int i = 0; i < list.size(); i++) {
        Occupied x = list.get(i);
        for (int j = i + 1;
            j < list.size() && list.get(j).window().firstSlot() < x.window().endSlot();
            j++) {
          Occupied y = list.get(j);
          if (x.booking().equals(y.booking())) {
            continue;
          }
          boolean ordered = x.booking().compareTo(y.booking()) < 0;
          Pair p =
              ordered ? new Pair(x.booking(), y.booking()) : new Pair(y.booking(), x.booking());
          pairs.computeIfAbsent(p, k -> new TreeSet<>()).add(table);
          windows.putIfAbsent(
              p,
              ordered
                  ? new BookingWindow[] {x.window(), y.window()}
                  : new BookingWindow[] {y.window(), x.window()});
        }
      }
      for (Block block : blocksByTable.getOrDefault(table, List.of())) {
        long first = policy.slotOf(block.start());
        long end = policy.slotAtOrAfter(block.end());
        for (Occupied o : list) {
          if (o.window().firstSlot() < end && first < o.window().endSlot()) {
            blocked
                .computeIfAbsent(new Pair(o.booking(), block.id()), k -> new TreeSet<>())
                .add(table);
          }
        }
      }
    }
    for (Map.Entry<Pair, Set<String>> e : pairs.entrySet()) {
      Pair p = e.getKey();
      BookingWindow[] w = windows.get(p);
      List<String> tables = List.copyOf(e.getValue());
      String message =
          (tables.size() == 1 ? "table " : "tables ")
              + String.join(", ", tables)
              + (tables.size() == 1 ? " carries " : " carry ")
              + p.first()
              + " and "
              + p.second()
              + " over overlapping windows"
              + (w == null
                  ? ""
                  : " ("
                      + p.first()
                      + " "
                      + blockedRange(w[0])
                      + ", "
                      + p.second()
                      + " "
                      + blockedRange(w[1])
                      + " local, buffer "
                      + policy.bufferMinutes()
                      + " min included)");
      out.add(new Violation(Rule.OVERLAP, message, List.of(p.first(), p.second()), tables));
    }
    Map<String, Block> blocksById = new HashMap<>();
    scenario.blocks().forEach(b -> blocksById.put(b.id(), b));
    for (Map.Entry<Pair, Set<String>> e : blocked.entrySet()) {
      Pair p = e.getKey();
      Block block = blocksById.get(p.second());
      List<String> tables = List.copyOf(e.getValue());
      out.add(
          new Violation(
              Rule.OVERLAP,
              "booking "
                  + p.first()
                  + " on table "
                  + String.join(", ", tables)
                  + " overlaps block "
                  + p.second()
                  + (block == null
                      ? ""
                      : " (" + local(block.start()) + "-" + localTime(block.end()) + " local)"),
              List.of(p.first()),
              tables));
    }
  }

  private String blockedRange(BookingWindow w) {
    return localTime(w.start()) + "-" + localTime(w.blockedUntil());
  }

  // ---------------------------------------------------------------------------------- rule 8

  private void existing(Map<String, Assignment> seated) {
    for (Assignment ex : scenario.existingAssignments()) {
      Assignment a = seated.get(ex.booking());
      String was = ex.booking() + " on " + String.join("+", ex.tables());
      if (a == null) {
        out.add(
            new Violation(
                Rule.EXISTING,
                "existing assignment of " + was + " is missing from the assignments",
                List.of(ex.booking()),
                ex.tables()));
      } else if (!a.tables().equals(ex.tables())) {
        out.add(
            new Violation(
                Rule.EXISTING,
                "existing assignment of " + was + " was moved to " + String.join("+", a.tables()),
                List.of(ex.booking()),
                union(ex.tables(), a.tables())));
      } else if (!a.start().equals(ex.start()) || !a.end().equals(ex.end())) {
        out.add(
            new Violation(
                Rule.EXISTING,
                "existing assignment of "
                    + was
                    + " ran "
                    + ex.start()
                    + " to "
                    + ex.end()
                    + ", the result has "
                    + a.start()
                    + " to "
                    + a.end(),
                List.of(ex.booking()),
                ex.tables()));
      }
    }
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  // ---------------------------------------------------------------------------------- rule 9

  private void pacing(Map<String, Assignment> seated) {
    Pacing pacing = policy.pacing();
    if (pacing == null) {
      return;
    }
    Map<Long, Integer> covers = new TreeMap<>();
    Map<Long, List<String>> who = new HashMap<>();
    for (String id : seated.keySet()) {
      Booking b = bookings.get(id);
      if (b == null) {
        continue;
      }
      long key = policy.pacingWindow(b.start(), zone);
      covers.merge(key, b.partySize(), Integer::sum);
      who.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
    }
    int perDay = 1440 / pacing.windowMinutes();
    for (Map.Entry<Long, Integer> e : covers.entrySet()) {
      if (e.getValue() > pacing.maxCovers()) {
        long key = e.getKey();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(key, (long) perDay));
        LocalTime from =
            LocalTime.MIN.plusMinutes((long) Math.floorMod(key, perDay) * pacing.windowMinutes());
        List<String> ids = who.getOrDefault(key, List.of());
        out.add(
            new Violation(
                Rule.PACING,
                "pacing window "
                    + day
                    + " "
                    + HH_MM.format(from)
                    + "-"
                    + HH_MM.format(from.plusMinutes(pacing.windowMinutes()))
                    + " local has "
                    + e.getValue()
                    + " covers from "
                    + ids.size()
                    + " bookings, more than maxCovers "
                    + pacing.maxCovers(),
                ids,
                List.of()));
      }
    }
  }

  // --------------------------------------------------------------------------------- rule 10

  private ResultMetrics listsAndMetrics(Map<String, Assignment> seated) {
    Set<String> refused = new HashSet<>();
    for (Unassigned u : result.unassigned()) {
      List<String> b = List.of(u.booking());
      if (!bookings.containsKey(u.booking())) {
        out.add(
            new Violation(
                Rule.METRICS, "unassigned names an unknown booking " + u.booking(), b, List.of()));
      } else if (!refused.add(u.booking())) {
        out.add(
            new Violation(
                Rule.METRICS,
                "booking " + u.booking() + " is listed more than once in unassigned",
                b,
                List.of()));
      } else if (seated.containsKey(u.booking())) {
        out.add(
            new Violation(
                Rule.METRICS,
                "booking " + u.booking() + " is both assigned and unassigned",
                b,
                List.of()));
      }
    }
    int covers = 0;
    int seatedCovers = 0;
    for (Booking b : bookings.values()) {
      covers += b.partySize();
      if (seated.containsKey(b.id())) {
        seatedCovers += b.partySize();
      } else if (!refused.contains(b.id())) {
        out.add(
            new Violation(
                Rule.METRICS,
                "booking " + b.id() + " appears neither in assignments nor in unassigned",
                List.of(b.id()),
                List.of()));
      }
    }
    ResultMetrics expected =
        new ResultMetrics(bookings.size(), seated.size(), covers, seatedCovers, Map.of());
    ResultMetrics given = result.metrics();
    metric("bookings", given.bookings(), expected.bookings());
    metric("seatedBookings", given.seatedBookings(), expected.seatedBookings());
    metric("covers", given.covers(), expected.covers());
    metric("seatedCovers", given.seatedCovers(), expected.seatedCovers());
    return expected;
  }

  private void metric(String name, int given, int expected) {
    if (given != expected) {
      out.add(
          new Violation(
              Rule.METRICS,
              "metrics." + name + " is " + given + ", the lists give " + expected,
              List.of(),
              List.of()));
    }
  }

  // ----------------------------------------------------------------------------------- helpers

  private void add(Rule rule, String message, Assignment a) {
    out.add(new Violation(rule, message, List.of(a.booking()), a.tables()));
  }

  private String local(Instant t) {
    return t.atZone(zone).toLocalDateTime().toLocalDate() + " " + localTime(t);
  }

  private String localTime(Instant t) {
    return HH_MM.format(t.atZone(zone).toLocalTime());
  }
}
