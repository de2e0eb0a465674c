package dev.capacity.format;

import static dev.capacity.format.Fields.at;
import static dev.capacity.format.Fields.element;
import static dev.capacity.format.Fields.error;
import static dev.capacity.format.Fields.id;
import static dev.capacity.format.Fields.list;
import static dev.capacity.format.Fields.positive;

import dev.capacity.Adjacency;
import dev.capacity.AdjacencyMode;
import dev.capacity.Assignment;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingStatus;
import dev.capacity.BookingWindow;
import dev.capacity.Combination;
import dev.capacity.FloorPlan;
import dev.capacity.Pacing;
import dev.capacity.Restaurant;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import dev.capacity.TurnTime;
import dev.capacity.Zone;
import dev.capacity.format.ScenarioDocument.BlockEntry;
import dev.capacity.format.ScenarioDocument.BookingEntry;
import dev.capacity.format.ScenarioDocument.CombinationEntry;
import dev.capacity.format.ScenarioDocument.ExistingAssignmentEntry;
import dev.capacity.format.ScenarioDocument.PacingEntry;
import dev.capacity.format.ScenarioDocument.PolicyEntry;
import dev.capacity.format.ScenarioDocument.RestaurantEntry;
import dev.capacity.format.ScenarioDocument.ServicePeriodEntry;
import dev.capacity.format.ScenarioDocument.TableEntry;
import dev.capacity.format.ScenarioDocument.TurnMinutesEntry;
import dev.capacity.format.ScenarioDocument.ZoneEntry;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Converts a scenario document to the model. Every field is checked before the model records are
 * built, so errors carry the document path ({@code tables[3].capacity}) rather than a model
 * message; what the model still refuses is reported with the nearest path.
 */
final class ScenarioReader {
  private final ScenarioDocument doc;
  private final Map<String, Integer> zoneIndex = new HashMap<>();
  private final Map<String, Table> tables = new HashMap<>();
  private final Map<String, Integer> bookingIndex = new HashMap<>();

  private ScenarioReader(ScenarioDocument doc) {
    this.doc = doc;
  }

  static Scenario read(ScenarioDocument doc) {
    return new ScenarioReader(doc).scenario();
  }

  private Scenario scenario() {
    Fields.format(doc.format(), ScenarioDocument.FORMAT);
    String name = id(doc.name(), "name");
    Restaurant restaurant = restaurant(doc.restaurant());
    PolicyEntry p = doc.policy();
    SeatingPolicy policy = policy(p);
    FloorPlan floor = floor();
    List<Booking> bookings = bookings();
    requireTurnTimes(policy, bookings);
    List<Assignment> existing = existing(bookings, policy, restaurant.timeZone());
    List<Block> blocks = blocks();
    try {
      return new Scenario(name, restaurant, policy, floor, bookings, existing, blocks);
    } catch (IllegalArgumentException e) {
      throw new ScenarioFormatException("", String.valueOf(e.getMessage()), e);
    }
  }

  // ------------------------------------------------------------------------------ restaurant

  static Restaurant restaurant(@Nullable RestaurantEntry r) {
    RestaurantEntry entry = Fields.required(r, "restaurant");
    String id = id(entry.id(), "restaurant.id");
    String tz = entry.timezone();
    if (tz == null) {
      throw error(
          "restaurant.timezone",
          "missing; a restaurant has no default time zone (P4.3)\n"
              + "Maybe: give an IANA time zone such as Europe/London");
    }
    if (tz.isBlank()) {
      throw error("restaurant.timezone", "must be an IANA time zone, got '" + tz + "'");
    }
    try {
      return new Restaurant(id, ZoneId.of(tz));
    } catch (DateTimeException e) {
      throw new ScenarioFormatException("restaurant.timezone", "unknown time zone '" + tz + "'", e);
    }
  }

  // ---------------------------------------------------------------------------------- policy

