package dev.capacity.testkit;

import dev.capacity.Adjacency;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.FloorPlan;
import dev.capacity.Scenario;
import dev.capacity.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cuts a failing scenario down: repeatedly drops bookings, blocks, adjacency edges and tables (with
 * everything that names them) while the scenario still fails, until no single removal keeps it
 * failing. The result is a local minimum, usually a handful of bookings and tables.
 */
public final class Shrinker {
  private Shrinker() {}

  /**
   * Shrinks a scenario.
   *
   * @param scenario a scenario for which {@code fails} is true
   * @param fails the property's failure, true when the scenario still shows it
   * @return the smallest failing scenario found
   * @throws IllegalArgumentException if the scenario does not fail to begin with
   */
  public static Scenario shrink(Scenario scenario, Predicate<Scenario> fails) {
    if (!safe(fails, scenario)) {
      throw new IllegalArgumentException("the scenario does not fail; nothing to shrink");
    }
    Scenario current = scenario;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Function<Scenario, List<Scenario>> step :
          List.<Function<Scenario, List<Scenario>>>of(
              Shrinker::withoutOneBooking,
              Shrinker::withoutOneBlock,
              Shrinker::withoutOneEdge,
              Shrinker::withoutOneTable)) {
        for (Scenario smaller : step.apply(current)) {
          if (safe(fails, smaller)) {
            current = smaller;
            progress = true;
            break;
          }
        }
      }
    }
    return current;
  }

  private static boolean safe(Predicate<Scenario> fails, Scenario s) {
    try {
      return fails.test(s);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Scenario with(
      Scenario s, FloorPlan floor, List<Booking> bookings, List<Block> blocks) {
    return new Scenario(s.name(), s.restaurant(), s.policy(), floor, bookings, List.of(), blocks);
  }

  static List<Scenario> withoutOneBooking(Scenario s) {
    List<Scenario> out = new ArrayList<>();
    for (int i = 0; i < s.bookings().size(); i++) {
      List<Booking> fewer = new ArrayList<>(s.bookings());
      fewer.remove(i);
      out.add(with(s, s.floor(), fewer, s.blocks()));
    }
    return out;
  }

  static List<Scenario> withoutOneBlock(Scenario s) {
    List<Scenario> out = new ArrayList<>();
    for (int i = 0; i < s.blocks().size(); i++) {
      List<Block> fewer = new ArrayList<>(s.blocks());
      fewer.remove(i);
      out.add(with(s, s.floor(), s.bookings(), fewer));
    }
    return out;
  }

  static List<Scenario> withoutOneEdge(Scenario s) {
    List<Scenario> out = new ArrayList<>();
    FloorPlan f = s.floor();
    for (int i = 0; i < f.adjacency().size(); i++) {
      List<Adjacency> fewer = new ArrayList<>(f.adjacency());
      fewer.remove(i);
      out.add(
          with(
              s,
              FloorPlan.of(f.zones(), f.tables(), fewer, f.combinations()),
              s.bookings(),
              s.blocks()));
    }
    return out;
  }

  static List<Scenario> withoutOneTable(Scenario s) {
    List<Scenario> out = new ArrayList<>();
    FloorPlan f = s.floor();
    if (f.tables().size() <= 1) {
      return out;
    }
    for (Table gone : f.tables()) {
      List<Table> tables = new ArrayList<>(f.tables());
      tables.remove(gone);
      List<Adjacency> edges = new ArrayList<>();
      for (Adjacency e : f.adjacency()) {
        if (!e.a().equals(gone.id()) && !e.b().equals(gone.id())) {
          edges.add(e);
        }
      }
      Set<String> keep = new HashSet<>();
      tables.forEach(t -> keep.add(t.id()));
      List<dev.capacity.Combination> combos = new ArrayList<>();
      for (dev.capacity.Combination c : f.combinations()) {
        if (keep.containsAll(c.tables())) {
          combos.add(c);
        }
      }
      List<Block> blocks = new ArrayList<>();
      for (Block b : s.blocks()) {
        if (keep.contains(b.table())) {
          blocks.add(b);
        }
      }
      out.add(with(s, FloorPlan.of(f.zones(), tables, edges, combos), s.bookings(), blocks));
    }
    return out;
  }
}
