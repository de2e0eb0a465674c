package dev.capacity.jdbc;

import dev.capacity.Adjacency;
import dev.capacity.AdjacencyMode;
import dev.capacity.CacheSettings;
import dev.capacity.Combination;
import dev.capacity.DemandRule;
import dev.capacity.FloorPlan;
import dev.capacity.Lookahead;
import dev.capacity.LookaheadMode;
import dev.capacity.Pacing;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.ScoringWeights;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import dev.capacity.TurnTime;
import dev.capacity.Zone;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a restaurant, its floor plan and its policy as the JSON document {@code save_restaurant}
 * takes, and reads them back from the tables, so that the read context has the same versions as the
 * saved one.
 *
 * <p>Stateless and thread-safe.
 */
final class RestaurantRows {
  private RestaurantRows() {}

  /**
   * The time zone as PostgreSQL names it: a region id as it is; a fixed offset as a POSIX zone
   * (whose sign convention is the opposite of ISO 8601's), so {@code +05:30} becomes {@code
   * <+0530>-05:30}.
   *
   * @param zone the zone
   * @return the name PostgreSQL reads it by
   */
  static String dbTimeZone(ZoneId zone) {
    ZoneId normalized = zone.normalized();
    if (normalized instanceof ZoneOffset offset) {
      int total = offset.getTotalSeconds();
      if (total == 0) {
        return "UTC";
      }
      int abs = Math.abs(total);
      String hhmm = String.format("%02d%02d", abs / 3600, abs / 60 % 60);
      String posix =
          String.format("%02d:%02d", abs / 3600, abs / 60 % 60)
              + (abs % 60 == 0 ? "" : String.format(":%02d", abs % 60));
      return "<" + (total > 0 ? "+" : "-") + hhmm + ">" + (total > 0 ? "-" : "+") + posix;
    }
    return zone.getId();
  }

