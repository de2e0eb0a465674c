package dev.capacity.format;

import static dev.capacity.format.Fields.at;
import static dev.capacity.format.Fields.element;
import static dev.capacity.format.Fields.error;
import static dev.capacity.format.Fields.id;
import static dev.capacity.format.Fields.list;

import dev.capacity.Assignment;
import dev.capacity.ResultMetrics;
import dev.capacity.ResultMode;
import dev.capacity.SeatingResult;
import dev.capacity.Unassigned;
import dev.capacity.format.ResultDocument.AssignmentEntry;
import dev.capacity.format.ResultDocument.MetricsEntry;
import dev.capacity.format.ResultDocument.UnassignedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Converts result documents to and from the model. Reading checks the shape of each entry (ids,
 * times, tables named once); whether the result obeys the rules is the rule checker's business.
 */
final class ResultMapping {
  private ResultMapping() {}

  static SeatingResult read(ResultDocument doc) {
    Fields.format(doc.format(), ResultDocument.FORMAT);
    String scenario = id(doc.scenario(), "scenario");
    ResultMode mode = mode(doc.mode());
    List<Assignment> assignments = new ArrayList<>();
    List<AssignmentEntry> entries = list(doc.assignments());
    for (int i = 0; i < entries.size(); i++) {
      String p = at("assignments", i);
      AssignmentEntry a = element(entries.get(i), p);
      String booking = id(a.booking(), p + ".booking");
      List<String> tables = Fields.required(a.tables(), p + ".tables");
      if (tables.isEmpty()) {
        throw error(p + ".tables", "names no table");
      }
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < tables.size(); j++) {
        String t = id(tables.get(j), at(p + ".tables", j));
        if (!seen.add(t)) {
          throw error(at(p + ".tables", j), "table '" + t + "' appears twice");
        }
      }
      Instant start = Fields.instant(a.start(), p + ".start");
      Instant end = Fields.instant(a.end(), p + ".end");
      if (!end.isAfter(start)) {
        throw error(p + ".end", "must be after start " + start + ", got " + end);
      }
      assignments.add(new Assignment(booking, tables, start, end));
    }
    List<Unassigned> unassigned = new ArrayList<>();
    List<UnassignedEntry> refused = list(doc.unassigned());
    for (int i = 0; i < refused.size(); i++) {
      String p = at("unassigned", i);
      UnassignedEntry u = element(refused.get(i), p);
      unassigned.add(
          new Unassigned(
              id(u.booking(), p + ".booking"), Fields.required(u.reason(), p + ".reason")));
    }
    MetricsEntry m = Fields.required(doc.metrics(), "metrics");
    Map<String, Double> extra = new TreeMap<>();
    m.extra()
        .forEach(
            (k, v) -> {
              if (v instanceof Number n) {
                extra.put(k, n.doubleValue());
              }
            });
    ResultMetrics metrics =
        new ResultMetrics(
            Fields.nonNegative(m.bookings(), "metrics.bookings"),
            Fields.nonNegative(m.seatedBookings(), "metrics.seatedBookings"),
            Fields.nonNegative(m.covers(), "metrics.covers"),
            Fields.nonNegative(m.seatedCovers(), "metrics.seatedCovers"),
            extra);
    return new SeatingResult(scenario, mode, assignments, unassigned, metrics);
  }

  static ResultMode mode(@Nullable String mode) {
    String m = Fields.required(mode, "mode");
    for (ResultMode r : ResultMode.values()) {
      if (modeName(r).equals(m)) {
        return r;
      }
    }
    throw error("mode", "unknown mode '" + m + "', expected fixed, online or batch");
  }

  static String modeName(ResultMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  static ResultDocument write(SeatingResult r) {
    List<AssignmentEntry> assignments = new ArrayList<>();
    for (Assignment a : r.assignments()) {
      assignments.add(
          new AssignmentEntry(
              a.booking(), a.tables(), Fields.instant(a.start()), Fields.instant(a.end())));
    }
    List<UnassignedEntry> unassigned = new ArrayList<>();
    for (Unassigned u : r.unassigned()) {
      unassigned.add(new UnassignedEntry(u.booking(), u.reason()));
    }
    ResultMetrics m = r.metrics();
    Map<String, Object> extra = new LinkedHashMap<>(m.extra());
    return new ResultDocument(
        ResultDocument.FORMAT,
        r.scenario(),
        modeName(r.mode()),
        assignments,
        unassigned,
        new MetricsEntry(m.bookings(), m.seatedBookings(), m.covers(), m.seatedCovers(), extra));
  }
}