  static SeatingPolicy policy(@Nullable PolicyEntry entry) {
    SeatingPolicy.Builder b = SeatingPolicy.builder();
    if (entry == null) {
      return b.turnTimes(List.of()).build();
    }
    int slot = Fields.positiveOr(entry.slotMinutes(), 15, "policy.slotMinutes");
    if (1440 % slot != 0) {
      throw error("policy.slotMinutes", "must divide a day (1440 minutes), got " + slot);
    }
    b.slotMinutes(slot);
    b.bufferMinutes(Fields.nonNegativeOr(entry.bufferMinutes(), 0, "policy.bufferMinutes"));
    b.turnTimes(turnTimes(entry.turnMinutes(), "policy.turnMinutes"));
    List<ServicePeriod> periods = servicePeriods(entry.servicePeriods());
    b.servicePeriods(periods);
    Map<String, List<TurnMinutesEntry>> perService = entry.serviceTurnMinutes();
    if (perService != null) {
      for (Map.Entry<String, List<TurnMinutesEntry>> e : perService.entrySet()) {
        String path = "policy.serviceTurnMinutes." + e.getKey();
        if (periods.stream().noneMatch(sp -> sp.name().equals(e.getKey()))) {
          throw error(path, "no service period is named '" + e.getKey() + "'");
        }
        b.serviceTurnTimes(e.getKey(), turnTimes(Fields.required(e.getValue(), path), path));
      }
    }
    int kMax = Fields.positiveOr(entry.kMax(), 3, "policy.kMax");
    if (kMax > SeatingPolicy.MAX_K) {
      throw error("policy.kMax", "must be between 1 and " + SeatingPolicy.MAX_K + ", got " + kMax);
    }
    b.kMax(kMax);
    b.maxOverage(Fields.nonNegativeOr(entry.maxOverage(), 2, "policy.maxOverage"));
    String mode = entry.adjacencyMode();
    if (mode != null) {
      b.adjacencyMode(adjacencyMode(mode));
    }
    Integer minParty = entry.adjacencyMinPartySize();
    if (minParty != null) {
      b.adjacencyMinPartySize(positive(minParty, "policy.adjacencyMinPartySize"));
    }
    b.sameZone(Fields.flag(entry.sameZone(), true));
    PacingEntry pacing = entry.pacing();
    if (pacing != null) {
      int window = positive(pacing.windowMinutes(), "policy.pacing.windowMinutes");
      if (1440 % window != 0) {
        throw error(
            "policy.pacing.windowMinutes", "must divide a day (1440 minutes), got " + window);
      }
      b.pacing(new Pacing(window, positive(pacing.maxCovers(), "policy.pacing.maxCovers")));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ScenarioFormatException("policy", String.valueOf(e.getMessage()), e);
    }
  }

  static AdjacencyMode adjacencyMode(String mode) {
    for (AdjacencyMode m : AdjacencyMode.values()) {
      if (m.name().toLowerCase(Locale.ROOT).equals(mode)) {
        return m;
      }
    }
    throw error(
        "policy.adjacencyMode",
        "unknown mode '" + mode + "', expected connected, pairwise or neighbors");
  }

  private static List<TurnTime> turnTimes(@Nullable List<TurnMinutesEntry> rows, String path) {
    List<TurnTime> out = new ArrayList<>();
    int previous = 0;
    List<TurnMinutesEntry> all = list(rows);
    for (int i = 0; i < all.size(); i++) {
      String p = at(path, i);
      TurnMinutesEntry row = element(all.get(i), p);
      int upTo = positive(row.upToPartySize(), p + ".upToPartySize");
      if (upTo <= previous) {
        throw error(
            p + ".upToPartySize",
            "rows must ascend (the first row that covers a party applies): "
                + upTo
                + " follows "
                + previous);
      }
      previous = upTo;
      out.add(new TurnTime(upTo, positive(row.minutes(), p + ".minutes")));
    }
    return out;
  }

  private static List<ServicePeriod> servicePeriods(@Nullable List<ServicePeriodEntry> entries) {
    List<ServicePeriod> out = new ArrayList<>();
    List<ServicePeriodEntry> all = list(entries);
    for (int i = 0; i < all.size(); i++) {
      String p = at("policy.servicePeriods", i);
      ServicePeriodEntry e = element(all.get(i), p);
      String name = id(e.name(), p + ".name");
      LocalTime start = Fields.localTime(e.start(), p + ".start");
      LocalTime end = Fields.localTime(e.end(), p + ".end");
      if (start.equals(end)) {
        throw error(
            p + ".end",
            "equals start "
                + Fields.localTime(start)
                + "\nMaybe: leave servicePeriods out for a restaurant open all day");
      }
      ServicePeriod period = new ServicePeriod(name, start, end);
      for (int j = 0; j < out.size(); j++) {
        ServicePeriod other = out.get(j);
        if (other.name().equals(name)) {
          throw error(p + ".name", "duplicate service period name '" + name + "'");
        }
        if (other.overlaps(period)) {
          throw error(
              p,
              "'"
                  + name
                  + "' overlaps '"
                  + other.name()
                  + "' ("
                  + at("policy.servicePeriods", j)
                  + "): a start would belong to both");
        }
      }
      out.add(period);
    }
    return out;
  }

  // ----------------------------------------------------------------------------------- floor