  /**
   * The document {@code save_restaurant} takes (see {@code docs/schema.md}).
   *
   * @param restaurant the restaurant
   * @param floor its floor plan
   * @param policy its policy
   * @return the JSON text
   */
  static String document(Restaurant restaurant, FloorPlan floor, SeatingPolicy policy) {
    StringBuilder j = new StringBuilder(4096);
    j.append("{\"timeZone\":").append(Json.quote(restaurant.timeZone().getId()));
    j.append(",\"dbTimeZone\":").append(Json.quote(dbTimeZone(restaurant.timeZone())));
    j.append(",\"floorVersion\":").append(Json.quote(floor.version()));
    j.append(",\"policyVersion\":").append(Json.quote(policy.version()));
    j.append(",\"floor\":{\"zones\":[");
    String sep = "";
    for (Zone z : floor.zones()) {
      j.append(sep).append("{\"id\":").append(Json.quote(z.id()));
      j.append(",\"name\":").append(Json.quote(z.name())).append('}');
      sep = ",";
    }
    j.append("],\"tables\":[");
    sep = "";
    for (Table t : floor.tables()) {
      j.append(sep).append("{\"id\":").append(Json.quote(t.id()));
      j.append(",\"zone\":").append(Json.quote(t.zone()));
      j.append(",\"capacity\":").append(t.capacity());
      j.append(",\"minPartySize\":").append(t.minPartySize());
      j.append(",\"maxPartySize\":").append(t.maxPartySize());
      j.append(",\"combinable\":").append(t.combinable());
      j.append(",\"active\":").append(t.active());
      j.append(",\"attributes\":{");
      String s2 = "";
      for (Map.Entry<String, String> a : t.attributes().entrySet()) {
        j.append(s2).append(Json.quote(a.getKey())).append(':').append(Json.quote(a.getValue()));
        s2 = ",";
      }
      j.append("}}");
      sep = ",";
    }
    j.append("],\"adjacency\":[");
    sep = "";
    for (Adjacency e : floor.adjacency()) {
      j.append(sep).append('[').append(Json.quote(e.a())).append(',');
      j.append(Json.quote(e.b())).append(']');
      sep = ",";
    }
    j.append("],\"combinations\":[");
    sep = "";
    for (Combination c : floor.combinations()) {
      j.append(sep).append("{\"id\":").append(Json.quote(c.id())).append(",\"tables\":");
      strings(j, c.tables());
      j.append(",\"minPartySize\":").append(c.minPartySize());
      j.append(",\"maxPartySize\":").append(c.maxPartySize()).append('}');
      sep = ",";
    }
    j.append("]},\"policy\":{");
    j.append("\"slotMinutes\":").append(policy.slotMinutes());
    j.append(",\"bufferMinutes\":").append(policy.bufferMinutes());
    j.append(",\"turnTimes\":");
    turnTimes(j, policy.turnTimes());
    j.append(",\"serviceTurnTimes\":{");
    sep = "";
    for (Map.Entry<String, List<TurnTime>> e : policy.serviceTurnTimes().entrySet()) {
      j.append(sep).append(Json.quote(e.getKey())).append(':');
      turnTimes(j, e.getValue());
      sep = ",";
    }
    j.append("},\"servicePeriods\":[");
    sep = "";
    for (ServicePeriod p : policy.servicePeriods()) {
      j.append(sep).append("{\"name\":").append(Json.quote(p.name()));
      j.append(",\"start\":").append(Json.quote(p.start().toString()));
      j.append(",\"end\":").append(Json.quote(p.end().toString())).append('}');
      sep = ",";
    }
    j.append("],\"kMax\":").append(policy.kMax());
    j.append(",\"maxOverage\":").append(policy.maxOverage());
    j.append(",\"adjacencyMode\":").append(Json.quote(policy.adjacencyMode().name()));
    j.append(",\"adjacencyMinPartySize\":").append(policy.adjacencyMinPartySize());
    j.append(",\"sameZone\":").append(policy.sameZone());
    Pacing pacing = policy.pacing();
    j.append(",\"pacing\":");
    if (pacing == null) {
      j.append("null");
    } else {
      j.append("{\"windowMinutes\":").append(pacing.windowMinutes());
      j.append(",\"maxCovers\":").append(pacing.maxCovers()).append('}');
    }
    ScoringWeights w = policy.scoring();
    j.append(",\"scoring\":{\"emptySeat\":").append(decimal(w.emptySeat()));
    j.append(",\"combination\":").append(decimal(w.combination()));
    j.append(",\"adjacencyDepth\":").append(decimal(w.adjacencyDepth()));
    j.append(",\"maxScarcityAmplification\":").append(decimal(w.maxScarcityAmplification()));
    j.append(",\"fragmentation\":").append(decimal(w.fragmentation()));
    j.append(",\"scarcity\":").append(decimal(w.scarcity()));
    j.append(",\"lookahead\":").append(decimal(w.lookahead())).append('}');
    j.append(",\"demandRules\":[");
    sep = "";
    for (DemandRule d : policy.demandRules()) {
      j.append(sep).append("{\"days\":");
      strings(j, EnumSet.copyOf(d.days()).stream().map(DayOfWeek::name).toList());
      j.append(",\"from\":").append(Json.quote(d.from().toString()));
      j.append(",\"to\":").append(Json.quote(d.to().toString()));
      j.append(",\"multiplier\":").append(decimal(d.multiplier())).append('}');
      sep = ",";
    }
    Lookahead l = policy.lookahead();
    j.append("],\"lookahead\":{\"mode\":").append(Json.quote(l.mode().name()));
    j.append(",\"horizonNanos\":").append(l.horizon().toNanos());
    j.append(",\"maxBookings\":").append(l.maxBookings()).append('}');
    j.append(",\"searchBudgetNanos\":").append(policy.searchBudget().toNanos());
    j.append(",\"maxCatalogUnits\":").append(policy.maxCatalogUnits());
    CacheSettings c = policy.cache();
    j.append(",\"cache\":{\"catalogMaxEntries\":").append(c.catalogMaxEntries());
    j.append(",\"catalogExpireAfterAccessNanos\":").append(c.catalogExpireAfterAccess().toNanos());
    j.append(",\"noPlanMaxEntries\":").append(c.noPlanMaxEntries());
    j.append(",\"noPlanExpireAfterWriteNanos\":").append(c.noPlanExpireAfterWrite().toNanos());
    j.append("},\"holdTtlNanos\":").append(policy.holdTtl().toNanos());
    return j.append("}}").toString();
  }

  private static void strings(StringBuilder j, List<String> values) {
    j.append('[');
    String sep = "";
    for (String v : values) {
      j.append(sep).append(Json.quote(v));
      sep = ",";
    }
    j.append(']');
  }

  private static void turnTimes(StringBuilder j, List<TurnTime> rows) {
    j.append('[');
    String sep = "";
    for (TurnTime t : rows) {
      j.append(sep).append("{\"upToPartySize\":").append(t.upToPartySize());
      j.append(",\"minutes\":").append(t.minutes()).append('}');
      sep = ",";
    }
    j.append(']');
  }

