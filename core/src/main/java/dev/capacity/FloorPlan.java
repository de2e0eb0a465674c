package dev.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A restaurant's floor plan: zones, tables, undirected adjacency between tables, and predefined
 * combinations. Ids are unique; edges and combinations name only known tables; tables name only
 * known zones. Lists are sorted by id, so two floor plans with the same content are equal and have
 * the same {@link #version()} whatever order they were given in.
 *
 * <p>Immutable and thread-safe.
 */
public final class FloorPlan {
  private final List<Zone> zones;
  private final List<Table> tables;
  private final List<Adjacency> adjacency;
  private final List<Combination> combinations;
  private final Map<String, Table> tablesById;
  private final Map<String, Set<String>> neighbours;
  private final Map<String, Integer> indexById;
  private final String version;

  private FloorPlan(
      List<Zone> zones,
      List<Table> tables,
      List<Adjacency> adjacency,
      List<Combination> combinations) {
    Objects.requireNonNull(zones, "zones");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(adjacency, "adjacency");
    Objects.requireNonNull(combinations, "combinations");
    for (Object o : zones) {
      Objects.requireNonNull(o, "a zone is null");
    }
    for (Object o : tables) {
      Objects.requireNonNull(o, "a table is null");
    }
    for (Object o : adjacency) {
      Objects.requireNonNull(o, "an adjacency edge is null");
    }
    for (Object o : combinations) {
      Objects.requireNonNull(o, "a combination is null");
    }
    Checks.unique(zones.stream().map(Zone::id).toList(), "zone id");
    Checks.unique(tables.stream().map(Table::id).toList(), "table id");
    Checks.unique(combinations.stream().map(Combination::id).toList(), "combination id");
    Set<String> zoneIds = new HashSet<>();
    zones.forEach(z -> zoneIds.add(z.id()));
    Map<String, Table> byId = new HashMap<>();
    for (Table t : tables) {
      if (!zoneIds.contains(t.zone())) {
        throw new IllegalArgumentException(
            "table '" + t.id() + "' names an unknown zone '" + t.zone() + "'");
      }
      byId.put(t.id(), t);
    }
    Map<String, Set<String>> nb = new HashMap<>();
    Set<Adjacency> edges = new TreeSet<>(ADJ_ORDER);
    for (Adjacency e : adjacency) {
      for (String end : List.of(e.a(), e.b())) {
        if (!byId.containsKey(end)) {
          throw new IllegalArgumentException(
              "adjacency " + e.a() + "-" + e.b() + " names an unknown table '" + end + "'");
        }
      }
      edges.add(e);
      nb.computeIfAbsent(e.a(), k -> new TreeSet<>()).add(e.b());
      nb.computeIfAbsent(e.b(), k -> new TreeSet<>()).add(e.a());
    }
    Set<List<String>> comboSets = new HashSet<>();
    for (Combination c : combinations) {
      for (String t : c.tables()) {
        if (!byId.containsKey(t)) {
          throw new IllegalArgumentException(
              "combination '" + c.id() + "' names an unknown table '" + t + "'");
        }
      }
      if (!comboSets.add(c.tables())) {
        throw new IllegalArgumentException(
            "combination '" + c.id() + "' repeats the tables of another combination");
      }
    }
    this.zones = zones.stream().sorted(Comparator.comparing(Zone::id)).toList();
    this.tables = tables.stream().sorted(Comparator.comparing(Table::id)).toList();
    this.adjacency = List.copyOf(edges);
    this.combinations =
        combinations.stream().sorted(Comparator.comparing(Combination::id)).toList();
    this.tablesById = Map.copyOf(byId);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < this.tables.size(); i++) {
      index.put(this.tables.get(i).id(), i);
    }
    this.indexById = Map.copyOf(index);
    Map<String, Set<String>> frozen = new HashMap<>();
    nb.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    this.neighbours = Map.copyOf(frozen);
    Canonical c = new Canonical();
    c.field("zones", this.zones)
        .field("tables", this.tables)
        .field("adjacency", this.adjacency)
        .field("combinations", this.combinations);
    this.version = c.version();
  }

  private static final Comparator<Adjacency> ADJ_ORDER =
      Comparator.comparing(Adjacency::a).thenComparing(Adjacency::b);

  /**
   * Builds a floor plan.
   *
   * @param zones the zones
   * @param tables the tables
   * @param adjacency undirected edges (duplicates are merged)
   * @param combinations predefined combinations
   * @return the floor plan
   * @throws NullPointerException if a list or an element is null
   * @throws IllegalArgumentException if an id repeats, or an edge, table or combination names
   *     something unknown
   */
  public static FloorPlan of(
      List<Zone> zones,
      List<Table> tables,
      List<Adjacency> adjacency,
      List<Combination> combinations) {
    return new FloorPlan(zones, tables, adjacency, combinations);
  }

  /**
   * Builds a floor plan without predefined combinations.
   *
   * @param zones the zones
   * @param tables the tables
   * @param adjacency undirected edges
   * @return the floor plan
   * @throws IllegalArgumentException as {@link #of(List, List, List, List)}
   */
  public static FloorPlan of(List<Zone> zones, List<Table> tables, List<Adjacency> adjacency) {
    return new FloorPlan(zones, tables, adjacency, List.of());
  }

  /**
   * The zones, sorted by id.
   *
   * @return the zones
   */
  public List<Zone> zones() {
    return zones;
  }

  /**
   * The tables, sorted by id.
   *
   * @return the tables
   */
  public List<Table> tables() {
    return tables;
  }

  /**
   * The edges, sorted.
   *
   * @return the adjacency edges
   */
  public List<Adjacency> adjacency() {
    return adjacency;
  }

  /**
   * The predefined combinations, sorted by id.
   *
   * @return the combinations
   */
  public List<Combination> combinations() {
    return combinations;
  }

  /**
   * The table with an id.
   *
   * @param id the id
   * @return the table, or null when there is none
   */
  public @Nullable Table table(String id) {
    return tablesById.get(id);
  }

  /**
   * The position of a table in {@link #tables()}.
   *
   * @param id the table id
   * @return its index, or -1 for an unknown table
   */
  public int indexOf(String id) {
    Integer i = indexById.get(id);
    return i == null ? -1 : i;
  }

  /**
   * The ids of the tables adjacent to a table.
   *
   * @param id the table id
   * @return its neighbours, empty for an unknown table or one without edges
   */
  public Set<String> neighbours(String id) {
    return neighbours.getOrDefault(id, Set.of());
  }

  /**
   * Whether two tables are adjacent.
   *
   * @param a one id
   * @param b another id
   * @return true when an edge joins them
   */
  public boolean adjacent(String a, String b) {
    return neighbours(a).contains(b);
  }

  /**
   * A stable hash of the complete canonical content: equal floor plans have equal versions, and any
   * change to a zone, table, edge or combination changes it (pitfall S8).
   *
   * @return 16 hex digits
   */
  public String version() {
    return version;
  }

  /**
   * Returns a copy with one table replaced (same id).
   *
   * @param table the new table
   * @return the copy
   * @throws IllegalArgumentException if no table has that id or the result is invalid
   */
  public FloorPlan withTable(Table table) {
    if (!tablesById.containsKey(table.id())) {
      throw new IllegalArgumentException("no table '" + table.id() + "' to replace");
    }
    List<Table> copy = new ArrayList<>(tables);
    copy.replaceAll(t -> t.id().equals(table.id()) ? table : t);
    return new FloorPlan(zones, copy, adjacency, combinations);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FloorPlan f
        && zones.equals(f.zones)
        && tables.equals(f.tables)
        && adjacency.equals(f.adjacency)
        && combinations.equals(f.combinations);
  }

  @Override
  public int hashCode() {
    return version.hashCode();
  }

  @Override
  public String toString() {
    return "FloorPlan[tables="
        + tables.size()
        + ", zones="
        + zones.size()
        + ", edges="
        + adjacency.size()
        + ", version="
        + version
        + "]";
  }
}
