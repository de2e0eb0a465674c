package dev.capacity.format;

import dev.capacity.Adjacency;
import dev.capacity.Assignment;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.Combination;
import dev.capacity.FloorPlan;
import dev.capacity.Pacing;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts a model scenario to a document. Every value the rules depend on is written explicitly
 * (defaults included); empty optional lists are left out, as are block ids of the default form
 * {@code block-<index>}.
 */
final class ScenarioWriter {
  private ScenarioWriter() {}

  static String defaultBlockId(int index) {
    return "block-" + index;
  }

  static ScenarioDocument write(Scenario s) {
    FloorPlan floor = s.floor();
    List<ZoneEntry> zones = new ArrayList<>();
    for (Zone z : floor.zones()) {
      zones.add(new ZoneEntry(z.id(), z.name()));
    }
    List<TableEntry> tables = new ArrayList<>();
    for (Table t : floor.tables()) {
      tables.add(
          new TableEntry(
              t.id(),
              t.zone(),
              t.capacity(),
              t.minPartySize(),
              t.maxPartySize(),
              t.combinable(),
              t.active(),
              t.attributes().isEmpty() ? null : t.attributes()));
    }
    List<List<String>> adjacency = new ArrayList<>();
    for (Adjacency e : floor.adjacency()) {
      adjacency.add(List.of(e.a(), e.b()));
    }
    List<CombinationEntry> combinations = new ArrayList<>();
    for (Combination c : floor.combinations()) {
      combinations.add(
          new CombinationEntry(c.id(), c.tables(), c.minPartySize(), c.maxPartySize()));
    }
    List<BookingEntry> bookings = new ArrayList<>();
    for (Booking b : s.bookings()) {
      Instant end = b.end();
      bookings.add(
          new BookingEntry(
              b.id(),
              b.partySize(),
              Fields.instant(b.start()),
              end == null ? null : Fields.instant(end),
              Fields.instant(b.createdAt()),
              b.zone()));
    }
    List<ExistingAssignmentEntry> existing = new ArrayList<>();
    for (Assignment a : s.existingAssignments()) {
      existing.add(new ExistingAssignmentEntry(a.booking(), a.tables()));
    }
    List<BlockEntry> blocks = new ArrayList<>();
    for (int i = 0; i < s.blocks().size(); i++) {
      Block b = s.blocks().get(i);
      blocks.add(
          new BlockEntry(
              b.id().equals(defaultBlockId(i)) ? null : b.id(),
              b.table(),
              Fields.instant(b.start()),
              Fields.instant(b.end())));
    }
    return new ScenarioDocument(
        ScenarioDocument.FORMAT,
        s.name(),
        new RestaurantEntry(s.restaurant().id(), s.restaurant().timeZone().getId()),
        policy(s.policy()),
        zones,
        tables,
        adjacency,
        nullIfEmpty(combinations),
        bookings,
        nullIfEmpty(existing),
        nullIfEmpty(blocks));
  }

  static PolicyEntry policy(SeatingPolicy p) {
    List<ServicePeriodEntry> periods = new ArrayList<>();
    for (ServicePeriod sp : p.servicePeriods()) {
      periods.add(
          new ServicePeriodEntry(
              sp.name(), Fields.localTime(sp.start()), Fields.localTime(sp.end())));
    }
    Map<String, List<TurnMinutesEntry>> perService = new LinkedHashMap<>();
    p.serviceTurnTimes().forEach((k, v) -> perService.put(k, turnTimes(v)));
    Pacing pacing = p.pacing();
    return new PolicyEntry(
        p.slotMinutes(),
        p.bufferMinutes(),
        nullIfEmpty(turnTimes(p.turnTimes())),
        perService.isEmpty() ? null : perService,
        nullIfEmpty(periods),
        p.kMax(),
        p.maxOverage(),
        p.adjacencyMode().name().toLowerCase(Locale.ROOT),
        p.adjacencyMinPartySize(),
        p.sameZone(),
        pacing == null ? null : new PacingEntry(pacing.windowMinutes(), pacing.maxCovers()));
  }

  private static List<TurnMinutesEntry> turnTimes(List<TurnTime> rows) {
    List<TurnMinutesEntry> out = new ArrayList<>();
    for (TurnTime t : rows) {
      out.add(new TurnMinutesEntry(t.upToPartySize(), t.minutes()));
    }
    return out;
  }

  private static <T> @Nullable List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : List.copyOf(list);
  }
}