  /** A double as a JSON number that reads back as the same double (shortest repr). */
  private static String decimal(double d) {
    return Double.toString(d);
  }

  // ------------------------------------------------------------------------------------ reading

  /** The versions and time zone of a restaurant, read in one query. */
  record Head(String timeZone, String floorVersion, String policyVersion) {}

  /**
   * Reads a restaurant's floor plan and policy, with the versions they were saved with.
   *
   * @param c a connection, ideally in a read-only repeatable-read transaction
   * @param schema the adapter's schema
   * @param restaurantId the restaurant
   * @return the context and its stored versions, or null for an unknown restaurant
   * @throws SQLException if a query fails
   */
  static @Nullable Loaded read(Connection c, String schema, String restaurantId)
      throws SQLException {
    Head head;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT time_zone, floor_version, policy_version FROM "
                + schema
                + ".restaurant WHERE restaurant_id = ?")) {
      s.setString(1, restaurantId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        head = new Head(rs.getString(1), rs.getString(2), rs.getString(3));
      }
    }
    List<Zone> zones = new ArrayList<>();
    for (List<@Nullable Object> row :
        rows(
            c,
            "SELECT zone_id, name FROM " + schema + ".zone WHERE restaurant_id = ?",
            restaurantId)) {
      zones.add(new Zone(str(row.get(0)), str(row.get(1))));
    }
    List<Table> tables = new ArrayList<>();
    for (List<@Nullable Object> row :
        rows(
            c,
            "SELECT table_id, zone_id, capacity, min_party_size, max_party_size, combinable,"
                + " active, attributes::text FROM "
                + schema
                + ".dining_table WHERE restaurant_id = ?",
            restaurantId)) {
      Map<String, String> attributes = new TreeMap<>();
      Object parsed = Json.parse(str(row.get(7)));
      if (parsed instanceof Map<?, ?> m) {
        m.forEach((k, v) -> attributes.put(String.valueOf(k), String.valueOf(v)));
      }
      tables.add(
          new Table(
              str(row.get(0)),
              str(row.get(1)),
              num(row.get(2)),
              num(row.get(3)),
              num(row.get(4)),
              (Boolean) Objects.requireNonNull(row.get(5)),
              (Boolean) Objects.requireNonNull(row.get(6)),
              attributes));
    }
    List<Adjacency> edges = new ArrayList<>();
    for (List<@Nullable Object> row :
        rows(
            c,
            "SELECT table_a, table_b FROM " + schema + ".adjacency WHERE restaurant_id = ?",
            restaurantId)) {
      edges.add(Adjacency.of(str(row.get(0)), str(row.get(1))));
    }
    List<Combination> combinations = new ArrayList<>();
    for (List<@Nullable Object> row :
        rows(
            c,
            "SELECT combination_id, table_ids, min_party_size, max_party_size FROM "
                + schema
                + ".combination WHERE restaurant_id = ?",
            restaurantId)) {
      combinations.add(
          new Combination(str(row.get(0)), strings(row.get(1)), num(row.get(2)), num(row.get(3))));
    }
    FloorPlan floor = FloorPlan.of(zones, tables, edges, combinations);
    SeatingPolicy policy = readPolicy(c, schema, restaurantId);
    Restaurant restaurant = Restaurant.of(restaurantId, head.timeZone());
    return new Loaded(new RestaurantContext(restaurant, floor, policy), head);
  }

  /**
   * A context as read, with the versions stored beside it.
   *
   * @param context the context
   * @param head the stored time zone and versions
   */
  record Loaded(RestaurantContext context, Head head) {}

  private static SeatingPolicy readPolicy(Connection c, String schema, String restaurantId)
      throws SQLException {
    SeatingPolicy.Builder b = SeatingPolicy.builder();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT slot_minutes, buffer_minutes, k_max, max_overage, adjacency_mode,"
                + " adjacency_min_party_size, same_zone, pacing_window_minutes,"
                + " pacing_max_covers, scoring_empty_seat, scoring_combination,"
                + " scoring_adjacency_depth, scoring_max_scarcity_amplification,"
                + " scoring_fragmentation, scoring_scarcity, scoring_lookahead, lookahead_mode,"
                + " lookahead_horizon_nanos, lookahead_max_bookings, search_budget_nanos,"
                + " max_catalog_units, cache_catalog_max_entries, cache_catalog_expire_nanos,"
                + " cache_no_plan_max_entries, cache_no_plan_expire_nanos, hold_ttl_nanos FROM "
                + schema
                + ".policy WHERE restaurant_id = ?")) {
      s.setString(1, restaurantId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("restaurant '" + restaurantId + "' has no policy row");
        }
        b.slotMinutes(rs.getInt(1))
            .bufferMinutes(rs.getInt(2))
            .kMax(rs.getInt(3))
            .maxOverage(rs.getInt(4))
            .adjacencyMode(AdjacencyMode.valueOf(rs.getString(5)));
        int minParty = rs.getInt(6);
        b.adjacencyMinPartySize(rs.wasNull() ? null : minParty);
        b.sameZone(rs.getBoolean(7));
        int window = rs.getInt(8);
        b.pacing(rs.wasNull() ? null : new Pacing(window, rs.getInt(9)));
        b.scoring(
            new ScoringWeights(
                rs.getDouble(10),
                rs.getDouble(11),
                rs.getDouble(12),
                rs.getDouble(13),
                rs.getDouble(14),
                rs.getDouble(15),
                rs.getDouble(16)));
        b.lookahead(
            new Lookahead(
                LookaheadMode.valueOf(rs.getString(17)),
                Duration.ofNanos(rs.getLong(18)),
                rs.getInt(19)));
        b.searchBudget(Duration.ofNanos(rs.getLong(20)));
        b.maxCatalogUnits(rs.getInt(21));
        b.cache(
            new CacheSettings(
                rs.getLong(22),
                Duration.ofNanos(rs.getLong(23)),
                rs.getLong(24),
                Duration.ofNanos(rs.getLong(25))));
        b.holdTtl(Duration.ofNanos(rs.getLong(26)));
      }
    }
    List<ServicePeriod> periods = new ArrayList<>();
    for (List<@Nullable Object> row :
        rows(
            c,
            "SELECT name, starts_at::text, ends_at::text FROM "
                + schema
                + ".policy_service_period WHERE restaurant_id = ? ORDER BY position",
            restaurantId)) {
      periods.add(
          new ServicePeriod(
              str(row.get(0)), LocalTime.parse(str(row.get(1))), LocalTime.parse(str(row.get(2)))));
    }
    b.servicePeriods(periods);
    Map<String, List<TurnTime>> turns = new LinkedHashMap<>();
    for (List<@Nullable Object> row :
        rows(
            c,
            "SELECT service, up_to_party_size, minutes FROM "
                + schema
                + ".policy_turn_time WHERE restaurant_id = ? ORDER BY service, up_to_party_size",
            restaurantId)) {
      turns
          .computeIfAbsent(str(row.get(0)), k -> new ArrayList<>())
          .add(new TurnTime(num(row.get(1)), num(row.get(2))));
    }
    b.turnTimes(turns.getOrDefault("", List.of()));
    turns.forEach(
        (service, rows) -> {
          if (!service.isEmpty()) {
            b.serviceTurnTimes(service, rows);
          }
        });
    List<DemandRule> demand = new ArrayList<>();
    for (List<@Nullable Object> row :
        rows(
            c,
            "SELECT days, from_time::text, to_time::text, multiplier FROM "
                + schema
                + ".policy_demand_rule WHERE restaurant_id = ? ORDER BY position",
            restaurantId)) {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (String d : strings(row.get(0))) {
        days.add(DayOfWeek.valueOf(d));
      }
      demand.add(
          new DemandRule(
              days,
              LocalTime.parse(str(row.get(1))),
              LocalTime.parse(str(row.get(2))),
              ((Number) Objects.requireNonNull(row.get(3))).doubleValue()));
    }
    b.demandRules(demand);
    return b.build();
  }

  private static List<List<@Nullable Object>> rows(Connection c, String sql, String restaurantId)
      throws SQLException {
    List<List<@Nullable Object>> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, restaurantId);
      try (ResultSet rs = s.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<@Nullable Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            if (v instanceof Array a) {
              v = List.of((Object[]) a.getArray());
            }
            row.add(v);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  private static String str(@Nullable Object o) {
    return String.valueOf(Objects.requireNonNull(o));
  }

  private static int num(@Nullable Object o) {
    return ((Number) Objects.requireNonNull(o)).intValue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(@Nullable Object o) {
    return (List<String>) Objects.requireNonNull(o);
  }

  /** A number from parsed JSON as an int. */
  static int intOf(@Nullable Object o) {
    return ((BigDecimal) Objects.requireNonNull(o)).intValueExact();
  }
}