  private FloorPlan floor() {
    List<Zone> zones = new ArrayList<>();
    List<ZoneEntry> zoneEntries = list(doc.zones());
    for (int i = 0; i < zoneEntries.size(); i++) {
      String p = at("zones", i);
      ZoneEntry z = element(zoneEntries.get(i), p);
      String id = id(z.id(), p + ".id");
      Integer before = zoneIndex.putIfAbsent(id, i);
      if (before != null) {
        throw error(p + ".id", "duplicate zone id '" + id + "' (also zones[" + before + "])");
      }
      String name = z.name();
      zones.add(new Zone(id, name == null ? id : name));
    }
    List<Table> tableList = new ArrayList<>();
    Map<String, Integer> tableIndex = new HashMap<>();
    List<TableEntry> tableEntries = list(doc.tables());
    for (int i = 0; i < tableEntries.size(); i++) {
      String p = at("tables", i);
      TableEntry t = element(tableEntries.get(i), p);
      String id = id(t.id(), p + ".id");
      Integer before = tableIndex.putIfAbsent(id, i);
      if (before != null) {
        throw error(
            p + ".id", "duplicate table id '" + id + "' (also tables[" + before + "]) (P4.1)");
      }
      String zone = id(t.zone(), p + ".zone");
      if (!zoneIndex.containsKey(zone)) {
        throw error(p + ".zone", "unknown zone '" + zone + "'");
      }
      int capacity = positive(t.capacity(), p + ".capacity");
      int min = Fields.positiveOr(t.minPartySize(), 1, p + ".minPartySize");
      Integer maxValue = t.maxPartySize();
      int max = maxValue == null ? capacity : positive(maxValue, p + ".maxPartySize");
      if (max < min) {
        throw error(
            maxValue == null ? p + ".minPartySize" : p + ".maxPartySize",
            "maxPartySize " + max + " is below minPartySize " + min);
      }
      Map<String, String> attributes = t.attributes();
      Table table =
          new Table(
              id,
              zone,
              capacity,
              min,
              max,
              Fields.flag(t.combinable(), true),
              Fields.flag(t.active(), true),
              attributes == null ? Map.of() : attributes);
      tableList.add(table);
      tables.put(id, table);
    }
    List<Adjacency> edges = new ArrayList<>();
    List<List<String>> adjacency = list(doc.adjacency());
    for (int i = 0; i < adjacency.size(); i++) {
      String p = at("adjacency", i);
      List<String> edge = element(adjacency.get(i), p);
      if (edge.size() != 2) {
        throw error(p, "an edge names two tables, got " + edge.size() + ": " + edge);
      }
      for (String end : edge) {
        if (end == null) {
          throw error(p, "null table id");
        }
        if (!tables.containsKey(end)) {
          throw error(p, "unknown table '" + end + "'");
        }
      }
      if (edge.get(0).equals(edge.get(1))) {
        throw error(p, "table '" + edge.get(0) + "' cannot be adjacent to itself");
      }
      edges.add(Adjacency.of(edge.get(0), edge.get(1)));
    }
    List<Combination> combinations = combinations();
    try {
      return FloorPlan.of(zones, tableList, edges, combinations);
    } catch (IllegalArgumentException e) {
      throw new ScenarioFormatException("", String.valueOf(e.getMessage()), e);
    }
  }

  private List<Combination> combinations() {
    List<Combination> out = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    Map<Set<String>, Integer> sets = new HashMap<>();
    List<CombinationEntry> entries = list(doc.combinations());
    for (int i = 0; i < entries.size(); i++) {
      String p = at("combinations", i);
      CombinationEntry c = element(entries.get(i), p);
      String id = id(c.id(), p + ".id");
      Integer before = ids.putIfAbsent(id, i);
      if (before != null) {
        throw error(
            p + ".id", "duplicate combination id '" + id + "' (also combinations[" + before + "])");
      }
      List<String> tableIds = tableIds(c.tables(), p + ".tables");
      if (tableIds.size() < 2) {
        throw error(p + ".tables", "a combination needs at least two tables, got " + tableIds);
      }
      Integer sameSet = sets.putIfAbsent(new TreeSet<>(tableIds), i);
      if (sameSet != null) {
        throw error(
            p + ".tables", "repeats the tables of combinations[" + sameSet + "]: " + tableIds);
      }
      int capacity = tableIds.stream().mapToInt(t -> capacityOf(t)).sum();
      int min = Fields.positiveOr(c.minPartySize(), 1, p + ".minPartySize");
      Integer maxValue = c.maxPartySize();
      int max = maxValue == null ? capacity : positive(maxValue, p + ".maxPartySize");
      if (max < min) {
        throw error(
            maxValue == null ? p + ".minPartySize" : p + ".maxPartySize",
            "maxPartySize " + max + " is below minPartySize " + min);
      }
      out.add(new Combination(id, tableIds, min, max));
    }
    return out;
  }

  private int capacityOf(String tableId) {
    Table t = tables.get(tableId);
    return t == null ? 0 : t.capacity();
  }

