package dev.capacity.benchmarks;

import dev.capacity.FloorPlan;
import dev.capacity.Occupancy;
import dev.capacity.Planner;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.format.ScenarioFiles;
import dev.capacity.internal.planner.DefaultPlanner;
import dev.capacity.spi.TimeSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * The memory a floor plan's unit catalog and a day's occupancy take, for every bundled scenario: a
 * plain report, not a JMH benchmark.
 *
 * <p>Per scenario: the tables; the catalog's units and its size as the planner estimates it ({@link
 * DefaultPlanner#catalogBytes}: unit arrays only) and as measured by JOL (every object the catalog
 * reaches, less the floor plan it refers to); the occupancy of the fixed-mode replay's result
 * (blocks and every assignment), its entries, its bitsets as {@link Occupancy#bitsetBytes()}
 * estimates them, and all of it as measured by JOL (entries, map, bitsets, pacing; less the floor
 * plan, policy and time zone it refers to).
 *
 * <p>Run with: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.capacity.benchmarks.MemoryReport} (prints a Markdown table; JOL may warn that it cannot
 * attach, which does not change the figures).
 *
 * <p>Thread-safe: every call works on its own objects.
 */
public final class MemoryReport {
  static {
    // JOL cannot read field offsets of records through Unsafe; this makes it work them out.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private MemoryReport() {}

  /**
   * One scenario's figures.
   *
   * @param scenario the bundled scenario's name
   * @param tables tables of the floor plan
   * @param catalogUnits units in the catalog (-1: too large, the planner searches instead)
   * @param catalogBytesEstimate {@link DefaultPlanner#catalogBytes}
   * @param catalogBytesMeasured the catalog's object graph less the floor plan, by JOL
   * @param occupancyEntries entries of the day's occupancy (blocks and assignments)
   * @param bitsetBytesEstimate {@link Occupancy#bitsetBytes()}
   * @param occupancyBytesMeasured the occupancy's object graph less floor plan, policy and zone
   */
  public record Row(
      String scenario,
      int tables,
      int catalogUnits,
      long catalogBytesEstimate,
      long catalogBytesMeasured,
      int occupancyEntries,
      long bitsetBytesEstimate,
      long occupancyBytesMeasured) {}

  /**
   * The figures of every bundled scenario, smallest first.
   *
   * @return one row per scenario
   */
  public static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String name : ScenarioFiles.NAMES) {
      rows.add(row(name));
    }
    return rows;
  }

  /**
   * The figures of one bundled scenario.
   *
   * @param name the scenario's name
   * @return the row
   */
  public static Row row(String name) {
    Scenario s = Day.scenario(name);
    DefaultPlanner planner = new DefaultPlanner(TimeSource.system());
    Day day = Day.replay(s, planner);
    FloorPlan floor = s.floor();
    SeatingPolicy policy = s.policy();
    Object catalog = catalog(planner, floor, policy);
    long catalogMeasured =
        GraphLayout.parseInstance(catalog).subtract(GraphLayout.parseInstance(floor)).totalSize();
    Occupancy o = day.occupancy;
    long occupancyMeasured =
        GraphLayout.parseInstance(o)
            .subtract(GraphLayout.parseInstance(floor, policy, o.zone()))
            .totalSize();
    return new Row(
        name,
        floor.tables().size(),
        planner.catalogUnits(floor, policy),
        planner.catalogBytes(floor, policy),
        catalogMeasured,
        o.size(),
        o.bitsetBytes(),
        occupancyMeasured);
  }

  /** The planner's cached catalog object (package-private in core), by reflection. */
  private static Object catalog(Planner planner, FloorPlan floor, SeatingPolicy policy) {
    try {
      Method m =
          DefaultPlanner.class.getDeclaredMethod("catalog", FloorPlan.class, SeatingPolicy.class);
      m.setAccessible(true);
      Object c = m.invoke(planner, floor, policy);
      if (c == null) {
        throw new IllegalStateException("the planner returned no catalog");
      }
      return c;
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot reach DefaultPlanner.catalog(FloorPlan, SeatingPolicy)"
              + "\nMaybe: the planner's internals changed; update MemoryReport",
          e);
    }
  }

  /**
   * Prints the report as a Markdown table.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println(
        "| scenario | tables | catalog units | catalog bytes (estimate) | catalog bytes (JOL) |"
            + " occupancy entries | bitset bytes (estimate) | occupancy bytes (JOL) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows()) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %d | %d | %d | %d | %d |%n",
          r.scenario(),
          r.tables(),
          r.catalogUnits(),
          r.catalogBytesEstimate(),
          r.catalogBytesMeasured(),
          r.occupancyEntries(),
          r.bitsetBytesEstimate(),
          r.occupancyBytesMeasured());
    }
  }
}