  /** Distinct, known table ids of a plan. */
  private List<String> tableIds(@Nullable List<String> ids, String path) {
    List<String> all = Fields.required(ids, path);
    if (all.isEmpty()) {
      throw error(path, "names no table");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      String t = id(all.get(i), at(path, i));
      if (!tables.containsKey(t)) {
        throw error(at(path, i), "unknown table '" + t + "'");
      }
      if (!seen.add(t)) {
        throw error(at(path, i), "table '" + t + "' appears twice");
      }
    }
    return List.copyOf(all);
  }

  // -------------------------------------------------------------------------------- bookings

  private List<Booking> bookings() {
    List<Booking> out = new ArrayList<>();
    List<BookingEntry> entries = list(doc.bookings());
    for (int i = 0; i < entries.size(); i++) {
      String p = at("bookings", i);
      BookingEntry b = element(entries.get(i), p);
      String id = id(b.id(), p + ".id");
      Integer before = bookingIndex.putIfAbsent(id, i);
      if (before != null) {
        throw error(p + ".id", "duplicate booking id '" + id + "' (also bookings[" + before + "])");
      }
      int party = positive(b.partySize(), p + ".partySize");
      Instant start = Fields.instant(b.start(), p + ".start");
      Instant end = Fields.optionalInstant(b.end(), p + ".end");
      if (end != null && !end.isAfter(start)) {
        throw error(p + ".end", "must be after start " + start + ", got " + end);
      }
      Instant createdAt = Fields.instant(b.createdAt(), p + ".createdAt");
      String zone = b.zone();
      if (zone != null && !zoneIndex.containsKey(id(zone, p + ".zone"))) {
        throw error(p + ".zone", "unknown zone '" + zone + "'");
      }
      out.add(new Booking(id, party, start, end, createdAt, zone, BookingStatus.PENDING));
    }
    return out;
  }

  private static void requireTurnTimes(SeatingPolicy policy, List<Booking> bookings) {
    if (!policy.turnTimes().isEmpty()) {
      return;
    }
    for (int i = 0; i < bookings.size(); i++) {
      Booking b = bookings.get(i);
      if (b.end() == null) {
        throw error(
            "policy.turnMinutes",
            "missing, but booking '"
                + b.id()
                + "' (bookings["
                + i
                + "]) has no end\nMaybe: give turnMinutes, or an end for every booking");
      }
    }
  }

  private List<Assignment> existing(List<Booking> bookings, SeatingPolicy policy, ZoneId zone) {
    List<Assignment> out = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<ExistingAssignmentEntry> entries = list(doc.existingAssignments());
    for (int i = 0; i < entries.size(); i++) {
      String p = at("existingAssignments", i);
      ExistingAssignmentEntry e = element(entries.get(i), p);
      String bookingId = id(e.booking(), p + ".booking");
      Integer index = bookingIndex.get(bookingId);
      if (index == null) {
        throw error(p + ".booking", "unknown booking '" + bookingId + "'");
      }
      Integer before = seen.putIfAbsent(bookingId, i);
      if (before != null) {
        throw error(
            p + ".booking",
            "booking '" + bookingId + "' is already seated by existingAssignments[" + before + "]");
      }
      List<String> tableIds = tableIds(e.tables(), p + ".tables");
      Booking booking = bookings.get(index);
      BookingWindow w;
      try {
        w = policy.window(booking, zone);
      } catch (IllegalArgumentException ex) {
        throw new ScenarioFormatException(
            p, "cannot derive the window of booking '" + bookingId + "': " + ex.getMessage(), ex);
      }
      out.add(new Assignment(bookingId, tableIds, w.start(), w.end()));
    }
    return out;
  }

  private List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    List<BlockEntry> entries = list(doc.blocks());
    for (int i = 0; i < entries.size(); i++) {
      String p = at("blocks", i);
      BlockEntry b = element(entries.get(i), p);
      String given = b.id();
      String id = given == null ? ScenarioWriter.defaultBlockId(i) : id(given, p + ".id");
      Integer before = ids.putIfAbsent(id, i);
      if (before != null) {
        throw error(
            given == null ? p : p + ".id",
            "duplicate block id '" + id + "' (also blocks[" + before + "])");
      }
      String table = id(b.table(), p + ".table");
      if (!tables.containsKey(table)) {
        throw error(p + ".table", "unknown table '" + table + "'");
      }
      Instant start = Fields.instant(b.start(), p + ".start");
      Instant end = Fields.instant(b.end(), p + ".end");
      if (!end.isAfter(start)) {
        throw error(p + ".end", "must be after start " + start + ", got " + end);
      }
      out.add(new Block(id, table, start, end));
    }
    return out;
  }
}
